"""Safe by construction: a headline and a standfirst holding markup are text wherever they go,
on the article, in every list, in the page head, the feeds, the JSON-LD and the social card."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import pytest

from tests.support.checks.links import page_url
from tests.support.sandbox import patching_python_path
from newsroom.project import Project
from tests.support.site import BuiltSite, parse
from tests.support.synthetic import write_synthetic_articles
from tests.support.articles import articles
from tests.support.cards import card_of

from tests.conftest import FIXTURE_PAGE, ProjectCopy, SiteUnderTest
from tests.test_article_page import article_list_problems, check_article_page, text
from tests.test_feeds import all_problems
from tests.test_metadata import check_article_metadata

HEADLINE = 'What the <i>Geneva</i> & <script>alert("headline")</script> talks can settle'
STANDFIRST = 'A <b>fixture</b> & <script>alert("standfirst")</script> article, its standfirst holding markup as text.'


def test_headline_and_standfirst_holding_markup_render_as_text_everywhere(project: ProjectCopy) -> None:
    project.plant("title: What the Geneva arms talks can and cannot settle", f"title: '{HEADLINE}'")
    project.plant("description: A fixture article of the tests, an analysis filed from Geneva and corrected twice, "
                  "in the Security and Europe sections.", f"description: '{STANDFIRST}'")
    built = project.built()
    under_test = SiteUnderTest(built, project.root)
    # No page carries the markup as markup: no such element, no such script.
    for page in built.pages():
        root = parse(page)
        assert not root.xpath("//script[not(@type='application/ld+json')][contains(., 'alert(')]"), \
            f"{built.name(page)} runs a script from front matter"
        assert not root.xpath("//i[.='Geneva'] | //b[.='fixture']"), f"{built.name(page)} renders front matter markup"
    article = next(found for found in articles(built, project.root) if found.meta["slug"] == "geneva-arms-talks-analysis")
    assert [text(h1) for h1 in article.html().xpath("//h1")] == [HEADLINE]
    assert article.html().xpath("//title/text()")[0].startswith(HEADLINE)
    check_article_page(built, article)
    check_article_metadata(built, article)
    problems = article_list_problems(under_test) + all_problems(built, under_test.articles, project.root)
    assert not problems, "\n".join(problems)
    assert card_of(built, built.root / FIXTURE_PAGE).is_file()
    assert page_url(built, FIXTURE_PAGE) == article.url


def test_planted_templates_that_print_front_matter_unescaped_are_caught(project: ProjectCopy) -> None:
    """Without autoescape, Material's templates print front matter as they find it."""
    project.replace(project.root / "mkdocs.yml", "  - overrides/hooks/autoescape.py\n", "")
    with pytest.raises(AssertionError, match="runs a script from front matter|renders front matter markup"):
        test_headline_and_standfirst_holding_markup_render_as_text_everywhere(project)


SUBHEADING = "Who we are & what we do"


def contents_shown_once(project: ProjectCopy) -> list[str]:
    """Where a subheading of a page (About) reads otherwise than once escaped, in the page or in its
    contents: Python-Markdown lists it as HTML (`&amp;`), which templates must not escape again."""
    project.replace(project.docs / "about.md", "## Who we are { #who-we-are }", f"## {SUBHEADING} {{ #who-we-are }}")
    root = parse(project.built().root / "about" / "index.html")
    shown = {"subheading": [text(heading) for heading in root.xpath("//h2[@id='who-we-are']")],
             "contents": [text(link) for link in root.xpath("//nav[contains(@class, 'md-nav--secondary')]//a[@href='#who-we-are']")]}
    return [f"about/index.html: the {where} reads {sorted(set(found))!r}, not [{SUBHEADING!r}]"
            for where, found in shown.items() if set(found) != {SUBHEADING}]


def test_subheadings_are_escaped_once_in_the_contents(project: ProjectCopy) -> None:
    problems = contents_shown_once(project)
    assert not problems, "\n".join(problems)


def test_planted_contents_escaped_again_is_caught(project: ProjectCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The contents as Python-Markdown lists them, not marked as HTML, are escaped twice."""
    monkeypatch.setenv("PYTHONPATH", patching_python_path(tmp_path / "python", {"newsroom.templates._mark_titles": "lambda items: None"}))
    assert contents_shown_once(project) == [
        f"about/index.html: the contents reads ['Who we are &amp; what we do'], not [{SUBHEADING!r}]"]


# Markup or an entity in what a page shows as text: HTML escaped once too often.
SHOWN_AS_TEXT = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?>|&(?:[a-z]+|#[0-9]+);")


def html_shown_as_text(site: BuiltSite) -> list[str]:
    """Pages that show a reader HTML as text: a tag, or an entity, escaped twice."""
    problems = []
    for page in site.pages():
        root = parse(page)
        for element in root.iter(lxml.etree.Element):
            if element.tag in ("script", "style"):
                continue
            for shown in (element.text, element.tail):
                if shown and (found := SHOWN_AS_TEXT.search(shown)):
                    problems.append(f"{site.name(page)}: shows {found[0]!r} as text, in <{element.tag}>")
                    break
    return problems


def test_no_page_shows_html_as_text(every_site: SiteUnderTest) -> None:
    problems = html_shown_as_text(every_site.site)
    assert not problems, "\n".join(problems[:20])


def test_planted_pager_escaped_again_is_caught(project: ProjectCopy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blog's pager, its links not marked as HTML, shows them as text on every list of more
    than one page."""
    write_synthetic_articles(project.docs, 2 * Project.load(project.root).config.plugins["material/blog"].config.pagination_per_page,
                             seed=9)
    monkeypatch.setenv("PYTHONPATH", patching_python_path(tmp_path / "python", {"newsroom.templates.mark_context_html": "lambda context: None"}))
    problems = html_shown_as_text(project.built())
    assert any(problem.startswith("blog/index.html: shows '<") and "md-pagination" in problem and problem.endswith("in <nav>")
               for problem in problems), problems[:5]
