"""Reading any page, search included, asks nothing of any origin but the site's own, and logs no
errors to the console."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

from tests.support.a11y import page_paths, reader_context
from tests.support.privacy import Visit, foreign_requests, page_errors, visit
from tests.support.browser import DESKTOP, serve
from tests.support.site import BuiltSite

from tests.conftest import FIXTURE, FIXTURE_PAGE, ProjectCopy, SiteUnderTest
from tests.support.articles import latest

def search_word(articles: list) -> str:
    """A word of the newest article's headline: searching for it lists a result on every page."""
    return max(latest(articles).title.split(), key=len).strip(",.:;‘’'\"")


def visits(browser: Browser, base_url: str, paths: dict[str, str], word: str = "news") -> list[Visit]:
    """Each page loaded and searched in a tab of its own, on a desktop."""
    with reader_context(browser, DESKTOP) as context:
        return [visit(context, base_url + path, name, word) for name, path in paths.items()]


@pytest.fixture(scope="session")
def every_page_visited(browser: Browser, every_site: SiteUnderTest,
                       serving: Callable[[BuiltSite], str]) -> tuple[list[Visit], str]:
    url = serving(every_site.site)
    return visits(browser, url, every_site.browsed_pages(), search_word(every_site.articles)), url


def test_every_page_asks_only_the_site_itself(every_page_visited: tuple[list[Visit], str]) -> None:
    records, url = every_page_visited
    assert all(record.requests for record in records), "a visit recorded no request at all"
    problems = [problem for record in records for problem in foreign_requests(record, url)]
    assert not problems, "\n".join(problems)


def test_every_page_loads_and_searches_without_errors(every_page_visited: tuple[list[Visit], str]) -> None:
    problems = [problem for record in every_page_visited[0] for problem in page_errors(record)]
    assert not problems, "\n".join(problems)


def planted_visit(browser: Browser, project: ProjectCopy, name: str) -> tuple[Visit, str]:
    """One page of a project copy with a fault planted, visited; and the address it was served at."""
    assert project.article.is_file()
    site = project.built()
    with serve(site.root) as url:
        return visits(browser, url, {name: page_paths(site)[name]})[0], url


@pytest.mark.parametrize(("where", "old", "new", "asked"), [
    ("overrides/article.html", "{% block content %}",
     '{% block content %}\n  <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">',
     "https://fonts.googleapis.com/css2?family=Roboto (stylesheet)"),
    (FIXTURE.as_posix(), "## Sources",
     '<link rel="preload" as="font" type="font/woff2" crossorigin '
     'href="https://fonts.gstatic.com/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2">\n\n## Sources',
     "https://fonts.gstatic.com/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2 (font)"),
], ids=["stylesheet in a template", "font in a page"])
def test_planted_request_to_another_origin_is_caught(browser: Browser, project: ProjectCopy, where: str, old: str,
                                                     new: str, asked: str) -> None:
    project.replace(project.article if where == FIXTURE.as_posix() else project.root / where, old, new)
    record, url = planted_visit(browser, project, FIXTURE_PAGE)
    problems = foreign_requests(record, url)
    assert problems == [f"{FIXTURE_PAGE}: asks {asked}, another origin than the site's own"], "\n".join(problems)


def test_planted_script_error_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/article.html", "  {{ page.content }}",
                    '  {{ page.content }}\n  <script>throw new Error("planted fault")</script>')
    record, _ = planted_visit(browser, project, FIXTURE_PAGE)
    problems = page_errors(record)
    assert problems == [f"{FIXTURE_PAGE}: uncaught Error: planted fault"], "\n".join(problems)
