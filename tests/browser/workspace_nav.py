"""Going to a workspace page as a coordinator does: on a phone the links are folded into "Menu" first."""
from __future__ import annotations


def open_menu(page):
    """The workspace navigation, its menu opened when it is folded (a phone). Decided once the page and
    its stylesheet have loaded: before that the menu button shows at any width."""
    nav = page.get_by_role("navigation", name="Werkplek")
    nav.wait_for()
    page.wait_for_load_state("load")
    if not nav.get_by_role("link").first.is_visible():
        nav.locator("summary").click()
    return nav


def go_to(page, name: str) -> None:
    """Click the workspace link `name` and wait for its page (a reload right after a bare click could hit
    the page being left: "Not attached to an active page" in a CI run)."""
    link = open_menu(page).get_by_role("link", name=name, exact=True)
    with page.expect_navigation():
        link.click()
