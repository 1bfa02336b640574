"""Accessibility checks of the built pages, in a real browser.

Each check returns its problems, one line each naming the page (and the palette and width where
they matter) and the fault, so a test asserts there are none and a planted-fault test that the
fault it planted is named.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page

from .site import BuiltSite, parse

# axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A reader's colour scheme setting, and the Material palette it selects (mkdocs.yml).
PALETTES = {"light": "default", "dark": "slate"}

# axe-core as the axe-playwright-python wheel ships it: nothing is downloaded.
_axe = Axe()


def page_paths(site: BuiltSite) -> dict[str, str]:
    """Every built page by name (about/index.html), with the path a browser asks for (about/)."""
    return {site.name(page): site.name(page).removesuffix("index.html") for page in site.pages()}


@contextmanager
def reader_context(browser: Browser, viewport: dict, palette: str = "light") -> Iterator[BrowserContext]:
    """A fresh browser context (no palette chosen before) at this size, preferring this colour scheme.

    Reduced motion, which Material honours by turning its transitions off, lets every style be read
    as it ends up, not halfway through a fade.
    """
    context = browser.new_context(viewport=viewport, color_scheme=palette, reduced_motion="reduce")
    try:
        yield context
    finally:
        context.close()


@contextmanager
def browsing(browser: Browser, viewport: dict, palette: str = "light") -> Iterator[Page]:
    """A tab in a fresh reader_context."""
    with reader_context(browser, viewport, palette) as context:
        yield context.new_page()


# Accessibility -------------------------------------------------------------------------------

def axe_violations(page: Page, where: str) -> list[str]:
    """axe-core's WCAG A and AA violations on the loaded page, one line per offending element."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA_TAGS},
                                      "resultTypes": ["violations"]})
    problems = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            detail = checks[0]["message"] if checks else violation["help"]
            problems.append(f"{where}: {violation['id']} at {' '.join(node['target'])}: {detail}")
    return problems


def palette_problems(page: Page, where: str, palette: str) -> list[str]:
    """Material chose the palette that the reader's colour scheme setting asks for."""
    scheme = page.get_attribute("body", "data-md-color-scheme")
    expected = PALETTES[palette]
    return [] if scheme == expected else [f"{where}: palette {scheme!r}, not {expected!r}, for a reader who prefers {palette}"]


def accessibility_problems(browser: Browser, base_url: str, paths: dict[str, str], palette: str,
                           viewport: dict) -> list[str]:
    """axe's WCAG A and AA violations on each page, read in one palette at one width."""
    problems = []
    with browsing(browser, viewport, palette) as page:
        for name, path in paths.items():
            page.goto(base_url + path)
            where = f"{name} ({palette}, {viewport['width']} px)"
            problems += palette_problems(page, where, palette) + axe_violations(page, where)
    return problems


def skipped_heading_levels(site: BuiltSite) -> list[str]:
    """Headings that go down more than one level at a time (an h4 after an h2), in every built page."""
    problems = []
    for page in site.pages():
        previous, after = 0, "the start of the page"
        for heading in parse(page).xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6"):
            level, text = int(heading.tag[1]), heading.text_content().replace("¶", "").strip()
            if level > previous + 1:
                problems.append(f"{site.name(page)}: h{level} {text!r} follows {after}, skipping a level")
            previous, after = level, f"h{level} {text!r}"
    return problems
