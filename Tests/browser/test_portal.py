"""Browser tests of the built portal: layout, accessibility, timeline filters, search.

They build nothing: build the site first (`swift build && .build/debug/sitegen build`),
then run `SITE_DIR=public pytest Tests/browser`. The folder is served over HTTP on a free
local port; headless Chromium is driven by Selenium; axe-core checks accessibility.

Environment:
  SITE_DIR     built site folder (default `public`)
  CHROME_BIN   Chromium/Chrome binary, when not on the default path
  AXE_SCRIPT   another axe.min.js to run instead of the one axe-selenium-python bundles
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
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

SITE_DIR = os.path.abspath(os.environ.get("SITE_DIR", "public"))
WIDTHS = (375, 1280)


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

    axe = Axe(browser, os.environ["AXE_SCRIPT"]) if os.environ.get("AXE_SCRIPT") else Axe(browser)
    axe.inject()
    results = axe.run()
    assert not results["violations"], axe.report(results["violations"])


# ---------------------------------------------------------------- timeline

def _filter_form(browser):
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.ID, "timeline-filters").is_displayed())
    return browser.find_element(By.ID, "timeline-filters")


def _status(browser):
    return browser.find_element(By.CSS_SELECTOR, "#timeline-filters [role='status']")


def test_timeline_filter_by_type(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    total = len(browser.find_elements(By.CSS_SELECTOR, "#timeline .entry"))
    assert len(_visible_entries(browser)) == total
    assert str(total) in _status(browser).text

    select = Select(browser.find_element(By.ID, "filter-type"))
    value = next(option.get_attribute("value") for option in select.options if option.get_attribute("value"))
    expected = len(browser.find_elements(By.CSS_SELECTOR, "#timeline .entry[data-type='%s']" % value))
    assert 0 < expected < total, "pick a type that filters something"
    select.select_by_value(value)

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
    browser.find_element(By.CSS_SELECTOR, "#timeline-filters button[type='reset']").click()
    WebDriverWait(browser, 5).until(lambda d: len(_visible_entries(d)) == total)
    assert Select(browser.find_element(By.ID, "filter-type")).first_selected_option.get_attribute("value") == ""
    assert _status(browser).text == template.replace("{shown}", str(total)).replace("{total}", str(total))
    assert "type" not in _query(browser)
    assert not browser.find_element(By.ID, "no-results").is_displayed()


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
    assert Select(browser.find_element(By.ID, "filter-type")).first_selected_option.get_attribute("value") == type_
    assert Select(browser.find_element(By.ID, "filter-partner")).first_selected_option.get_attribute("value") == partner
    assert str(expected) in _status(browser).text


def test_timeline_no_results_message(browser, base_url):
    _open(browser, base_url + "/timeline/", 1280)
    _filter_form(browser)
    # A year and a type that never meet, if the data has one.
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
    Select(browser.find_element(By.ID, "filter-type")).select_by_value(combo[0])
    Select(browser.find_element(By.ID, "filter-year")).select_by_value(combo[1])
    WebDriverWait(browser, 5).until(lambda d: d.find_element(By.ID, "no-results").is_displayed())
    assert _visible_entries(browser) == []
    assert not any(year.is_displayed() for year in browser.find_elements(By.CSS_SELECTOR, "#timeline .year"))


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
