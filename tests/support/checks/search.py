"""Search as a reader uses it (overrides/partials/site-search.html) in a real browser: open it,
type, read the results. Shared by the tests and the benchmark."""

from __future__ import annotations

from playwright.sync_api import Page

OPEN_BUTTON = "#site-search-open"
DIALOG = "#site-search"
FIELD = "#site-search input[name=query]"
STATUS = "#site-search [role=status]"
LIST = "#site-search .site-search__results"
RESULT_LINKS = "#site-search .site-search__results h3 a"
MORE = "#site-search .site-search__more"
# Generous: a busy CI machine loads Pagefind's WebAssembly and index slowly.
SEARCH_TIMEOUT = 15_000


def open_search(page: Page, how: str = "click") -> None:
    """Open search as a reader does: click or tap the header's button, or press / on the page."""
    if how == "keyboard":
        page.keyboard.press("/")
    elif how == "tap":
        page.locator(OPEN_BUTTON).tap()
    else:
        page.locator(OPEN_BUTTON).click()
    page.locator(DIALOG).wait_for(state="visible")


def wait_for_status(page: Page, text: str) -> str:
    """The dialog's status line once it says `text` (part of it): what it then says."""
    page.wait_for_function(f"() => document.querySelector({STATUS!r}).textContent.includes({text!r})",
                           timeout=SEARCH_TIMEOUT)
    return page.locator(STATUS).inner_text()


def search_for(page: Page, words: str) -> list[str]:
    """Type `words` into the open dialog; the results' links (paths from the site's host) once listed."""
    page.locator(FIELD).fill("")
    page.locator(FIELD).press_sequentially(words, delay=10)
    return listed(page)


def listed(page: Page) -> list[str]:
    """The results' links once the list has caught up with what the dialog asks for (aria-busy)."""
    page.locator(f"{LIST}[aria-busy=false]").wait_for(state="attached", timeout=SEARCH_TIMEOUT)
    return result_links(page)


def every_result(page: Page) -> list[str]:
    """Every result's link, once the list has caught up, pressing "More results" until it goes."""
    listed(page)
    more = page.locator(MORE)
    while more.is_visible():
        shown = page.locator(RESULT_LINKS).count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll({RESULT_LINKS!r}).length > {shown}", timeout=SEARCH_TIMEOUT)
    return result_links(page)


def result_links(page: Page) -> list[str]:
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(link => new URL(link.href).pathname)")
