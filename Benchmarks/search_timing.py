"""Search index size and time to first result in headless Chromium.

Usage: python3 Benchmarks/search_timing.py SITE_DIR [QUERY ...] [--runs N] [--prefix /ja]

Serves SITE_DIR on a free local port and, for each query, opens a fresh tab on PREFIX/search/,
types the query and measures, inside the page, from the keystroke that completes it to the
first result in the list: the index download (from localhost, no cache), JSON parsing,
preparing every row, and the search itself. Then a second query on the loaded index. Prints
the index size (raw and gzip -6) and the medians. Needs chromium, chromedriver, selenium.
"""
import functools
import gzip
import json
import http.server
import os
import socketserver
import statistics
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chrome():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    browser = webdriver.Chrome(options=options)
    browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return browser


# Times from the input event to the first result, in the page's own clock. The search runs
# 120 ms after the last keystroke (its debounce); that wait is taken off.
MEASURE = """
var query = arguments[0], done = arguments[arguments.length - 1];
var input = document.getElementById('search-input');
var list = document.getElementById('search-results');
var status = document.getElementById('search-status');
var start = 0;
var observer = new MutationObserver(function () {
  var shown = list.querySelector('.entry-title a') || status.textContent === status.getAttribute('data-empty');
  if (shown) {
    observer.disconnect();
    done(performance.now() - start - 120);
  }
});
list.textContent = '';
observer.observe(list, {childList: true, subtree: true});
observer.observe(status, {childList: true, characterData: true, subtree: true});
input.value = query;
start = performance.now();
input.dispatchEvent(new Event('input', {bubbles: true}));
"""


def main():
    args = sys.argv[1:]
    runs = 5
    prefix = ""
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at:at + 2]
    if "--prefix" in args:
        at = args.index("--prefix")
        prefix = args[at + 1].rstrip("/")
        del args[at:at + 2]
    site = os.path.abspath(args[0])
    queries = args[1:] or ["seminar"]
    index = os.path.join(site, prefix.strip("/"), "data", "search-index.json")
    raw = open(index, "rb").read()
    print("index %s: %d rows, %.1f KB raw, %.1f KB gzip -6" % (
        os.path.relpath(index, site), len(json.loads(raw)), len(raw) / 1024, len(gzip.compress(raw, 6)) / 1024))

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=site))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d%s" % (server.server_address[1], prefix)
    browser = chrome()
    browser.set_script_timeout(120)
    try:
        for query in queries:
            first, again = [], []
            for _ in range(runs):
                browser.get(base + "/search/")
                WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "search-input").is_displayed())
                first.append(browser.execute_async_script(MEASURE, query))
                again.append(browser.execute_async_script(MEASURE, query[:-1] or query + query))
            print("%-16s first result %.0f ms (median of %d: %s); next query on the loaded index %.0f ms" % (
                query, statistics.median(first), runs, ", ".join("%.0f" % t for t in first), statistics.median(again)))
    finally:
        browser.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
