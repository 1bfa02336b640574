"""The Content Security Policy in a real browser: what a reader's actions on a page make the
policy refuse (securitypolicyviolation events) and what the console reports meanwhile."""

from __future__ import annotations

from playwright.sync_api import Browser, ConsoleMessage, Page

from tests.support.browser import open_page
from tests.support.checks.search import OPEN_BUTTON, open_search, search_for

# Recorded from the start of every page: each violation the policy reports.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", event => window.__violations.push(
  `${event.effectiveDirective} refused ${event.blockedURI || "inline"}${event.sample ? ` (${event.sample})` : ""}`));
"""


def read_as_a_reader(page: Page) -> None:
    """What a reader does on a page: open search and type, toggle the palette, show a tooltip, scroll
    down and use back-to-top."""
    if page.locator(OPEN_BUTTON).count():
        open_search(page, "keyboard")
        search_for(page, "news")
        page.keyboard.press("Escape")
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    if toggle.count():
        toggle.click()
        page.wait_for_timeout(100)
    abbreviation = page.locator(".md-content abbr").first
    if abbreviation.count():
        abbreviation.hover()
        page.wait_for_timeout(100)
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(100)
    page.mouse.wheel(0, -600)
    page.wait_for_timeout(100)
    top = page.locator(".md-top")
    if top.count() and top.is_visible():
        top.click()
        page.wait_for_timeout(100)


def policy_problems(browser: Browser, base_url: str, paths: dict[str, str], viewport: dict, palette: str) -> list[str]:
    """Each policy violation and console error on each page while a reader uses it."""
    problems = []
    context = browser.new_context(viewport=viewport, color_scheme=palette, reduced_motion="reduce")
    context.add_init_script(RECORD_VIOLATIONS)
    try:
        for name, path in paths.items():
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda message, errors=errors: errors.append(message.text) if _is_error(message) else None)
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            open_page(page, base_url + path)
            read_as_a_reader(page)
            where = f"{name} ({palette}, {viewport['width']} px)"
            problems += [f"{where}: the policy refused: {violation}" for violation in page.evaluate("window.__violations")]
            problems += [f"{where}: console error: {error}" for error in errors]
            page.close()
    finally:
        context.close()
    return problems


def _is_error(message: ConsoleMessage) -> bool:
    return message.type == "error"
