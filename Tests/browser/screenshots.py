"""Screenshots of the built portal for review and for docs/screenshots/.

Usage: SITE_DIR=public python3 Tests/browser/screenshots.py [OUT_DIR] [--dark] [--full] [--ja]

Serves SITE_DIR (default `public`) on a free local port, opens headless Chromium
and saves home, timeline, partner, activity, action plans and search pages at
1280 and 375 px wide. `--ja` takes the Japanese edition's home, timeline, activity,
partner and a search in Japanese instead, as `ja-NAME-WIDTH.png` (a Japanese font,
e.g. Debian's fonts-ipafont-gothic, must be installed). Needs chromium + chromedriver
and `pip install selenium`; `optipng`, when installed, makes the files smaller.
"""
import shutil
import subprocess
import urllib.parse
import os
import sys
import threading
import functools
import http.server
import socketserver
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options

PAGES = [
    ("home", "/"),
    ("timeline", "/timeline/"),
    ("partner", "/partners/philippines/"),
    ("activity", "/activities/2024-03-08-philippines-international-womens-day-event/"),
    ("action-plans", "/action-plans/"),
    ("partners", "/partners/"),
    ("search", "/search/?q=seminar"),
]
PAGES_JA = [
    ("ja-home", "/ja/"),
    ("ja-timeline", "/ja/timeline/"),
    ("ja-activity", "/ja/activities/2024-03-08-philippines-international-womens-day-event/"),
    ("ja-partner", "/ja/partners/philippines/"),
    ("ja-search", "/ja/search/?q=" + urllib.parse.quote("女性 セミナー")),
]
WIDTHS = [1280, 375]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root):
    handler = functools.partial(QuietHandler, directory=root)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def driver(dark=False):
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--disable-dev-shm-usage", "--force-device-scale-factor=1"):
        options.add_argument(argument)
    binary = os.environ.get("CHROME_BIN")
    if binary:
        options.binary_location = binary
    browser = webdriver.Chrome(options=options)
    if dark:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return browser


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dark = "--dark" in sys.argv
    full = "--full" in sys.argv
    pages = PAGES_JA if "--ja" in sys.argv else PAGES
    out = os.path.abspath(args[0] if args else "docs/screenshots")
    site = os.path.abspath(os.environ.get("SITE_DIR", "public"))
    os.makedirs(out, exist_ok=True)
    server = serve(site)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    browser = driver(dark)
    try:
        for width in WIDTHS:
            for name, path in pages:
                browser.set_window_size(width, 900)
                browser.get(base + path)
                time.sleep(0.4)
                # Size the window to the page so the capture shows it whole (capped for file size).
                height = browser.execute_script("return document.documentElement.scrollHeight")
                limit = 6000 if full else (2400 if width < 600 else 1600)
                browser.set_window_size(width, min(height, limit))
                time.sleep(0.2)
                suffix = "-dark" if dark else ""
                target = os.path.join(out, "%s-%d%s.png" % (name, width, suffix))
                browser.save_screenshot(target)
                if shutil.which("optipng"):
                    subprocess.run(["optipng", "-quiet", "-o2", target], check=False)
                print(target)
    finally:
        browser.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
