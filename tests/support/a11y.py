"""Accessibility and keyboard checks of the built pages, in a real browser.

Each check returns its problems, one line each naming the page (and the palette and width where
they matter) and the fault, so a test asserts there are none and a planted-fault test that the
fault it planted is named.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.browser import open_page
from tests.support.checks.search import DIALOG, FIELD, OPEN_BUTTON, RESULT_LINKS, SEARCH_TIMEOUT
from tests.support.site import BuiltSite, parse

# axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# A reader's colour scheme setting, and the Material palette it selects (mkdocs.yml).
PALETTES = {"light": "default", "dark": "slate"}
# Far more Tab stops than any page has: past this, focus is trapped.
MAX_TAB_STOPS = 400

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
            open_page(page, base_url + path)
            where = f"{name} ({palette}, {viewport['width']} px)"
            problems += palette_problems(page, where, palette) + axe_violations(page, where)
    return problems


def skipped_heading_levels(site: BuiltSite) -> list[str]:
    """Headings that go down more than one level at a time (an h4 after an h2), in every built page."""
    problems = []
    for page in site.pages():
        previous, after = 0, "the start of the page"
        for heading in parse(page).xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6"):
            level, text = int(heading.tag[1]), heading.text_content().strip()
            if level > previous + 1:
                problems.append(f"{site.name(page)}: h{level} {text!r} follows {after}, skipping a level")
            previous, after = level, f"h{level} {text!r}"
    return problems


# Keyboard ------------------------------------------------------------------------------------

# A readable name for an element: tag, id, first class, and its text or label.
_DESCRIBE = """element => {
  const text = (element.innerText || element.getAttribute("aria-label") || element.getAttribute("title")
                || element.getAttribute("href") || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  const classes = [...element.classList].filter(name => name !== "focus-visible").slice(0, 1);
  return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
    + classes.map(name => "." + name).join("") + (text ? ` "${text}"` : "");
}"""

# Before the first Tab: each element's outline and box-shadow at rest, to compare focus with.
_REMEMBER_RESTING_STYLES = """() => {
  window.__restingFocusStyles = new Map([...document.querySelectorAll("*")].map(element => {
    const style = getComputedStyle(element);
    return [element, {outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
                      shadow: style.boxShadow}];
  }));
  window.__tabStopsSeen = new Set();
}"""

# After a Tab: what has focus, whether it is on screen and uncovered, and whether its outline or
# box-shadow shows the focus (Chrome draws `outline-style: auto` as a ring 2 px wide, whatever
# outline-width says). Material reacts to focus a moment later (it opens the search when its field
# gets focus), so a stop that fails is looked at again after 100 ms.
_FOCUSED = f"""async () => {{
  const focused = document.activeElement;
  if (!focused || focused === document.body) return null;
  const seen = window.__tabStopsSeen.has(focused);
  window.__tabStopsSeen.add(focused);
  // A visually hidden control (Material's palette switch) shows its focus on the label after it.
  const hidden = focused.getBoundingClientRect().width === 0 && focused.nextElementSibling?.tagName === "LABEL";
  const shown = hidden ? focused.nextElementSibling : focused;
  const lookAt = () => {{
    const style = getComputedStyle(shown);
    const rest = window.__restingFocusStyles.get(shown) || {{outline: "none", shadow: "none"}};
    const outline = `${{style.outlineStyle}} ${{style.outlineWidth}} ${{style.outlineColor}}`;
    const invisibleColour = style.outlineColor === "transparent" || /rgba\\(.*, 0\\)$/.test(style.outlineColor);
    const outlineShows = style.outlineStyle !== "none" && !invisibleColour && outline !== rest.outline
      && (style.outlineStyle === "auto" || parseFloat(style.outlineWidth) >= 2);
    const shadowShows = style.boxShadow !== "none" && style.boxShadow !== rest.shadow;
    const box = shown.getClientRects()[0];
    let onScreen = Boolean(box) && box.width > 0 && box.height > 0
      && shown.checkVisibility({{opacityProperty: true, visibilityProperty: true}})
      && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
    if (onScreen) {{
      const centre = document.elementFromPoint(Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1),
                                               Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1));
      onScreen = Boolean(centre) && shown.contains(centre);
    }}
    return {{onScreen, shows: outlineShows || shadowShows, outline, shadow: style.boxShadow, rest}};
  }};
  let look = lookAt();
  if (!(look.onScreen && look.shows)) {{
    await new Promise(resolve => setTimeout(resolve, 100));
    look = lookAt();
  }}
  return {{name: ({_DESCRIBE})(focused), seen, ...look}};
}}"""


def focus_problems(page: Page, where: str) -> list[str]:
    """Tab through the whole loaded page: every stop must be on screen and show an outline or shadow."""
    page.evaluate(_REMEMBER_RESTING_STYLES)
    problems: list[str] = []
    lost = 0
    for stop in range(1, MAX_TAB_STOPS + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            # Focus left the page, or an element lost it on the way: one more Tab tells which.
            lost += 1
            if lost == 2:
                return problems
            continue
        if focused["seen"]:
            return problems
        lost = 0
        if not focused["onScreen"]:
            problems.append(f"{where}: Tab stop {stop}, {focused['name']}, has focus but is off screen, hidden or covered")
        elif not focused["shows"]:
            problems.append(f"{where}: Tab stop {stop}, {focused['name']}, shows no focus: outline {focused['outline']}, "
                            f"box-shadow {focused['shadow']} (unfocused: outline {focused['rest']['outline']}, "
                            f"box-shadow {focused['rest']['shadow']})")
    return problems + [f"{where}: still tabbing after {MAX_TAB_STOPS} stops: is focus trapped?"]


def skip_link_problems(page: Page, where: str) -> list[str]:
    """The first Tab stop of the loaded page is a link within the page that, followed, focuses its headline."""
    page.keyboard.press("Tab")
    first = page.evaluate(f"""() => {{
      const focused = document.activeElement;
      return {{name: ({_DESCRIBE})(focused), inPage: focused.matches('a[href^="#"]')}};
    }}""")
    if not first["inPage"]:
        return [f"{where}: the first Tab stop is {first['name']}, not a skip link to the content"]
    page.keyboard.press("Enter")
    try:
        page.wait_for_function("""() => {
          const focused = document.activeElement, headline = document.querySelector("h1");
          return Boolean(headline) && focused.contains(headline) && Boolean(focused.closest("main"));
        }""", timeout=1000)
    except PlaywrightTimeoutError:
        landed = page.evaluate(f"() => ({_DESCRIBE})(document.activeElement)")
        return [f"{where}: following the skip link {first['name']} leaves focus on {landed}, "
                "not on the page's headline in the main content"]
    return []


def keyboard_search_problems(page: Page, where: str, words: str, article_path: str) -> list[str]:
    """From the loaded page: Tab to the search button, open it with Enter, type, close it with Esc
    (focus goes back to the button), open it again, and open the article with the arrow and Enter keys."""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement.matches({OPEN_BUTTON!r})"):
            break
        if page.evaluate("() => document.activeElement === document.body"):
            return [f"{where}: no search button among the Tab stops"]
    else:
        return [f"{where}: no search button among the first {MAX_TAB_STOPS} Tab stops"]
    page.keyboard.press("Enter")
    if not page.evaluate(f"() => document.activeElement.matches({FIELD!r})"):
        return [f"{where}: Enter on the search button leaves focus on {page.evaluate(f'() => ({_DESCRIBE})(document.activeElement)')}"]
    page.keyboard.press("Escape")
    if not page.evaluate(f"() => !document.querySelector({DIALOG!r}).open && document.activeElement.matches({OPEN_BUTTON!r})"):
        return [f"{where}: Esc does not close search and give focus back to its button"]
    page.keyboard.press("Enter")
    page.keyboard.type(words)
    result = page.locator(f'{RESULT_LINKS}[href$="/{article_path}"]').first
    try:
        result.wait_for(state="visible", timeout=SEARCH_TIMEOUT)
    except PlaywrightTimeoutError:
        return [f"{where}: searching for {words!r} lists no link to {article_path}"]
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        if result.evaluate("link => link === document.activeElement"):
            break
    else:
        return [f"{where}: the arrow keys never reach the search result for {article_path}"]
    page.keyboard.press("Enter")
    try:
        page.wait_for_url(f"**/{article_path}", timeout=5000)
    except PlaywrightTimeoutError:
        return [f"{where}: Enter on the search result for {article_path} leaves the reader on {page.url}"]
    return []
