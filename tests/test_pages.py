"""The pages readers land on: home, articles, about and not-found, as built and as served."""

from __future__ import annotations

from html import escape

import lxml.html

from tests.support.articles import articles, latest
from tests.support.preview import preview
from tests.support.site import ROOT, BuiltSite, parse

from tests.conftest import FIXTURE, ProjectCopy, SiteUnderTest


def headline_problems(site: BuiltSite) -> list[str]:
    """Pages without exactly one <h1>."""
    counts = {site.name(page): len(parse(page).xpath("//h1")) for page in site.pages()}
    return [f"{name}: {count} <h1> elements; a page has exactly one" for name, count in counts.items() if count != 1]


def sources_problems(every_site: SiteUnderTest) -> list[str]:
    """Articles whose page does not end with a Sources heading over a list of https links."""
    problems = []
    for article in every_site.articles:
        sources = article.html().xpath("//h2[@id='sources']/following-sibling::ul[1]/li/a/@href")
        if not sources or not all(href.startswith("https://") for href in sources):
            problems.append(f"{article.source}: no '## Sources' list of https links at its end (found {sources})")
    return problems


def language_problems(every_site: SiteUnderTest) -> list[str]:
    """Pages whose <html lang> is not the language mkdocs.yml sets (theme.language)."""
    site, language = every_site.site, every_site.config.config.theme["language"]
    return [f"{site.name(page)}: <html lang={parse(page).get('lang')!r}>, not {language!r}"
            for page in site.pages() if parse(page).get("lang") != language]


def dialog_name_problems(site: BuiltSite) -> list[str]:
    """Dialogs that screen readers cannot name: without an aria-label, or an aria-labelledby that
    points at text on the page."""
    problems = []
    for page in site.pages():
        root = parse(page)
        for dialog in root.xpath("//dialog | //*[@role='dialog']"):
            label = (dialog.get("aria-label") or "").strip()
            labelled_by = [root.get_element_by_id(id, None) for id in (dialog.get("aria-labelledby") or "").split()]
            if not label and not any(element is not None and element.text_content().strip() for element in labelled_by):
                problems.append(f"{site.name(page)}: dialog#{dialog.get('id')} has no name (aria-label or aria-labelledby)")
    return problems


def test_every_page_has_exactly_one_headline(every_site: SiteUnderTest) -> None:
    problems = headline_problems(every_site.site)
    assert not problems, "\n".join(problems)


def test_every_article_ends_with_a_linked_sources_section(every_site: SiteUnderTest) -> None:
    problems = sources_problems(every_site)
    assert not problems, "\n".join(problems)


def test_every_page_declares_the_site_language(every_site: SiteUnderTest) -> None:
    problems = language_problems(every_site)
    assert not problems, "\n".join(problems)


def test_search_dialog_has_a_name_for_screen_readers(every_site: SiteUnderTest) -> None:
    problems = dialog_name_problems(every_site.site)
    assert not problems, "\n".join(problems)


def test_planted_article_without_sources_is_caught(project: ProjectCopy) -> None:
    project.plant("## Sources\n\n- The conference's own page", "The conference's own page")
    problems = sources_problems(SiteUnderTest(project.built(), project.root))
    assert [problem for problem in problems if problem.startswith(f"{FIXTURE}: no '## Sources'")], problems


def test_planted_page_without_a_language_or_headline_is_caught(project: ProjectCopy) -> None:
    (project.docs / "print.html").write_text("<!doctype html><html><head><title>Print</title></head><body></body></html>",
                                              encoding="utf-8")
    site = SiteUnderTest(project.built(), project.root)
    assert "print.html: <html lang=None>, not 'en-GB'" in language_problems(site)
    assert "print.html: 0 <h1> elements; a page has exactly one" in headline_problems(site.site)


def test_planted_unnamed_search_dialog_is_caught(project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/partials/site-search.html", ' aria-label="Search the archive"', "")
    problems = dialog_name_problems(project.built())
    assert "index.html: dialog#site-search has no name (aria-label or aria-labelledby)" in problems, problems


def test_about_page_states_sourcing_quotation_and_corrections_policies(site: BuiltSite) -> None:
    about = parse(site.root / "about" / "index.html")
    assert set(about.xpath("//h2/@id")) >= {"who-we-are", "sourcing", "datelines", "labels", "quotations", "corrections"}
    assert "../corrections/" in about.xpath("//h2[@id='corrections']/following-sibling::p[1]//a/@href"), \
        "the corrections policy does not link to the Corrections page"


def test_not_found_page_links_home_with_assets_from_the_site_root(site: BuiltSite) -> None:
    page = parse(site.root / "404.html")
    assert page.xpath("//h1/text()") == ["Page not found"]
    assert "/" in page.xpath("//article//a/@href")
    assert all(href.startswith("/") for href in page.xpath("//link[@rel='stylesheet']/@href"))


def test_serve_shows_the_home_page_one_click_from_the_newest_article(site: BuiltSite, article_url: str) -> None:
    newest = latest(articles(site, ROOT))
    with preview(ROOT) as served:
        assert article_url in lxml.html.document_fromstring(served.get()).xpath("//a/@href")
        assert escape(newest.title, quote=False) in served.get(article_url)
