"""The article page as readers see it in a browser: measure, dark palette, print, tooltips."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.browser import DESKTOP, MATERIAL_STARTED, PHONE, open_page, serve

from tests.conftest import FIXTURE_URL, ProjectCopy
from tests.support.site import BuiltSite


# Characters on each full line of the article's body paragraphs, read from the layout.
CHARACTERS_PER_LINE = """() => {
  const counts = [];
  for (const paragraph of document.querySelectorAll(".article > p")) {
    const tops = new Map();
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) tops.set(Math.round(rect.top), (tops.get(Math.round(rect.top)) || 0) + 1);
      }
    }
    counts.push(...[...tops.values()].slice(0, -1));
  }
  return counts;
}"""


@pytest.fixture
def article(browser: Browser, fixture_project: ProjectCopy, serving: Callable[[BuiltSite], str]) -> Iterator[Page]:
    """The fixture article (long, with abbreviations, a dateline and corrections), open on a desktop."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, serving(fixture_project.site) + FIXTURE_URL)
    yield page
    context.close()


def test_article_body_runs_60_to_75_characters_a_line_on_desktop(article: Page) -> None:
    counts = article.evaluate(CHARACTERS_PER_LINE)
    assert len(counts) > 20, "too few full lines to measure"
    assert 60 <= statistics.median(counts) <= 75, f"median {statistics.median(counts)} characters a line"


def type_size_problems(browser: Browser, url: str, viewport: dict, palette: str) -> list[str]:
    """Headline, standfirst, body and byline must step down in size, in either palette."""
    context = browser.new_context(viewport=viewport, color_scheme=palette)
    page = context.new_page()
    open_page(page, url)
    sizes = [page.locator(selector).first.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")
             for selector in ("h1.article-headline", ".article-standfirst", ".article > p", ".article-byline")]
    context.close()
    if sizes == sorted(sizes, reverse=True) and len(set(sizes)) == 4:
        return []
    return [f"{palette}, {viewport['width']} px: headline, standfirst, body, byline are {sizes} px, not stepping down"]


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_headline_standfirst_body_and_byline_step_down_in_size(browser: Browser, served: str, article_url: str,
                                                               viewport: dict, palette: str) -> None:
    problems = type_size_problems(browser, served + article_url, viewport, palette)
    assert not problems, "\n".join(problems)


# At a phone's width: is the header's menu button shown, is there a drawer for it to open, and is
# the logo's link home shown.
PHONE_HEADER = """() => {
  const shown = selector => document.querySelector(selector)?.checkVisibility() ?? false
  return { menu: shown(".md-header label[for=__drawer]"), drawer: document.querySelector(".md-sidebar--primary") !== null,
           home: shown(".md-header a.md-logo") }
}"""


def phone_header_problems(browser: Browser, url: str, pages: list[str]) -> list[str]:
    """On a phone, the header's menu button shows only where there is navigation for it to open;
    where it does not, the logo links home."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = []
    for path in pages:
        open_page(page, url + path)
        header = page.evaluate(PHONE_HEADER)
        if header["menu"] and not header["drawer"]:
            problems.append(f"{path or 'index'} ({PHONE['width']} px): the header's menu button opens an empty drawer")
        if not header["menu"] and not header["home"]:
            problems.append(f"{path or 'index'} ({PHONE['width']} px): the header offers neither the menu nor a link home")
    context.close()
    return problems


def test_phone_header_menu_opens_navigation_or_gives_way_to_a_link_home(browser: Browser, served: str,
                                                                         article_url: str) -> None:
    problems = phone_header_problems(browser, served, ["", "blog/", "about/", article_url])
    assert not problems, "\n".join(problems)


def test_planted_menu_button_on_an_article_is_caught(browser: Browser, project: ProjectCopy) -> None:
    hidden = 'body:not(:has(.md-sidebar--primary)) .md-header__button[for="__drawer"] {\n    display: none;'
    project.replace(project.docs / "assets/stylesheets/news.css", hidden, hidden.replace("none", "inline-block"))
    assert project.article.is_file()
    with serve(project.built().root) as url:
        assert phone_header_problems(browser, url, [FIXTURE_URL]) == \
            [f"{FIXTURE_URL} (390 px): the header's menu button opens an empty drawer"]


def drawer_open_after_back(browser: Browser, url: str, path: str) -> bool:
    """Whether, on a phone, the menu's drawer a reader opened on `path` is still open when they go
    to another page and come back (as from a link in the drawer)."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        open_page(page, url + path)
        page.click(".md-header label[for=__drawer]")
        assert page.is_checked("#__drawer"), f"{path}: the menu button opens no drawer"
        open_page(page, url + "about/")
        page.go_back()
        page.wait_for_function(MATERIAL_STARTED)
        return page.is_checked("#__drawer")
    finally:
        context.close()


def test_the_menu_drawer_is_closed_when_a_reader_comes_back(browser: Browser, served: str) -> None:
    assert not drawer_open_after_back(browser, served, "blog/"), "blog/: the drawer is open again after Back"


def test_planted_drawer_left_to_the_browser_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.docs / "assets/javascripts/pages.js", 'addEventListener("pageshow", close)', "")
    project.replace(project.docs / "assets/javascripts/pages.js", "  close()\n", "")
    with serve(project.built().root) as url:
        assert drawer_open_after_back(browser, url, "blog/")


def test_planted_dark_palette_type_size_is_caught(browser: Browser, project: ProjectCopy) -> None:
    with (project.docs / "assets/stylesheets/news.css").open("a", encoding="utf-8") as css:
        css.write("\n[data-md-color-scheme=slate] .md-typeset .article-standfirst { font-size: 0.6em; }\n")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        assert type_size_problems(browser, url + FIXTURE_URL, PHONE, "light") == []
        assert type_size_problems(browser, url + FIXTURE_URL, PHONE, "dark")[0].startswith("dark, 390 px: headline, standfirst")


def test_dark_palette_follows_the_reader_setting(browser: Browser, served: str, article_url: str) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    open_page(page, served + article_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in background[background.index("(") + 1:-1].split(",")[:3])
    assert max(red, green, blue) < 80, f"dark palette background is {background}"
    context.close()


def check_prints_cleanly(page: Page) -> None:
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".site-search__open", ".md-footer"):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} is printed"
    assert page.locator("h1").is_visible()
    source_link = page.locator("#sources ~ ul a").first
    printed_after = source_link.evaluate("link => getComputedStyle(link, '::after').content")
    assert source_link.get_attribute("href") in printed_after, "sources print without their addresses"


def test_article_prints_without_navigation_or_search_and_with_source_addresses(article: Page) -> None:
    check_prints_cleanly(article)


# What a reader hovers or focuses to read an abbreviation's meaning: the abbreviation, or the link
# that holds it (newsroom/glossary.py).
HOLDERS = {"in text": ".md-content abbr:not(a abbr)", "in a link": ".md-content a:has(abbr)"}


def tooltip_after(page: Page, holder: str, action: str, meaning: str) -> None:
    """Hover or focus the first `holder`: Material's tooltip must show its `meaning`. (A tooltip of
    an element that had focus before may still be fading: only one that says `meaning` counts.)"""
    element = page.locator(holder).first.element_handle()  # this one: the tooltip takes its title away
    if action == "focus":
        for _ in range(200):
            page.keyboard.press("Tab")
            if element.evaluate("element => element === document.activeElement"):
                break
        else:
            raise AssertionError(f"no {holder} can be reached with the Tab key")
    else:
        element.hover()
    try:
        page.locator(".md-tooltip2--active").filter(has_text=meaning).first.wait_for(state="visible", timeout=3000)
    except PlaywrightTimeoutError:
        shown = page.locator(".md-tooltip2--active").all_inner_texts()
        raise AssertionError(f"{action} on {holder} shows {shown}, not {meaning!r}") from None


@pytest.mark.parametrize("action", ["hover", "focus"])
@pytest.mark.parametrize("where", HOLDERS)
def test_abbreviation_shows_its_meaning_on_hover_and_keyboard_focus(article: Page, where: str, action: str) -> None:
    meaning = article.locator(HOLDERS[where]).first.get_attribute("title")
    assert meaning, f"{HOLDERS[where]} has no title"
    tooltip_after(article, HOLDERS[where], action, meaning)


@pytest.fixture
def planted_article(browser: Browser, project: ProjectCopy) -> Iterator[Callable[[], Page]]:
    """Opens the fixture article of the project copy, once a test has planted its fault."""
    assert project.article.is_file()
    with ExitStack() as stack:
        def open_article() -> Page:
            url = stack.enter_context(serve(project.built().root))
            context = browser.new_context(viewport=DESKTOP)
            stack.callback(context.close)
            page = context.new_page()
            open_page(page, url + FIXTURE_URL)
            return page
        yield open_article


def test_planted_unfocusable_abbreviation_is_caught(project: ProjectCopy, planted_article: Callable[[], Page]) -> None:
    project.replace(project.root / "mkdocs.yml", "  - overrides/hooks/glossary.py\n", "")
    with pytest.raises(AssertionError, match="Tab key"):
        tooltip_after(planted_article(), HOLDERS["in text"], "focus", "")


def test_planted_print_without_source_addresses_is_caught(project: ProjectCopy,
                                                         planted_article: Callable[[], Page]) -> None:
    project.replace(project.root / "docs/assets/stylesheets/news.css", 'content: " <" attr(href) ">";', "")
    with pytest.raises(AssertionError, match="sources print without their addresses"):
        check_prints_cleanly(planted_article())


def test_planted_wide_measure_is_caught(project: ProjectCopy, planted_article: Callable[[], Page]) -> None:
    project.replace(project.root / "docs/assets/stylesheets/news.css", "--news-measure: 30em;", "--news-measure: 38em;")
    with pytest.raises(AssertionError, match="characters a line"):
        test_article_body_runs_60_to_75_characters_a_line_on_desktop(planted_article())
