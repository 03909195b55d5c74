"""`sitegen serve` in a real browser: an edit to a content file shows up in an open tab by itself.

Starts `sitegen serve --port 0` on a temporary copy of the repository's content, opens an activity page in
headless Chromium, edits the activity's title and checks that the page's text changes within 2 s with no
refresh from the driver (a marker set on `window` before the edit is gone, so the page reloaded itself).
Then a broken date shows the error overlay over the last good page, and the fix clears it.

Needs chromium + chromedriver (Debian packages) and `pip install selenium`; SITEGEN names the binary
(default .build/debug/sitegen).
"""
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITEGEN = Path(os.environ.get("SITEGEN", ROOT / ".build" / "debug" / "sitegen")).resolve()

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def _chromium():
    if os.environ.get("CHROME_BIN"):
        return os.environ["CHROME_BIN"]
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture
def served_site():
    if not SITEGEN.exists():
        pytest.skip(f"{SITEGEN} is not built")
    work = Path(tempfile.mkdtemp(prefix="sitegen-live-"))
    shutil.copytree(ROOT / "content", work / "content")
    process = subprocess.Popen(
        [str(SITEGEN), "serve", "--port", "0", "--content", str(work / "content"),
         "--templates", str(ROOT / "Templates"), "--output", str(work / "public"),
         "--base-url", "http://127.0.0.1/wps/"],
        cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    lines = queue.Queue()
    errors = []

    def pump(stream, sink):
        for line in stream:
            sink(line.rstrip("\n"))

    threading.Thread(target=pump, args=(process.stdout, lines.put), daemon=True).start()
    threading.Thread(target=pump, args=(process.stderr, errors.append), daemon=True).start()
    url = None
    deadline = time.time() + 60
    while time.time() < deadline and url is None:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        match = re.search(r"Serving (http://127\.0\.0\.1:\d+/\S*)", line)
        if match:
            url = match.group(1)
    if url is None:
        process.kill()
        pytest.fail(f"sitegen serve did not start: {errors}")
    try:
        yield {"url": url, "work": work, "errors": errors, "process": process}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            code = None
        shutil.rmtree(work, ignore_errors=True)
        assert code == 0, f"sitegen serve did not stop cleanly on SIGINT (exit {code})"


@pytest.fixture
def browser():
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed")
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900"):
        options.add_argument(argument)
    driver_path = shutil.which("chromedriver")
    service = Service(driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _activity(work):
    """The first activity file (an original, not a translation `ID.ja.md`) and its id."""
    path = sorted(p for p in (work / "content" / "activities").glob("*.md") if p.stem.count(".") == 0)[0]
    return path, path.stem


def _set_front_matter(path, field, value):
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(rf"^{field}: .*$", f"{field}: {value}", text, count=1, flags=re.M)
    assert count == 1, f"no `{field}:` in {path}"
    # Like an editor that saves in place.
    path.write_text(text, encoding="utf-8")


def _wait(predicate, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.05)
    return predicate()


def _holding(path, text):
    """The file's text once it holds `text`; None before."""
    content = path.read_text(encoding="utf-8")
    return content if text in content else None


def _body_text(driver):
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except Exception:  # the page is reloading
        return ""


def _connected(driver):
    """True once the page's EventSource is open (so an edit now is seen by this tab)."""
    try:
        return driver.execute_script("return window.__sitegenLive === 'connected';")
    except Exception:  # the page is reloading
        return False


def test_an_edit_reloads_the_open_page_by_itself(served_site, browser):
    path, activity_id = _activity(served_site["work"])
    page = served_site["url"] + f"activities/{activity_id}/"
    browser.get(page)
    assert "/__sitegen/live.js" in browser.page_source
    assert _wait(lambda: _connected(browser), 5), "the page never opened its event stream"
    time.sleep(0.2)
    browser.execute_script("window.__sitegenMarker = 'before-edit';")

    title = "Live Reload Check " + str(int(time.time()))
    saved = time.time()
    _set_front_matter(path, "title", f'"{title}"')
    assert _wait(lambda: title in _body_text(browser), 2.0), "the page did not show the new title within 2 s"
    elapsed = time.time() - saved
    assert browser.execute_script("return window.__sitegenMarker === undefined;"), "the page was not reloaded"
    print(f"save -> new text in the browser: {elapsed * 1000:.0f} ms")

    # The file in the output folder has no live-reload script in it. The tab reloads as soon as
    # the page is rendered, which is served from memory until the build has written it.
    output = served_site["work"] / "public" / "activities" / activity_id / "index.html"
    written = _wait(lambda: _holding(output, title), 5.0) or ""
    assert title in written
    assert "__sitegen" not in written


def test_a_broken_save_shows_the_overlay_and_the_fix_clears_it(served_site, browser):
    path, activity_id = _activity(served_site["work"])
    browser.get(served_site["url"] + f"activities/{activity_id}/")
    assert _wait(lambda: _connected(browser), 5)
    time.sleep(0.2)
    original = path.read_text(encoding="utf-8")

    _set_front_matter(path, "date", "2024-13-45")
    overlay = _wait(lambda: browser.find_elements(By.ID, "sitegen-error-overlay"), 3)
    assert overlay, "no error overlay after a broken save"
    text = overlay[0].text
    assert re.search(rf"activities/{re.escape(path.name)}:\d+:\d+: error:", text), text
    assert "2024-13-45" in text
    assert any("2024-13-45" in line for line in served_site["errors"]), "the terminal shows the error too"
    # A new tab sees the overlay at once, over the last good page.
    browser.get(served_site["url"] + f"activities/{activity_id}/")
    assert browser.find_elements(By.ID, "sitegen-error-overlay")
    assert browser.find_element(By.TAG_NAME, "h1").text.strip()
    assert _wait(lambda: _connected(browser), 5)
    time.sleep(0.2)

    # One save that mends the date and changes the title.
    path.write_text(re.sub(r"^title: .*$", 'title: "Fixed Again"', original, count=1, flags=re.M), encoding="utf-8")
    assert _wait(lambda: "Fixed Again" in _body_text(browser), 3)
    assert not browser.find_elements(By.ID, "sitegen-error-overlay")
