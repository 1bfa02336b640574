"""The performance budget: what an article page costs a reader on a phone, measured in a browser:
at most 70 KB gzipped in at most 6 requests whatever the size of the archive, and no layout shift.
"""

from __future__ import annotations

import base64
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.support.browser import DESKTOP, PHONE, serve
from tests.support.checks.weight import (
    PAGE_BYTES_BUDGET,
    check_page_budget,
    check_repeat_view_budget,
    cumulative_layout_shift,
    layout_shifts,
    page_weight,
    repeat_view_weight,
)
from tests.support.site import BuiltSite

from tests.conftest import ARCHIVE_ARTICLES, FIXTURE, FIXTURE_URL, ProjectCopy, SiteUnderTest

VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])


def write_heavy_image(path: Path) -> None:
    """A 400x300 SVG of ~180 KB gzipped: a browser knows its size only once all of it has arrived
    (a PNG's or a JPEG's comes in its first bytes), well after the page is first painted."""
    padding = base64.b64encode(random.Random(0).randbytes(180_000)).decode()
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><!-- {padding} --></svg>',
                    encoding="utf-8")


# Page weight -------------------------------------------------------------


@VIEWPORTS
def test_article_page_is_within_70_kb_and_6_requests(browser: Browser, served: str, article_url: str,
                                                     viewport: dict) -> None:
    check_page_budget(*page_weight(browser, served + article_url, viewport))


def test_article_page_weighs_the_same_with_1000_more_articles(browser: Browser, served: str, article_url: str,
                                                              archive_served: str) -> None:
    alone, alone_transfers = page_weight(browser, served + article_url)
    among, among_transfers = page_weight(browser, archive_served + article_url)
    assert len(among_transfers) == len(alone_transfers)
    # The footer's links to the previous and next articles are all that may change.
    assert abs(among - alone) <= 512, f"{alone} bytes alone, {among} bytes among {ARCHIVE_ARTICLES} more articles"


def test_a_second_article_with_a_warm_cache_transfers_at_most_20_kb(browser: Browser, every_site: SiteUnderTest,
                                                                  serving: Callable[[BuiltSite], str]) -> None:
    """Readers go from article to article: the stylesheet and scripts come once, and then only the page."""
    url = serving(every_site.site)
    newest_first = [article.url.removeprefix(every_site.site.url)
                    for article in sorted(every_site.articles, key=lambda article: article.created, reverse=True)]
    # The newest article after the one before it, or after the home page if it is the only one.
    first, second = (newest_first + [""])[1], newest_first[0]
    check_repeat_view_budget(second, *repeat_view_weight(browser, url + first, url + second))


def test_planted_heavy_second_article_is_caught(browser: Browser, project: ProjectCopy) -> None:
    # 60 KB of text that compresses no better than a third.
    project.plant("Delegations met", f"Delegations met {random.Random(1).randbytes(30_000).hex()}")
    with serve(project.built().root) as url:
        weight, transfers = repeat_view_weight(browser, url, url + FIXTURE_URL)
    with pytest.raises(AssertionError, match=rf"{re.escape(FIXTURE_URL)} opened with a warm cache transfers \d+\.\d KB, over the 20 KB budget"):
        check_repeat_view_budget(FIXTURE_URL, weight, transfers)


def test_planted_heavy_stylesheet_and_extra_scripts_are_caught(browser: Browser, project: ProjectCopy) -> None:
    stylesheets = project.docs / "assets" / "stylesheets"
    # Random colours: gzip cannot shrink them much, as with a real bloated stylesheet.
    rules = "".join(f".planted-{n}{{color:#{(n * 2654435761) % 16**6:06x}}}" for n in range(4000))
    (stylesheets / "planted.css").write_text(rules, encoding="utf-8")
    scripts = [f"assets/planted-{n}.js" for n in range(4)]
    for script in scripts:
        (project.docs / script).write_text("console.log('planted')\n", encoding="utf-8")
    project.replace(project.root / "mkdocs.yml", "extra_css:\n", "extra_javascript:\n"
                    + "".join(f"  - {script}\n" for script in scripts) + "extra_css:\n  - assets/stylesheets/planted.css\n")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        weight, transfers = page_weight(browser, url + FIXTURE_URL)
    with pytest.raises(AssertionError, match="over the") as failure:
        check_page_budget(weight, transfers)
    message = str(failure.value)
    assert f"over the {PAGE_BYTES_BUDGET // 1024} KB budget" in message
    assert f"{len(transfers)} requests, over the budget of 6" in message and len(transfers) == len(scripts) + 4
    # The planted stylesheet is joined into the one site stylesheet (newsroom/stylesheets.py).
    assert re.search(r"\d\d+\.\d KB  stylesheet +http://\S+/assets/stylesheets/site\.[0-9a-f]+\.css\n", message), message


def test_images_in_the_article_body_are_listed_but_outside_the_budget(browser: Browser,
                                                                     project: ProjectCopy) -> None:
    write_heavy_image(project.docs / "assets" / "images" / "photo.svg")
    project.plant("Delegations met", '![A photograph](../../assets/images/photo.svg){ width="400" height="300" }\n\nDelegations met')
    with serve(project.built().root) as url:
        weight, transfers = page_weight(browser, url + FIXTURE_URL)
    photo = next(t for t in transfers if t.url.endswith("/photo.svg"))
    assert photo.body > 100 * 1024 and weight == sum(t.body for t in transfers) - photo.body


# No layout shift -----------------------------------------------------------


def check_no_layout_shift(browser: Browser, url: str, viewport: dict) -> None:
    shifts = layout_shifts(browser, url, viewport)
    assert cumulative_layout_shift(shifts) == 0, f"layout shifts (CLS {cumulative_layout_shift(shifts):.3f}): {shifts}"


@VIEWPORTS
def test_article_page_does_not_shift_as_it_loads(browser: Browser, served: str, article_url: str, viewport: dict) -> None:
    check_no_layout_shift(browser, served + article_url, viewport)


@pytest.mark.parametrize("path", ["", "blog/"], ids=["home", "article list"])
def test_home_and_article_list_do_not_shift_as_they_load_on_a_phone(browser: Browser, served: str, path: str) -> None:
    check_no_layout_shift(browser, served + path, PHONE)


PLANTED_SHIFTS = {
    # An image without width and height: the text below it moves down when it arrives.
    "image without dimensions": (FIXTURE, "Delegations met",
                                 "![A photograph](../../assets/images/photo.svg)\n\nDelegations met"),
    # A banner a script in the article template puts above the article once the page has loaded.
    "late banner": (Path("overrides/article.html"), "  {{ page.content }}",
                    '  {{ page.content }}\n  <script>addEventListener("load", () => setTimeout(() => document.querySelector("article")'
                    '.prepend(Object.assign(document.createElement("p"), {textContent: "Breaking news"})), 200))</script>'),
}


@pytest.mark.parametrize("fault", PLANTED_SHIFTS)
def test_planted_layout_shift_is_caught(browser: Browser, project: ProjectCopy, fault: str) -> None:
    write_heavy_image(project.docs / "assets" / "images" / "photo.svg")
    where, old, new = PLANTED_SHIFTS[fault]
    assert project.article.is_file()
    project.replace(project.root / where, old, new)
    with serve(project.built().root) as url, pytest.raises(AssertionError, match="layout shifts"):
        check_no_layout_shift(browser, url + FIXTURE_URL, PHONE)


