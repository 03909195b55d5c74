"""Browser tests of the built portal: layout, accessibility, timeline filters, search.

They build nothing: build the site first (`swift build && .build/debug/sitegen build`),
then run `SITE_DIR=public pytest Tests/browser`. The folder is served over HTTP on a free
local port; headless Chromium is driven by Selenium; axe-core (4.12, vendored in
vendor/axe-core) checks accessibility with its experimental rules as well, in light and dark.

Environment:
  SITE_DIR     built site folder (default `public`)
  CHROME_BIN   Chromium/Chrome binary, when not on the default path
  AXE_SCRIPT   another axe.min.js to run instead of vendor/axe-core/axe.min.js
"""
import functools
import http.server
import json
import os
import re
import socketserver
import threading
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

SITE_DIR = os.path.abspath(os.environ.get("SITE_DIR", "public"))
WIDTHS = (375, 1280)
SCHEMES = ("light", "dark")
AXE_SCRIPT = os.environ.get("AXE_SCRIPT") or os.path.join(os.path.dirname(__file__), "vendor", "axe-core", "axe.min.js")


# ---------------------------------------------------------------- fixtures

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url():
    if not os.path.isfile(os.path.join(SITE_DIR, "index.html")):
        pytest.fail("no built site in %s (set SITE_DIR or run `sitegen build`)" % SITE_DIR)
    handler = functools.partial(_QuietHandler, directory=SITE_DIR)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


def _chrome(javascript=True):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    if os.environ.get("CHROME_BIN"):
        options.binary_location = os.environ["CHROME_BIN"]
    elif os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    browser = webdriver.Chrome(options=options)
    browser.set_script_timeout(30)
    if not javascript:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    return browser


@pytest.fixture(scope="session")
def browser():
    driver = _chrome()
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_without_js():
    driver = _chrome(javascript=False)
    yield driver
    driver.quit()


def _site_file(path):
    with open(os.path.join(SITE_DIR, path), encoding="utf-8") as handle:
        return handle.read()


def _first_link(page, prefix):
    """The first root-relative link under `prefix` in a built page, e.g. an activity."""
    match = re.search(r'href="(/%s[^"#?]+/)"' % re.escape(prefix.strip("/")), _site_file(page))
    return match.group(1) if match else None


def _main_pages():
    pages = [("home", "/"), ("timeline", "/timeline/"), ("partners", "/partners/"),
             ("action-plans", "/action-plans/"), ("search", "/search/?q=wps"), ("not-found", "/404.html")]
    partner = "/partners/philippines/"
    if not os.path.isfile(os.path.join(SITE_DIR, partner.strip("/"), "index.html")):
        partner = _first_link("partners/index.html", "/partners/")
    for name, path in (("partner", partner),
                       ("activity", _first_link("timeline/index.html", "/activities/")),
                       ("action-plan", _first_link("action-plans/index.html", "/action-plans/"))):
        if path:
            pages.append((name, path))
    index = json.loads(_site_file("data/search-index.json"))
    page = next((row[0] for row in index if not row[0].startswith(("/activities/", "/partners/", "/action-plans/"))), None)
    if page:
        pages.append(("page", page))
    pages.append(("data", "/data/"))
    for name, path in (("partners-ja", "/ja/partners/"), ("data-ja", "/ja/data/")):
        if os.path.isfile(os.path.join(SITE_DIR, path.strip("/"), "index.html")):
            pages.append((name, path))
    return pages


def _open(browser, url, width, height=900):
    browser.set_window_size(width, height)
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def _visible_entries(browser):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#timeline .entry'))"
        ".filter(function (e) { return e.offsetParent !== null; })"
        ".map(function (e) { return e.getAttribute('data-type'); });")


def _color_scheme(browser, scheme):
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": scheme},
                     # No transitions: axe reads the colours at once.
                     {"name": "prefers-reduced-motion", "value": "reduce"}]})


@functools.lru_cache(maxsize=1)
def _axe_source():
    with open(AXE_SCRIPT, encoding="utf-8") as handle:
        return handle.read()


def _axe(browser):
    """axe-core's violations on the current page, experimental rules included."""
    if not browser.execute_script("return !!window.axe"):
        browser.execute_script(_axe_source())
    return browser.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var rules = {};
        axe.getRules(['experimental']).forEach(function (rule) { rules[rule.ruleId] = { enabled: true }; });
        axe.run(document, { rules: rules, resultTypes: ['violations'] })
          .then(function (results) { done(results.violations); },
                function (error) { done([{ id: 'axe-error', help: String(error), nodes: [] }]); });
    """)


def _axe_report(violations):
    lines = []
    for violation in violations:
        lines.append("%s (%s): %s" % (violation["id"], violation.get("impact"), violation.get("help")))
        for node in violation.get("nodes", [])[:5]:
            lines.append("    %s  %s" % (node.get("target"), (node.get("failureSummary") or "").replace("\n", " ")[:300]))
    return "\n".join(lines)


def _query(browser):
    return urllib.parse.parse_qs(urllib.parse.urlparse(browser.current_url).query)


# ---------------------------------------------------------------- every main page

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,path", _main_pages() if os.path.isdir(SITE_DIR) else [])
def test_page_layout_and_accessibility(browser, base_url, name, path, width):
    _open(browser, base_url + path, width)
    if "q=" in path:
        WebDriverWait(browser, 10).until(
            lambda d: d.find_element(By.ID, "search-status").text.strip() != "")

    overflow = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];")
    assert overflow[0] <= overflow[1], "%s overflows horizontally at %d px: %r" % (path, width, overflow)

    assert len(browser.find_elements(By.TAG_NAME, "h1")) == 1, "%s must have exactly one h1" % path
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang"), "missing lang"
    assert browser.find_elements(By.CSS_SELECTOR, "a.skip-link[href='#main']"), "missing skip link"
    assert browser.find_elements(By.CSS_SELECTOR, "main#main"), "missing main landmark"

    for scheme in SCHEMES:
        _color_scheme(browser, scheme)
        violations = _axe(browser)
        assert not violations, "%s at %d px, %s:\n%s" % (path, width, scheme, _axe_report(violations))
    _color_scheme(browser, "light")


# ---------------------------------------------------------------- timeline

def _filter_form(browser):
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "timeline-filters").is_displayed())
    return browser.find_element(By.ID, "timeline-filters")


def _status(browser):
    return browser.find_element(By.CSS_SELECTOR, "#timeline-filters [role='status']")


def _box(browser, facet, value):
    return browser.find_element(By.CSS_SELECTOR, "#timeline-filters input[name='%s'][value='%s']" % (facet, value))


def _click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element)
    element.click()


def _entries_data(browser):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('#timeline .entry')).map(function (e) {"
        " return {type: e.dataset.type, year: e.dataset.year, date: e.dataset.date, partners: e.dataset.partners.split(' ').filter(Boolean),"
        " text: e.textContent, shown: e.offsetParent !== null}; });")


def test_timeline_filter_by_type(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    total = len(browser.find_elements(By.CSS_SELECTOR, "#timeline .entry"))
    assert len(_visible_entries(browser)) == total
    assert str(total) in _status(browser).text

    value = next(box.get_attribute("value") for box in browser.find_elements(By.CSS_SELECTOR, "input[name='type']"))
    expected = len(browser.find_elements(By.CSS_SELECTOR, "#timeline .entry[data-type='%s']" % value))
    assert 0 < expected < total, "pick a type that filters something"
    _click(browser, _box(browser, "type", value))

    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == expected)
    assert set(_visible_entries(browser)) == {value}
    template = _status(browser).get_attribute("data-template")
    assert _status(browser).text == template.replace("{shown}", str(expected)).replace("{total}", str(total))
    assert _query(browser).get("type") == [value]

    # Empty months and years are hidden; visible ones count what they show.
    for month in browser.find_elements(By.CSS_SELECTOR, "#timeline .month"):
        shown = [e for e in month.find_elements(By.CSS_SELECTOR, ".entry") if e.is_displayed()]
        assert month.is_displayed() == bool(shown)
        if shown:
            count = month.find_element(By.CSS_SELECTOR, ".month-heading .count-value")
            assert count.text == str(len(shown))
    for year in browser.find_elements(By.CSS_SELECTOR, "#timeline .year"):
        shown = [e for e in year.find_elements(By.CSS_SELECTOR, ".entry") if e.is_displayed()]
        assert year.is_displayed() == bool(shown)

    # 'Show all' resets the filters, the list, the status and the address.
    _click(browser, browser.find_element(By.CSS_SELECTOR, "#timeline-filters button[type='reset']"))
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == total)
    assert not _box(browser, "type", value).is_selected()
    assert _status(browser).text == template.replace("{shown}", str(total)).replace("{total}", str(total))
    assert "type" not in _query(browser)
    assert not browser.find_element(By.ID, "no-results").is_displayed()


def test_timeline_facets_take_several_values_and_count_from_the_other_filters(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    data = _entries_data(browser)
    types = sorted({e["type"] for e in data}, key=lambda t: -sum(1 for e in data if e["type"] == t))[:2]
    for value in types:
        _click(browser, _box(browser, "type", value))
    expected = sum(1 for e in data if e["type"] in types)
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == expected)
    assert sorted(_query(browser).get("type")) == sorted(types)

    # Year counts follow the chosen types; a year none of them has is a dead end, so it is disabled.
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='year']"):
        year = box.get_attribute("value")
        count = sum(1 for e in data if e["year"] == year and e["type"] in types)
        shown = box.find_element(By.XPATH, "./ancestor::label").find_element(By.CSS_SELECTOR, ".facet-count").text
        assert shown == str(count), (year, shown, count)
        assert box.is_enabled() == (count > 0)
    year = max({e["year"] for e in data if e["type"] in types})
    _click(browser, _box(browser, "year", year))
    expected = sum(1 for e in data if e["year"] == year and e["type"] in types)
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == expected)
    # Type counts now count within that year, whatever the types chosen.
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name='type']"):
        count = sum(1 for e in data if e["year"] == year and e["type"] == box.get_attribute("value"))
        assert box.find_element(By.XPATH, "./ancestor::label").find_element(By.CSS_SELECTOR, ".facet-count").text == str(count)

    # Back undoes the last change; the address holds the state.
    browser.back()
    WebDriverWait(browser, 5).until(lambda d: "year" not in _query(d))
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == sum(1 for e in data if e["type"] in types))
    assert not _box(browser, "year", year).is_selected()
    browser.forward()
    WebDriverWait(browser, 5).until(lambda d: _query(d).get("year") == [year])
    WebDriverWait(browser, 5).until(lambda d: _box(d, "year", year).is_selected())


def test_timeline_filters_restore_from_url(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    entry = browser.find_element(By.CSS_SELECTOR, "#timeline .entry[data-partners]:not([data-partners=''])")
    type_, partner = entry.get_attribute("data-type"), entry.get_attribute("data-partners").split()[0]
    expected = browser.execute_script(
        "var type = arguments[0], partner = arguments[1];"
        "return Array.from(document.querySelectorAll('#timeline .entry')).filter(function (e) {"
        " return e.dataset.type === type && e.dataset.partners.split(' ').indexOf(partner) !== -1;"
        "}).length;", type_, partner)

    _open(browser, base_url + "/timeline/?" + urllib.parse.urlencode({"type": type_, "partner": partner}), 1280)
    _filter_form(browser)
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == expected)
    assert _box(browser, "type", type_).is_selected()
    assert _box(browser, "partner", partner).is_selected()
    assert str(expected) in _status(browser).text


def test_timeline_no_results_message(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    # A year and a type that never meet, if the data has one: the address can still ask for it.
    combo = browser.execute_script(
        "var entries = Array.from(document.querySelectorAll('#timeline .entry'));"
        "var types = Array.from(new Set(entries.map(function (e) { return e.dataset.type; })));"
        "var years = Array.from(new Set(entries.map(function (e) { return e.dataset.year; })));"
        "for (var i = 0; i < types.length; i++) for (var j = 0; j < years.length; j++) {"
        "  if (!entries.some(function (e) { return e.dataset.type === types[i] && e.dataset.year === years[j]; }))"
        "    return [types[i], years[j]]; }"
        "return null;")
    if not combo:
        pytest.skip("every type occurs in every year")
    _open(browser, base_url + "/timeline/?" + urllib.parse.urlencode({"type": combo[0], "year": combo[1]}), 1280)
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "no-results").is_displayed())
    assert _visible_entries(browser) == []
    assert not any(year.is_displayed() for year in browser.find_elements(By.CSS_SELECTOR, "#timeline .year"))


def _summary_only_word(data):
    """A word of some entry's summary that no title has."""
    titles = " ".join(re.findall(r"[A-Za-z]+", " ".join(e["title"] for e in data))).lower().split()
    for e in data:
        for word in sorted(re.findall(r"[A-Za-z]{6,}", e["summary"]), key=len, reverse=True):
            if word.lower() not in titles and not any(word.lower() in t for t in titles):
                return word
    return None


def test_timeline_keyword_searches_titles_and_summaries(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    data = browser.execute_script(
        "return Array.from(document.querySelectorAll('#timeline .entry')).map(function (e) {"
        " return {title: e.querySelector('.entry-title').textContent, summary: (e.querySelector('.entry-summary') || {}).textContent || ''}; });")
    word = _summary_only_word(data)
    if not word:
        pytest.skip("no summary word that no title has")
    # The keyword also matches the activities' bodies, which the search index holds.
    bodies = {row[1]: row[7] if len(row) > 7 else "" for row in json.loads(_site_file("data/search-index.json"))}
    expected = sum(1 for e in data if word.lower() in (e["title"] + "\n" + e["summary"] + "\n" + bodies.get(e["title"].strip(), "")).lower())
    field = browser.find_element(By.ID, "filter-q")
    field.send_keys(word.upper())
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == expected)
    WebDriverWait(browser, 5).until(lambda d: _query(d).get("q") == [word.upper()])
    for entry in browser.find_elements(By.CSS_SELECTOR, "#timeline .entry"):
        if entry.is_displayed():
            title = entry.find_element(By.CSS_SELECTOR, ".entry-title").text.strip()
            assert word.lower() in (entry.text + "\n" + bodies.get(title, "")).lower()


def test_timeline_sort_and_table_view(browser, base_url):
    _open(browser, base_url + "/timeline/?sort=oldest", 1280)
    _filter_form(browser)
    dates = [e["date"] for e in _entries_data(browser) if e["shown"]]
    assert dates == sorted(dates), "oldest first"
    assert Select(browser.find_element(By.ID, "filter-sort")).first_selected_option.get_attribute("value") == "oldest"
    Select(browser.find_element(By.ID, "filter-sort")).select_by_value("newest")
    WebDriverWait(browser, 5).until(lambda d: "sort" not in _query(d))
    dates = [e["date"] for e in _entries_data(browser) if e["shown"]]
    assert dates == sorted(dates, reverse=True)

    _click(browser, browser.find_element(By.CSS_SELECTOR, "input[name='view'][value='table']"))
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "results-table").is_displayed())
    assert _query(browser).get("view") == ["table"]
    assert not browser.find_element(By.ID, "timeline").is_displayed()
    rows = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody tr")
    assert len(rows) == len(dates)
    # Sortable columns: the title column, then again the other way round.
    header = browser.find_element(By.CSS_SELECTOR, "#results-table .sort-button[data-key='title']")
    _click(browser, header)
    titles = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#results-table tbody .cell-title")]
    th = browser.find_element(By.CSS_SELECTOR, "#results-table .sort-button[data-key='title']").find_element(By.XPATH, "..")
    assert th.get_attribute("aria-sort") == "ascending"
    collated = browser.execute_script(
        "var c = new Intl.Collator(document.documentElement.lang, {sensitivity: 'base', numeric: true});"
        "return arguments[0].slice().sort(c.compare);", titles)
    assert titles == collated
    _click(browser, browser.find_element(By.CSS_SELECTOR, "#results-table .sort-button[data-key='title']"))
    again = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#results-table tbody .cell-title")]
    assert again == list(reversed(titles))
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")


def test_timeline_copy_link_and_download(browser, base_url):
    _open(browser, base_url + "/timeline/?" + urllib.parse.urlencode({"type": "seminar"}), 1280)
    _filter_form(browser)
    shown = len(_visible_entries(browser))
    if not shown:
        pytest.skip("no seminar")
    # The link copied is the address of this view.
    browser.execute_script(
        "window.__copied = null; navigator.clipboard.writeText = function (text) { window.__copied = text; return Promise.resolve(); };")
    _click(browser, browser.find_element(By.ID, "copy-link"))
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return window.__copied"))
    copied = browser.execute_script("return window.__copied")
    assert copied == browser.current_url and "type=seminar" in copied
    assert browser.find_element(By.ID, "view-message").text == browser.find_element(By.ID, "copy-link").get_attribute("data-done")

    # Downloads are made in the page from the entries shown: capture the blob.
    browser.execute_script(
        "window.__blobs = []; var make = URL.createObjectURL;"
        "URL.createObjectURL = function (blob) { window.__blobs.push(blob); return make.call(URL, blob); };")
    for kind in ("csv", "json"):
        _click(browser, browser.find_element(By.ID, "download-" + kind))
    texts = browser.execute_async_script(
        "var done = arguments[0]; Promise.all(window.__blobs.map(function (b) { return b.text(); })).then(done);")
    assert len(texts) == 2
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(texts[0].lstrip("\ufeff"))))
    assert len(rows) == shown and all(row["type"] == "seminar" for row in rows)
    assert {"id", "title", "date", "partners", "partner_names", "location", "url"} <= set(rows[0])
    records = json.loads(texts[1])
    assert [r["id"] for r in records] == [row["id"] for row in rows]
    assert all(r["url"].startswith("http") for r in records)
    assert str(shown) in browser.find_element(By.ID, "view-message").text


def test_timeline_without_javascript_shows_everything(browser_without_js, base_url):
    _open(browser_without_js, base_url + "/timeline/", 375)
    entries = browser_without_js.find_elements(By.CSS_SELECTOR, "#timeline .entry")
    assert entries
    assert all(entry.is_displayed() for entry in entries)
    assert not browser_without_js.find_element(By.ID, "timeline-filters").is_displayed()
    overflow = browser_without_js.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];")
    assert overflow[0] <= overflow[1]


# ---------------------------------------------------------------- search

def _known_title_word():
    """A word of an activity title from the index, with its url."""
    index = json.loads(_site_file("data/search-index.json"))
    for url, title, *_ in index:
        if url.startswith("/activities/"):
            words = sorted(re.findall(r"[A-Za-z]{5,}", title), key=len, reverse=True)
            if words:
                return words[0], url
    pytest.skip("no activity title with a plain word")


def _results(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#search-results .entry-title a")


def _misspelt(word):
    """The word with two neighbouring letters swapped in its middle."""
    i = len(word) // 2
    return word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]


def test_search_finds_a_title_word_and_keeps_it_in_the_url(browser, base_url):
    word, url = _known_title_word()
    _open(browser, base_url + "/search/", 1280)
    field = WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "search-input"))
    assert field.is_displayed()
    field.send_keys(word.lower())
    WebDriverWait(browser, 10).until(lambda d: any(
        a.get_attribute("href").endswith(url) for a in _results(d)))
    links = _results(browser)
    assert len(links) <= 50
    status = browser.find_element(By.ID, "search-status")
    assert re.search(r"\d", status.text)
    marks = browser.find_elements(By.CSS_SELECTOR, "#search-results mark")
    assert marks and all(m.text.lower() == word.lower() for m in marks[:5])
    WebDriverWait(browser, 5).until(lambda d: _query(d).get("q") == [word.lower()])

    # The address restores the search.
    _open(browser, base_url + "/search/?" + urllib.parse.urlencode({"q": word}), 375)
    WebDriverWait(browser, 10).until(lambda d: any(
        a.get_attribute("href").endswith(url) for a in _results(d)))
    assert browser.find_element(By.ID, "search-input").get_attribute("value") == word


def test_search_ignores_case_and_diacritics_and_reports_no_results(browser, base_url):
    word, url = _known_title_word()
    accented = word[0].upper() + word[1:].replace("e", "é", 1).replace("a", "á", 1)
    _open(browser, base_url + "/search/?" + urllib.parse.urlencode({"q": accented}), 1280)
    WebDriverWait(browser, 10).until(lambda d: any(
        a.get_attribute("href").endswith(url) for a in _results(d)))

    _open(browser, base_url + "/search/?q=zzqxjv", 1280)
    status = browser.find_element(By.ID, "search-status")
    WebDriverWait(browser, 10).until(lambda d: status.text.strip() != "")
    assert status.text == status.get_attribute("data-empty")
    assert _results(browser) == []


# ---------------------------------------------------------------- navigation on phones

def _nav_links(browser):
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('.site-nav a')).map(function (a) { return a.getAttribute('href'); });")


def _reachable(browser, element):
    """Shown, with its box inside the viewport's width (no sideways scrolling needed)."""
    box = browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return [r.left, r.right, r.width, r.height, innerWidth];", element)
    return element.is_displayed() and box[2] > 0 and box[3] > 0 and box[0] >= 0 and box[1] <= box[4]


def test_navigation_at_375_with_the_menu_button(browser, base_url):
    _open(browser, base_url + "/timeline/", 375)
    search = browser.find_element(By.CSS_SELECTOR, ".header-search")
    assert _reachable(browser, search), "Search is visible in the header"
    button = browser.find_element(By.ID, "menu-button")
    assert _reachable(browser, button)
    assert button.get_attribute("aria-expanded") == "false"
    menu = browser.find_element(By.ID, button.get_attribute("aria-controls"))
    assert not menu.is_displayed()

    button.click()
    WebDriverWait(browser, 5).until(lambda d: menu.is_displayed())
    assert button.get_attribute("aria-expanded") == "true"
    links = menu.find_elements(By.TAG_NAME, "a")
    assert len(links) >= 7
    for link in links:
        assert _reachable(browser, link), link.text
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")
    assert menu.find_element(By.CSS_SELECTOR, "a[aria-current='page']").get_attribute("href").endswith("/timeline/")

    # Escape closes it and gives the focus back to the button.
    links[0].send_keys("\ue00c")
    WebDriverWait(browser, 5).until(lambda d: not menu.is_displayed())
    assert button.get_attribute("aria-expanded") == "false"
    assert browser.switch_to.active_element == button

    # Wide screens show the whole navigation and no button.
    _open(browser, base_url + "/timeline/", 1280)
    assert not browser.find_element(By.ID, "menu-button").is_displayed()
    for link in browser.find_elements(By.CSS_SELECTOR, ".site-nav a"):
        assert _reachable(browser, link), link.text


def test_navigation_at_375_without_javascript_wraps(browser_without_js, base_url):
    _open(browser_without_js, base_url + "/", 375)
    links = browser_without_js.find_elements(By.CSS_SELECTOR, ".site-nav a")
    assert len(links) >= 7
    for link in links:
        assert _reachable(browser_without_js, link), link.text
    assert not browser_without_js.find_element(By.ID, "menu-button").is_displayed()
    assert browser_without_js.execute_script("return document.documentElement.scrollWidth <= innerWidth")


# ---------------------------------------------------------------- charts

_SMALLEST_TEXT = """
    var root = arguments[0], smallest = Infinity, where = null;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode, element = node.parentElement;
      if (!node.textContent.trim() || !element) continue;
      var rect = element.getBoundingClientRect();
      if (rect.width <= 1 || rect.height <= 1 || element.closest('.visually-hidden')) continue;
      var style = getComputedStyle(element);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      var size = parseFloat(style.fontSize);
      // Text inside an SVG is scaled with it: its size on screen is its font size times the scale.
      var svg = element.closest('svg');
      if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
        size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      }
      if (size < smallest) { smallest = size; where = node.textContent.trim().slice(0, 40); }
    }
    return [smallest, where];
"""


@pytest.mark.parametrize("path,selector", [("/", "#chart-years"), ("/", "#chart-types"), ("/action-plans/", "#chart-plans")])
def test_chart_text_is_readable_at_375(browser, base_url, path, selector):
    _open(browser, base_url + path, 375)
    chart = browser.find_element(By.CSS_SELECTOR, selector)
    smallest, text = browser.execute_script(_SMALLEST_TEXT, chart)
    assert smallest >= 12, "%s %s: %r at %.1f px" % (path, selector, text, smallest)
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")


def test_every_chart_bar_is_labelled_and_opens_the_timeline_filter(browser, base_url):
    _open(browser, base_url + "/", 375)
    links = browser.find_elements(By.CSS_SELECTOR, "#chart-years a, #chart-types a")
    assert links
    for link in links:
        href = urllib.parse.urlparse(link.get_attribute("href"))
        assert href.path.endswith("/timeline/") and not href.fragment
        query = urllib.parse.parse_qs(href.query)
        assert set(query) in ({"year"}, {"type"}), href
        label = link.find_element(By.CSS_SELECTOR, ".chart-label").text
        assert label.strip()
    years = [a.find_element(By.CSS_SELECTOR, ".chart-label").text for a in browser.find_elements(By.CSS_SELECTOR, "#chart-years .chart-columns a, #chart-years .chart-rows a")]
    # Every year in the axis has a value; no long run of empty years.
    values = [v.text for v in browser.find_elements(By.CSS_SELECTOR, "#chart-years .chart-value")]
    assert values and all(v.strip() for v in values)
    assert len(years) <= 12

    # A year bar opens the timeline with that year's filter set, as the filter itself would.
    year_link = browser.find_element(By.CSS_SELECTOR, "#chart-years .chart-columns a, #chart-years .chart-rows a")
    year = year_link.find_element(By.CSS_SELECTOR, ".chart-label").text
    _open(browser, year_link.get_attribute("href"), 1280)
    _filter_form(browser)
    assert _box(browser, "year", year).is_selected()
    assert all(e == year for e in browser.execute_script(
        "return Array.from(document.querySelectorAll('#timeline .entry')).filter(function (e) { return e.offsetParent !== null; })"
        ".map(function (e) { return e.dataset.year; });"))


def test_action_plan_chart_shows_every_edition_whole_at_1280(browser, base_url):
    _open(browser, base_url + "/action-plans/", 1280)
    rows = browser.find_elements(By.CSS_SELECTOR, "#chart-plans .time-row")
    plans = browser.find_elements(By.CSS_SELECTOR, ".plan-list h2 a")
    assert len(rows) == len(plans) > 0
    for row, plan in zip(rows, plans):
        title = row.find_element(By.CSS_SELECTOR, ".time-title")
        assert title.text == plan.text, "whole title, not cut"
        assert browser.execute_script("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", title)
        bar = row.find_element(By.CSS_SELECTOR, ".chart-bar")
        assert bar.size["width"] >= 8, "every edition has a visible bar"


# ---------------------------------------------------------------- lists and wording

def test_list_titles_are_headings_and_month_counts_follow_the_filters(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    entries = browser.find_elements(By.CSS_SELECTOR, "#timeline .entry")
    assert all(e.find_elements(By.CSS_SELECTOR, "h4.entry-title a") for e in entries)
    _open(browser, base_url + "/", 1280)
    assert browser.find_elements(By.CSS_SELECTOR, ".latest h4.entry-title a")
    assert browser.find_elements(By.CSS_SELECTOR, ".home-activities > h2 + .latest > h3")

    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    one = browser.execute_script("""
        return Array.from(document.querySelectorAll('#timeline .month')).map(function (m) {
          return [m.querySelector('.count-value').textContent, m.querySelector('.month-heading .count-noun').textContent];
        });""")
    noun_one = browser.find_element(By.CSS_SELECTOR, ".month-heading .count-noun").get_attribute("data-one")
    noun_other = browser.find_element(By.CSS_SELECTOR, ".month-heading .count-noun").get_attribute("data-other")
    for count, noun in one:
        assert noun == (noun_one if count == "1" else noun_other), (count, noun)
    _click(browser, browser.find_element(By.CSS_SELECTOR, "#timeline-filters input[name='type']:not(:disabled)"))
    WebDriverWait(browser, 5).until(lambda d: "type" in _query(d))
    for month in browser.find_elements(By.CSS_SELECTOR, "#timeline .month"):
        if not month.is_displayed():
            continue
        shown = len([e for e in month.find_elements(By.CSS_SELECTOR, ".entry") if e.is_displayed()])
        count = month.find_element(By.CSS_SELECTOR, ".count-value").text
        noun = browser.execute_script("return arguments[0].querySelector('.month-heading .count-noun').textContent", month)
        assert count == str(shown)
        assert noun == (noun_one if shown == 1 else noun_other)


def test_partner_names_that_take_the(browser, base_url):
    if not os.path.isfile(os.path.join(SITE_DIR, "partners", "philippines", "index.html")):
        pytest.skip("no Philippines partner")
    _open(browser, base_url + "/partners/philippines/", 1280)
    assert browser.find_element(By.ID, "partner-activities-heading").text.endswith(" the Philippines")


# ---------------------------------------------------------------- icons, sharing, structured data, print

@pytest.mark.parametrize("name,path", _main_pages() if os.path.isdir(SITE_DIR) else [])
def test_every_page_has_icons_share_meta_and_valid_structured_data(base_url, name, path):
    import urllib.request
    html = urllib.request.urlopen(base_url + path).read().decode("utf-8")
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert any(i.endswith("/favicon.ico") for i in icons) and any(i.endswith(".svg") for i in icons)
    for icon in icons + ["/favicon.ico"]:
        assert urllib.request.urlopen(urllib.parse.urljoin(base_url + path, icon)).status == 200
    image = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith("http") and image.endswith("/assets/share.png")
    assert os.path.isfile(os.path.join(SITE_DIR, "assets", "share.png"))
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    for script in scripts:
        assert "</" not in script and "<!--" not in script
        data = json.loads(script)
        assert data["@context"] == "https://schema.org"
    kinds = {"activity": "Event", "partner": "Country", "home": "WebSite"}
    if name in kinds:
        assert len(scripts) == 1 and json.loads(scripts[0])["@type"] == kinds[name]


def test_print_shows_the_address_and_date(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    meta = browser.find_element(By.CSS_SELECTOR, ".print-meta")
    assert not meta.is_displayed()
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert meta.is_displayed()
        canonical = browser.find_element(By.CSS_SELECTOR, "link[rel='canonical']").get_attribute("href")
        assert canonical in meta.text
        assert re.search(r"\d{4}", meta.find_element(By.CSS_SELECTOR, ".print-date").text)
        assert not browser.find_element(By.CSS_SELECTOR, ".site-nav").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_search_suggests_a_spelling_and_groups_results(browser, base_url):
    index = json.loads(_site_file("data/search-index.json"))
    partner = next((row for row in index if "/partners/" in row[0] and re.fullmatch(r"[A-Za-z]{7,}", row[1])), None)
    if not partner:
        pytest.skip("no partner with a one-word name")
    wrong = "philipines" if partner[1] == "Philippines" else _misspelt(partner[1].lower())
    _open(browser, base_url + "/search/?" + urllib.parse.urlencode({"q": wrong}), 375)
    WebDriverWait(browser, 10).until(lambda d: any(a.get_attribute("href").endswith(partner[0]) for a in _results(d)))
    suggestion = browser.find_element(By.ID, "search-suggestion")
    assert suggestion.is_displayed() and wrong in suggestion.text
    assert suggestion.find_element(By.TAG_NAME, "a").text == partner[1].lower()
    # Groups by kind (h2), results as h3 headings, matched words marked.
    groups = browser.find_elements(By.CSS_SELECTOR, "#search-results .search-group")
    assert groups and all(g.find_element(By.CSS_SELECTOR, "h2").text for g in groups)
    assert browser.find_elements(By.CSS_SELECTOR, "#search-results .search-group h3.entry-title a")
    kinds = [g.find_element(By.CSS_SELECTOR, "h2").get_attribute("id") for g in groups]
    assert kinds == sorted(kinds, key=["results-activities", "results-partners", "results-plans", "results-pages"].index)
    assert any(m.text.lower() == partner[1].lower() for m in browser.find_elements(By.CSS_SELECTOR, "#search-results mark"))
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")


def test_search_hint_for_an_empty_query_and_index_loaded_only_when_needed(browser, base_url):
    _open(browser, base_url + "/search/", 1280)
    hint = browser.find_element(By.ID, "search-hint")
    assert hint.is_displayed() and hint.find_elements(By.CSS_SELECTOR, "a[href*='q=']")
    loaded = browser.execute_script(
        "return performance.getEntriesByType('resource').some(function (r) { return r.name.indexOf('search-index.json') !== -1; });")
    assert not loaded, "the index is fetched on intent, not with the page"
    _open(browser, base_url + "/timeline/", 1280)
    assert not browser.execute_script(
        "return performance.getEntriesByType('resource').some(function (r) { return r.name.indexOf('search-index.json') !== -1; });")


def test_partners_page_stays_small():
    for path in ("partners", os.path.join("ja", "partners")):
        if not os.path.isdir(os.path.join(SITE_DIR, path)):
            continue
        size = os.path.getsize(os.path.join(SITE_DIR, path, "index.html"))
        assert size < 100_000, "%s page is %d bytes of HTML" % (path, size)


# ---------------------------------------------------------------- the world map

def _rect(browser, element):
    return browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return {x: r.left, y: r.top, w: r.width, h: r.height};", element)


def _map_link(browser, partner, container=".world-map-svg"):
    links = browser.find_elements(By.CSS_SELECTOR, '%s a[href$="/partners/%s/"]' % (container, partner))
    return links[0] if links else None


def _tooltip(browser, container=".world-map-svg"):
    return browser.execute_script(
        "var frame = document.querySelector(arguments[0]).closest('.map-frame');"
        "var tip = frame.querySelector('.map-tooltip'); var r = tip.getBoundingClientRect();"
        "var style = getComputedStyle(tip);"
        "return {hidden: tip.hidden || style.display === 'none' || r.width === 0, text: tip.textContent,"
        "        x: r.left, y: r.top, w: r.width, h: r.height, size: parseFloat(style.fontSize)};", container)


def test_map_shows_a_visible_label_on_hover_and_on_focus(browser, base_url):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    _open(browser, base_url + "/partners/", 1280)
    assert _tooltip(browser)["hidden"], "the label shows only on hover or focus"
    # Hover: Australia's middle is land.
    australia = _map_link(browser, "australia")
    if australia is None:
        pytest.skip("no Australia on the map")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", australia)
    ActionChains(browser).move_to_element(australia).perform()
    WebDriverWait(browser, 5).until(lambda d: not _tooltip(d)["hidden"])
    tip, shape = _tooltip(browser), _rect(browser, australia)
    assert tip["text"] == australia.get_attribute("data-label")
    assert re.match(r"^Australia: \d+ activit(y|ies)$", tip["text"]), tip["text"]
    assert tip["size"] >= 12
    # Beside the country: its bottom edge within the country's box, or just above it.
    assert shape["x"] - tip["w"] <= tip["x"] <= shape["x"] + shape["w"], (tip, shape)
    assert shape["y"] - tip["h"] - 20 <= tip["y"] <= shape["y"] + shape["h"], (tip, shape)
    ActionChains(browser).move_to_element(browser.find_element(By.CSS_SELECTOR, ".map-credit")).perform()
    WebDriverWait(browser, 5).until(lambda d: _tooltip(d)["hidden"])

    # Focus, from the keyboard: Tab from the page's lead paragraph reaches the first country of the map.
    browser.execute_script("var lead = document.querySelector('.page-header'); lead.tabIndex = -1; lead.focus();")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-label"), "Tab does not reach the map: %s" % focused.get_attribute("outerHTML")[:200]
    WebDriverWait(browser, 5).until(lambda d: not _tooltip(d)["hidden"])
    assert _tooltip(browser)["text"] == focused.get_attribute("data-label")
    ActionChains(browser).send_keys(Keys.TAB).perform()
    second = browser.switch_to.active_element
    if second.get_attribute("data-label"):
        WebDriverWait(browser, 5).until(lambda d: _tooltip(d)["text"] == second.get_attribute("data-label"))
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(browser, 5).until(lambda d: _tooltip(d)["hidden"])


def test_map_marks_japan_and_is_centred_on_the_pacific(browser, base_url):
    for path, name in (("/partners/", "Japan"), ("/ja/partners/", "日本")):
        if not os.path.isfile(os.path.join(SITE_DIR, path.strip("/"), "index.html")):
            continue
        _open(browser, base_url + path, 1280)
        japan = browser.find_elements(By.CSS_SELECTOR, ".world-map-svg .land.home")
        assert len(japan) == 1, "Japan is drawn once, in its own style"
        colours = browser.execute_script(
            "var fill = function (e) { return getComputedStyle(e).fill; };"
            "return [fill(arguments[0]), fill(document.querySelector('.world-map-svg .land:not(.home):not(.partner)')),"
            "        Array.from(document.querySelectorAll('.world-map-svg .partner')).map(fill)];", japan[0])
        assert colours[0] != colours[1] and colours[0] not in colours[2], colours
        assert not browser.find_elements(By.CSS_SELECTOR, '.world-map a[href$="/partners/japan/"]'), "Japan is not a partner"
        label = browser.find_element(By.CSS_SELECTOR, ".world-map-svg + .map-overlay .map-home-label")
        assert label.text == name and label.is_displayed()
        assert float(browser.execute_script("return getComputedStyle(arguments[0]).fontSize;", label).rstrip("px")) >= 12
        text, shape = _rect(browser, label), _rect(browser, japan[0])
        assert abs(text["x"] - (shape["x"] + shape["w"])) < 40 and shape["y"] - 20 < text["y"] < shape["y"] + shape["h"], (text, shape)
        legend = browser.find_element(By.CSS_SELECTOR, ".world-map .legend")
        assert legend.find_element(By.CSS_SELECTOR, ".legend-title").text.strip()
        assert name in legend.text
        # The Asia–Pacific is whole: Japan, the Philippines and Fiji well inside the map, not on its rim.
        frame = _rect(browser, browser.find_element(By.CSS_SELECTOR, ".world-map-svg"))
        for partner in ("philippines", "fiji", "papua-new-guinea", "australia"):
            link = _map_link(browser, partner)
            if link is None:
                continue
            box = _rect(browser, link)
            assert box["w"] < frame["w"] / 3, "%s is split across the map: %r" % (partner, box)
            assert frame["x"] + 0.15 * frame["w"] < box["x"] and box["x"] + box["w"] < frame["x"] + 0.85 * frame["w"], (partner, box, frame)


def test_map_enlarges_southeast_asia_and_the_pacific_on_phones(browser, base_url):
    _open(browser, base_url + "/partners/", 375)
    inset = browser.find_element(By.CSS_SELECTOR, ".map-inset")
    assert inset.is_displayed(), "the inset shows on a phone"
    assert inset.find_element(By.CSS_SELECTOR, ".map-inset-title").text.strip()
    for partner in ("philippines", "fiji", "timor-leste"):
        small, large = _map_link(browser, partner), _map_link(browser, partner, ".map-inset-svg")
        if small is None:
            continue
        assert large is not None, "%s is not on the inset" % partner
        a, b = _rect(browser, small), _rect(browser, large)
        assert b["w"] >= 3 * a["w"] and b["w"] >= 10, "%s: %r on the world map, %r on the inset" % (partner, a, b)
    # Its partners show their label too, and Japan is named there.
    fiji = _map_link(browser, "fiji", ".map-inset-svg")
    if fiji is not None:
        browser.execute_script("arguments[0].focus();", fiji)
        WebDriverWait(browser, 5).until(lambda d: not _tooltip(d, ".map-inset-svg")["hidden"])
        tip = _tooltip(browser, ".map-inset-svg")
        assert tip["text"].startswith("Fiji") and tip["size"] >= 12
        assert 0 <= tip["x"] and tip["x"] + tip["w"] <= 375, "the label stays on screen: %r" % tip
    assert browser.find_element(By.CSS_SELECTOR, ".map-inset-svg + .map-overlay .map-home-label").is_displayed()
    _open(browser, base_url + "/partners/", 1280)
    assert not browser.find_element(By.CSS_SELECTOR, ".map-inset").is_displayed(), "wide screens need no inset"


def test_map_without_javascript_keeps_names_and_counts(browser_without_js, base_url):
    _open(browser_without_js, base_url + "/partners/", 1280)
    assert browser_without_js.find_elements(By.CSS_SELECTOR, ".world-map-svg a[data-label] title")
    # The fallback: every partner listed with its count under the map.
    counts = browser_without_js.find_elements(By.CSS_SELECTOR, ".partner-list li .count")
    links = browser_without_js.find_elements(By.CSS_SELECTOR, ".world-map-svg a[data-label]")
    assert len(counts) >= len(links) > 0
    assert all(not tip.is_displayed() for tip in browser_without_js.find_elements(By.CSS_SELECTOR, ".map-tooltip"))


# ---------------------------------------------------------------- trust signals

def test_footer_names_the_data_date_and_the_licence_and_links_the_data_page(browser, base_url):
    for path, words in (("/", "Data as of"), ("/ja/timeline/", "データ更新日")):
        if not os.path.isfile(os.path.join(SITE_DIR, path.strip("/"), "index.html")):
            continue
        _open(browser, base_url + path, 375)
        date = browser.find_element(By.CSS_SELECTOR, ".site-footer .footer-data-date")
        assert words in date.text and date.is_displayed()
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", date.find_element(By.TAG_NAME, "time").get_attribute("datetime"))
        licence = browser.find_element(By.CSS_SELECTOR, ".site-footer a[rel~='license']")
        assert licence.text.strip() and licence.get_attribute("href").startswith("http")
        data_page = browser.find_element(By.CSS_SELECTOR, ".site-footer .footer-data li:first-child a")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", data_page)
        WebDriverWait(browser, 5).until(lambda d: data_page.is_displayed())
        data_page.click()
        WebDriverWait(browser, 10).until(lambda d: "/data/" in d.current_url)
        assert browser.find_element(By.TAG_NAME, "h1").text.strip()
        # The data dictionary: every CSV column documented.
        header = open(os.path.join(SITE_DIR, "data", "activities.csv"), encoding="utf-8-sig").readline().strip().split(",")
        documented = browser.execute_script(
            "return Array.from(document.querySelectorAll('.data-table tbody th code')).map(function (c) { return c.textContent; });")
        assert set(header) <= set(documented), set(header) - set(documented)


def test_csv_opens_cleanly_in_spreadsheet_programs():
    with open(os.path.join(SITE_DIR, "data", "activities.csv"), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, for Excel"
    import csv
    import io
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header = rows[0]
    assert header[:10] == ["id", "title", "date", "end_date", "type", "organizer", "partners", "location", "source", "url"]
    assert header[-2:] == ["partner_names", "regions"]
    partners = {row["id"]: row for row in json.loads(_site_file("data/partners.json"))}
    for row in rows[1:]:
        assert len(row) == len(header)
        record = dict(zip(header, row))
        ids = [i for i in record["partners"].split(";") if i]
        assert record["partner_names"].split(";") == [partners[i]["name"] for i in ids] if ids else record["partner_names"] == ""
        regions = list(dict.fromkeys(partners[i]["region"] for i in ids if partners[i]["region"]))
        assert record["regions"] == ";".join(regions)
