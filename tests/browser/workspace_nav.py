"""Going to a workspace page as a coordinator does: on a phone the links are folded into "Menu" first."""
from __future__ import annotations


def open_menu(page):
    """The workspace navigation, its menu opened when it is folded (a phone)."""
    nav = page.get_by_role("navigation", name="Werkplek")
    menu = nav.locator("summary")
    if menu.is_visible() and nav.locator("details").get_attribute("open") is None:
        menu.click()
    return nav


def go_to(page, name: str) -> None:
    """Click the workspace link `name`."""
    open_menu(page).get_by_role("link", name=name, exact=True).click()
