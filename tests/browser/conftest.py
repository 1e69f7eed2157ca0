"""Browser fixtures: Debian's Chromium driven by Playwright against a live Koppel on loopback."""
from __future__ import annotations

import shutil
import threading

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def live_server(app, worker):
    """The app on a free port, with real worker threads behind it."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield launched
        launched.close()


@pytest.fixture
def phone(browser):
    """A cheap phone: 390 x 844, touch, Dutch."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 300) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the keyboard")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in results.response["violations"]]
