"""Every page works from the keyboard: a skip link first, focus always visible, search that finds
and opens an article, on a phone and a desktop."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml.html import HtmlElement
from playwright.sync_api import Browser, Page

from tests.support.a11y import browsing, focus_problems, keyboard_search_problems, page_paths, skip_link_problems
from tests.support.browser import DESKTOP, PHONE, open_page, serve
from tests.support.articles import articles, latest
from tests.support.site import BuiltSite, edit_page

from tests.conftest import FIXTURE_PAGE, ProjectCopy, SiteUnderTest

# A check of one loaded page, given a name for it to report: its problems.
Check = Callable[[Page, str], list[str]]
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def each_page(browser: Browser, base_url: str, paths: dict[str, str], viewport: dict, check: Check) -> list[str]:
    """A check's problems on every page, each loaded afresh in one tab at one width."""
    problems = []
    with browsing(browser, viewport) as page:
        for name, path in paths.items():
            open_page(page, base_url + path)
            problems += check(page, f"{name} ({viewport['width']} px)")
    return problems


@VIEWPORTS
def test_skip_link_is_the_first_tab_stop_and_focuses_the_headline(browser: Browser, every_site: SiteUnderTest,
                                                                   serving: Callable[[BuiltSite], str], viewport: dict) -> None:
    problems = each_page(browser, serving(every_site.site), every_site.browsed_pages(), viewport, skip_link_problems)
    assert not problems, "\n".join(problems)


@VIEWPORTS
def test_every_tab_stop_is_on_screen_and_shows_its_focus(browser: Browser, every_site: SiteUnderTest,
                                                          serving: Callable[[BuiltSite], str], viewport: dict) -> None:
    problems = each_page(browser, serving(every_site.site), every_site.browsed_pages(), viewport, focus_problems)
    assert not problems, "\n".join(problems)


def search_from_home(site: BuiltSite, project: Path) -> Check:
    """Search for the newest article by the first words of its headline, as a reader would."""
    newest = latest(articles(site, project))
    words = " ".join(newest.title.split()[:3])
    return lambda page, where: keyboard_search_problems(page, where, words, newest.url.removeprefix(site.url))


@VIEWPORTS
def test_search_finds_and_opens_an_article_from_the_keyboard(browser: Browser, every_site: SiteUnderTest,
                                                              serving: Callable[[BuiltSite], str], viewport: dict) -> None:
    problems = each_page(browser, serving(every_site.site), {"index.html": ""}, viewport,
                         search_from_home(every_site.site, every_site.project))
    assert not problems, "\n".join(problems)


def planted_problems(browser: Browser, project: ProjectCopy, name: str, check: Check,
                     edit: Callable[[HtmlElement], object] | None = None) -> list[str]:
    """A check's problems on one page of a project copy with a fault planted, on a desktop: in
    the copy's sources, or by `edit` in the built page."""
    assert project.article.is_file()
    site = project.built()
    if edit is not None:
        edit_page(site.root / name, edit)
    with serve(site.root) as url:
        return each_page(browser, url, {name: page_paths(site)[name]}, DESKTOP, check)


def test_planted_skip_link_to_a_subheading_is_caught(browser: Browser, project: ProjectCopy) -> None:
    def to_a_subheading(page: HtmlElement) -> None:
        page.xpath("//a[contains(@class, 'md-skip')]")[0].set("href", "#" + page.xpath("//article//h2/@id")[0])

    problems = planted_problems(browser, project, FIXTURE_PAGE, skip_link_problems, to_a_subheading)
    assert len(problems) == 1 and problems[0].startswith(f"{FIXTURE_PAGE} (1280 px): following the skip link a.md-skip"), \
        "\n".join(problems)


def test_planted_focus_outline_removed_is_caught(browser: Browser, project: ProjectCopy) -> None:
    with (project.docs / "assets/stylesheets/news.css").open("a", encoding="utf-8") as css:
        css.write("\n.md-typeset .article-byline a:focus-visible { outline: none; }\n")
    problems = planted_problems(browser, project, FIXTURE_PAGE, focus_problems)
    assert any(problem.startswith(f"{FIXTURE_PAGE} (1280 px): Tab stop ") and 'a "Foreign Desk", shows no focus: outline none'
               in problem for problem in problems), "\n".join(problems)


def test_planted_search_without_a_button_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "docs/assets/stylesheets/news.css", ":root {",
                    ".site-search__open { display: none !important; }\n\n:root {")
    problems = planted_problems(browser, project, "index.html", search_from_home(project.built(), project.root))
    assert problems == ["index.html (1280 px): no search button among the Tab stops"], "\n".join(problems)


def test_planted_search_that_loses_focus_on_close_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "docs/assets/javascripts/pages.js", "    dialog.close()\n  })",
                    "    dialog.close()\n    document.activeElement.blur()\n  })")
    problems = planted_problems(browser, project, "index.html", search_from_home(project.built(), project.root))
    assert problems == ["index.html (1280 px): Esc does not close search and give focus back to its button"], "\n".join(problems)


def test_page_without_exactly_one_headline_for_the_skip_link_fails_the_build(project: ProjectCopy) -> None:
    project.plant("## Sources", "# Sources")
    result = project.build()
    assert result.returncode != 0
    assert f"{project.article.relative_to(project.docs).as_posix()}: a page needs exactly one <h1> for the skip link " \
           "to reach; found 2" in result.stderr, result.stderr[-2000:]
