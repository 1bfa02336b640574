"""Valid HTML: one page of each kind, as the build writes it, passes the Nu HTML Checker, but for
what tests/support/html_checker.py allows, each entry saying why, and each still needed."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml.html import builder as E

from newsroom.page_html import DOCTYPE
from tests.support.site import BuiltSite, parse
from tests.support.html_checker import ALLOWED, html_problems

from tests.conftest import SiteUnderTest


def unneeded(allowed: set[str]) -> list[str]:
    return [f"tests/support/html_checker.py: no page needs ALLOWED[{message!r}] any more: remove it"
            for message in ALLOWED if message not in allowed]


def test_one_page_of_each_kind_is_valid_html(every_site: SiteUnderTest, html_checker: list[str]) -> None:
    pages = {name: every_site.site.root / name for name in every_site.browsed_pages()}
    problems, allowed = html_problems(html_checker, pages)
    problems += unneeded(allowed)
    assert not problems, "\n".join(problems)


def planted_copy(site: BuiltSite, name: str, folder: Path, change) -> dict[str, Path]:
    """A copy of a built page, changed by `change(page)`, to check."""
    page = parse(site.root / name)
    change(page)
    copy = folder / name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(lxml.html.tostring(page, doctype=DOCTYPE, encoding="unicode"), encoding="utf-8")
    return {name: copy}


def test_planted_focusable_element_inside_a_link_is_caught(site: BuiltSite, html_checker: list[str],
                                                           tmp_path: Path) -> None:
    def plant(page: lxml.html.HtmlElement) -> None:
        page.xpath("//h1")[0].append(E.A(E.ABBR("TASS", title="A Russian state news agency", tabindex="0"), href="#"))

    problems, allowed = html_problems(html_checker, planted_copy(site, "about/index.html", tmp_path, plant))
    assert len(problems) == 1 and re.match(r"about/index\.html:\d+:\d+: An element with the attribute “tabindex” must "
                                           r"not appear as a descendant of the “a” element\. \(.*<abbr", problems[0]), problems
    assert allowed == set(ALLOWED), "what the page rightly carries is no longer allowed"


def test_planted_allowance_no_page_needs_is_caught(site: BuiltSite, html_checker: list[str], tmp_path: Path) -> None:
    def plant(page: lxml.html.HtmlElement) -> None:
        for link in page.xpath("//link[@rel='expect']"):
            link.drop_tree()

    problems, allowed = html_problems(html_checker, planted_copy(site, "about/index.html", tmp_path, plant))
    assert not problems and [problem.split("[", 1)[0] for problem in unneeded(allowed)] == \
        ["tests/support/html_checker.py: no page needs ALLOWED"]
