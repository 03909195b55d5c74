"""Browser tests of the Japanese portal (`/ja/`) and of search in both languages.

Run like the other browser tests: `SITE_DIR=public SITEGEN=.build/debug/sitegen pytest Tests/browser`.
The test of an untranslated record builds a copy of the content with one translation removed,
with the `sitegen` binary named by SITEGEN (skipped without it).
"""
import json
import os
import re
import shutil
import subprocess
import unicodedata
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_portal import (SITE_DIR, WIDTHS, SCHEMES, _axe, _axe_report, _color_scheme, _open, _query,
                         _site_file, base_url, browser)  # noqa: F401 (fixtures)

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ACTIVITY = "/activities/2024-03-08-philippines-international-womens-day-event/"
PARTNER = "/partners/philippines/"
PAGES = [("home", "/"), ("timeline", "/timeline/"), ("activity", ACTIVITY), ("partner", PARTNER),
         ("search", "/search/?q=" + urllib.parse.quote("女性"))]
JAPANESE_QUERIES = ("女性", "フィリピン", "セミナー")

# English left in a Japanese page: a text of three or more Latin words in a row and no Japanese
# (acronyms such as WPS, HA/DR or NATO, and names of one or two words, are how Japanese writes
# them; an English name quoted inside Japanese text is part of that text).
ENGLISH_RUN = r"[A-Za-z][A-Za-z'’.-]+(?:[ ,]+[A-Za-z][A-Za-z'’.-]*){2,}"


def _have(path):
    return os.path.isfile(os.path.join(SITE_DIR, path.strip("/").split("?")[0], "index.html"))


def _index(language):
    return json.loads(_site_file(("ja/" if language == "ja" else "") + "data/search-index.json"))


def _normalize(text):
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in text if not ("\u0300" <= c <= "\u036f"))).lower()


def _untranslated_english(browser):
    """Text nodes of the page that read as English and are not inside an element marked `lang="en"`."""
    return browser.execute_script("""
        var run = new RegExp(arguments[0]);
        var found = [];
        var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (var node = walker.nextNode(); node; node = walker.nextNode()) {
          var parent = node.parentElement;
          if (!parent || parent.closest('script, style, svg, [hidden], noscript')) continue;
          var match = node.data.match(run);
          /* English inside Japanese text is a name as the Japanese text gives it:
             笹川平和財団USAの「日米研究交流（US-Japan Research Exchange）」. */
          if (!match || /[\u3040-\u30ff\u3400-\u9fff]/.test(node.data)) continue;
          var marked = parent.closest('[lang]');
          if (!marked || marked.getAttribute('lang').indexOf('en') !== 0) found.push(match[0] + '  <' + parent.tagName.toLowerCase() + ' class="' + parent.className + '">');
        }
        return found;
    """, ENGLISH_RUN)


def _results(browser):
    return [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#search-results .entry-title a")]


def _search(browser, base_url, prefix, query, width=1280):
    _open(browser, base_url + prefix + "/search/?" + urllib.parse.urlencode({"q": query}), width)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "search-status").text.strip() != "")
    return _results(browser)


# ---------------------------------------------------------------- every Japanese page kind

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name,path", PAGES)
def test_japanese_page_language_layout_and_accessibility(browser, base_url, name, path, width):
    if not _have("/ja" + path):
        pytest.skip("no Japanese edition of %s" % path)
    _open(browser, base_url + "/ja" + path, width)
    if "q=" in path:
        WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "search-status").text.strip() != "")
        assert _results(browser), "a Japanese query finds records"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth"), \
        "/ja%s overflows horizontally at %d px" % (path, width)
    english = _untranslated_english(browser)
    assert not english, "English text not marked lang=\"en\" on /ja%s:\n%s" % (path, "\n".join(english[:10]))
    for scheme in SCHEMES:
        _color_scheme(browser, scheme)
        violations = _axe(browser)
        assert not violations, "/ja%s at %d px, %s:\n%s" % (path, width, scheme, _axe_report(violations))
    _color_scheme(browser, "light")


@pytest.mark.parametrize("width", WIDTHS)
def test_home_figure_labels_do_not_break_inside_a_word(browser, base_url, width):
    for prefix in ("/ja", ""):
        _open(browser, base_url + prefix + "/", width)
        labels = browser.execute_script("""
            return Array.from(document.querySelectorAll('.stats .stat-label')).map(function (label) {
              var range = document.createRange();
              range.selectNodeContents(label);
              var lines = new Set(Array.from(range.getClientRects()).map(function (r) { return Math.round(r.top); }));
              var box = label.closest('a').getBoundingClientRect();
              var own = label.getBoundingClientRect();
              return {text: label.textContent, lines: lines.size, inside: own.left >= box.left - 0.5 && own.right <= box.right + 0.5};
            });""")
        assert labels, "the home page shows its figures"
        for label in labels:
            # A Japanese label is one word: on one line ("パートナ/ー" is the break to avoid).
            # English ones may wrap between their words.
            if prefix == "/ja":
                assert label["lines"] == 1, "%s/ at %d px: figure label %r wraps" % (prefix, width, label["text"])
            assert label["inside"], "%s/ at %d px: figure label %r sticks out of its box" % (prefix, width, label["text"])


# ---------------------------------------------------------------- language switch

@pytest.mark.parametrize("name,path", PAGES)
def test_language_switch_goes_to_the_same_record_and_back(browser, base_url, name, path):
    page = path.split("?")[0]
    if not _have("/ja" + page):
        pytest.skip("no Japanese edition of %s" % page)
    _open(browser, base_url + "/ja" + page, 375)
    english = browser.find_element(By.CSS_SELECTOR, "nav.language-switch a[hreflang='en']")
    assert english.get_attribute("lang") == "en"
    english.click()
    WebDriverWait(browser, 10).until(lambda d: urllib.parse.urlparse(d.current_url).path == page)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    japanese = browser.find_element(By.CSS_SELECTOR, "nav.language-switch a[hreflang='ja']")
    japanese.click()
    WebDriverWait(browser, 10).until(lambda d: urllib.parse.urlparse(d.current_url).path == "/ja" + page)
    current = browser.find_element(By.CSS_SELECTOR, "nav.language-switch [aria-current='page']")
    assert current.get_attribute("lang") == "ja"


# ---------------------------------------------------------------- search in Japanese

@pytest.mark.parametrize("query", JAPANESE_QUERIES)
def test_a_japanese_query_finds_its_records(browser, base_url, query):
    expected = [row[0] for row in _index("ja") if query in _normalize(" ".join(row[1:8]))]
    assert expected, "the Japanese index has %s" % query
    found = _search(browser, base_url, "/ja", query, 375)
    status = browser.find_element(By.ID, "search-status").text
    assert re.search(r"\d+件", status), status
    paths = [urllib.parse.urlparse(url).path for url in found]
    assert paths == [p for p in paths if p.startswith("/ja/")]
    # Every record holding the word is found (up to the 50 shown), titles first.
    assert set(paths) == set(expected) or (len(paths) == 50 and set(paths) <= set(expected))
    # Within a group (activities first), records with the word in their title come first.
    titles = {row[0] for row in _index("ja") if query in _normalize(row[1])}
    activities = [p for p in paths if "/activities/" in p]
    in_title = [p in titles for p in activities]
    assert in_title == sorted(in_title, reverse=True), "title matches first: %r" % activities
    marks = browser.find_elements(By.CSS_SELECTOR, "#search-results mark")
    assert marks and all(query in _normalize(m.text) for m in marks[:10])
    assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth")


def test_a_japanese_compound_query_is_found_by_its_words(browser, base_url):
    """女性セミナー is not written as one word anywhere; its words 女性 and セミナー are."""
    rows = [row for row in _index("ja") if "女性セミナー" not in " ".join(row[1:8])
            and "女性" in " ".join(row[1:8]) and "セミナー" in " ".join(row[1:8])]
    if not rows:
        pytest.skip("no record with both words")
    found = [urllib.parse.urlparse(u).path for u in _search(browser, base_url, "/ja", "女性セミナー")]
    assert rows[0][0] in found or len(found) == 50


def test_partner_names_are_found_in_either_language(browser, base_url):
    found = [urllib.parse.urlparse(u).path for u in _search(browser, base_url, "", "フィリピン")]
    assert PARTNER in found, "the English search finds the Japanese name"
    found = [urllib.parse.urlparse(u).path for u in _search(browser, base_url, "/ja", "Philippines")]
    assert "/ja" + PARTNER in found, "the Japanese search finds the English name"
    found = [urllib.parse.urlparse(u).path for u in _search(browser, base_url, "/ja", "ＰＨＩＬＩＰＰＩＮＥＳ")]
    assert "/ja" + PARTNER in found, "full-width letters, as a Japanese keyboard types them, are folded"


def _body_only_word(rows, pattern):
    """A word of some row's body that no other field of any row has, with that row's url."""
    shown = _normalize(" ".join(" ".join(row[1:7]) for row in rows))
    for row in rows:
        for word in sorted(set(re.findall(pattern, row[7])), key=len, reverse=True):
            if _normalize(word) not in shown:
                return word, row[0]
    return None, None


@pytest.mark.parametrize("language,pattern", [("en", r"[A-Za-z]{8,}"), ("ja", r"[\u30a0-\u30ff]{4,}")])
def test_search_finds_a_word_only_the_body_has(browser, base_url, language, pattern):
    word, url = _body_only_word(_index(language), pattern)
    if not word:
        pytest.skip("no word only a body has")
    prefix = "/ja" if language == "ja" else ""
    found = [urllib.parse.urlparse(u).path for u in _search(browser, base_url, prefix, word)]
    assert url in found, "%r (in the body of %s) is found" % (word, url)
    excerpt = browser.find_elements(By.CSS_SELECTOR, "#search-results .entry-excerpt mark")
    assert excerpt and _normalize(excerpt[0].text) == _normalize(word), "the result shows the body around the word"
    if language == "en":
        # Typo tolerance keeps working over body words.
        i = len(word) // 2
        wrong = word[:i - 1] + word[i] + word[i - 1] + word[i + 1:]
        found = [urllib.parse.urlparse(u).path for u in _search(browser, base_url, prefix, wrong.lower())]
        assert url in found, "%r finds %s through its suggestion" % (wrong, url)


@pytest.mark.parametrize("language,pattern", [("en", r"[A-Za-z]{8,}"), ("ja", r"[\u30a0-\u30ff]{4,}")])
def test_timeline_keyword_finds_a_word_only_the_body_has(browser, base_url, language, pattern):
    rows = [row for row in _index(language) if "/activities/" in row[0]]
    word, url = _body_only_word(rows, pattern)
    if not word:
        pytest.skip("no word only an activity body has")
    expected = {row[0] for row in rows if _normalize(word) in _normalize(" ".join(row[1:8]))}
    prefix = "/ja" if language == "ja" else ""
    _open(browser, base_url + prefix + "/timeline/", 1280)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "timeline-filters").is_displayed())
    browser.find_element(By.ID, "filter-q").send_keys(word)

    def shown(driver):
        return {urllib.parse.urlparse(a.get_attribute("href")).path for a in driver.find_elements(
            By.CSS_SELECTOR, "#timeline .entry .entry-title a") if a.is_displayed()}
    WebDriverWait(browser, 10).until(lambda d: shown(d) == expected)
    assert url in shown(browser)
    WebDriverWait(browser, 5).until(lambda d: _query(d).get("q") == [word])


# ---------------------------------------------------------------- an untranslated record

@pytest.fixture(scope="module")
def partly_translated_site(tmp_path_factory):
    """The portal built from a copy of the content with one activity's translation removed."""
    sitegen = os.environ.get("SITEGEN")
    if not sitegen or not os.path.isfile(sitegen):
        pytest.skip("set SITEGEN to the sitegen binary to build a test copy of the content")
    root = tmp_path_factory.mktemp("partly-translated")
    content = root / "content"
    shutil.copytree(os.path.join(REPO, "content"), content)
    os.remove(content / "activities" / (ACTIVITY.strip("/").split("/")[-1] + ".ja.md"))
    output = root / "public"
    subprocess.run([os.path.abspath(sitegen), "build", "--content", str(content), "--templates", os.path.join(REPO, "Templates"),
                    "--output", str(output)], check=True, capture_output=True)
    import functools
    import http.server
    import socketserver
    import threading
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_untranslated_record_is_marked_english_wherever_it_shows(browser, partly_translated_site, width):
    site = partly_translated_site
    for path in ("/ja" + ACTIVITY, "/ja/timeline/", "/ja" + PARTNER, "/ja/"):
        _open(browser, site + path, width)
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ja"
        if path == "/ja" + ACTIVITY:
            assert browser.find_element(By.TAG_NAME, "h1").get_attribute("lang") == "en"
            assert browser.find_element(By.CSS_SELECTOR, ".prose").get_attribute("lang") == "en"
        else:
            link = browser.find_elements(By.CSS_SELECTOR, "a[href='/ja%s']" % ACTIVITY)
            assert any(a.get_attribute("lang") == "en" for a in link) or path == "/ja/", path
        english = _untranslated_english(browser)
        assert not english, "English text not marked lang=\"en\" on %s:\n%s" % (path, "\n".join(english[:10]))
        violations = _axe(browser)
        assert not violations, "%s at %d px:\n%s" % (path, width, _axe_report(violations))
    # Search results mark it too.
    _open(browser, site + "/ja/search/?" + urllib.parse.urlencode({"q": "International Women"}), width)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "search-status").text.strip() != "")
    links = browser.find_elements(By.CSS_SELECTOR, "#search-results .entry-title a[href='/ja%s']" % ACTIVITY)
    assert links and links[0].get_attribute("lang") == "en"
    assert not _untranslated_english(browser)
