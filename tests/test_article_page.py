"""The article page reads like news: kicker, headline, standfirst, byline, times, update note, glossary."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest

from support.articles import Article, articles
from support.links import page_url
from support.site import ROOT, BuiltSite, parse

from conftest import ProjectCopy

GLOSSARY = ROOT / "docs" / ".glossary.md"
GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$", re.MULTILINE)


def glossary() -> dict[str, str]:
    return {match["term"]: match["meaning"] for match in GLOSSARY_ENTRY.finditer(GLOSSARY.read_text(encoding="utf-8"))}


def text(element) -> str:
    return " ".join(element.text_content().split())


def check_article_page(site: BuiltSite, article: Article) -> None:
    """The header shows the front matter; the update note's date is the front matter's."""
    page = article.html()
    header = page.xpath("//article//header[@class='article-header']")
    assert len(header) == 1, f"{article.page}: no article header"
    header = header[0]
    meta = article.meta
    assert [text(kicker) for kicker in header.xpath(".//*[@class='article-kicker']")] == [meta["categories"][0]]
    assert [text(h1) for h1 in page.xpath("//h1")] == [meta["title"]]
    assert [text(p) for p in header.xpath(".//*[@class='article-standfirst']")] == [meta["description"]]
    byline = header.xpath(".//*[@class='article-byline']")[0]
    desk = byline.xpath(".//a[@rel='author']/@href")
    assert len(desk) == len(meta["authors"]) and all((article.page.parent / href / "index.html").is_file() for href in desk)
    times = byline.xpath(".//time/@datetime")
    expected = [article.created.isoformat()] + ([article.updated.isoformat()] if meta["date"].get("updated") else [])
    assert times == expected
    assert re.fullmatch(r"\d+ min read", text(byline.xpath(".//*[@class='article-byline__readtime']")[0]))
    dateline = page.xpath("//article//p[strong][1]/strong[1]")
    expected_dateline = rf"[A-Z][A-Z .'-]+, {article.created.day} {article.created:%B %Y}"
    assert dateline and re.fullmatch(expected_dateline, text(dateline[0])), \
        f"{article.source}: the body should open with a dateline like 'MOSCOW, {article.created.day} {article.created:%B %Y}'"
    if meta["date"].get("updated"):
        titles = [text(title) for title in page.xpath("//div[contains(@class, 'admonition') and contains(@class, 'update')]/p[@class='admonition-title']")]
        assert titles == [f"Update, {article.updated.day} {article.updated:%B %Y}"], f"{article.source}: update note dated {titles}, front matter {article.updated:%d %B %Y}"


@pytest.mark.editorial
def test_every_article_page_shows_kicker_headline_standfirst_and_byline(site: BuiltSite) -> None:
    for article in articles(site, ROOT):
        check_article_page(site, article)


# Dates in the body that must agree with the front matter: (planted change, what the report says).
BODY_DATE_FAULTS = {
    "dateline": (("**MOSCOW, 21 February 2023**", "**MOSCOW, 20 February 2023**"), "dateline like 'MOSCOW, 21 February 2023'"),
    "update note": (('!!! update "Update, 23 March 2023"', '!!! update "Update, 24 March 2023"'), "update note dated"),
}


@pytest.mark.parametrize("fault", BODY_DATE_FAULTS)
def test_body_date_differing_from_front_matter_is_caught(project: ProjectCopy, fault: str) -> None:
    change, expected = BODY_DATE_FAULTS[fault]
    project.plant(*change)
    built = project.built()
    with pytest.raises(AssertionError, match=expected):
        for article in articles(built, project.root):
            check_article_page(built, article)


@pytest.mark.editorial
def test_every_abbreviation_has_a_meaning_and_takes_keyboard_focus(site: BuiltSite) -> None:
    meanings = glossary()
    for page in site.pages():
        for abbr in parse(page).xpath("//abbr"):
            assert abbr.get("title") == meanings.get(abbr.text), f"{site.name(page)}: <abbr>{abbr.text}</abbr>"
            assert abbr.get("tabindex") == "0", f"{site.name(page)}: <abbr>{abbr.text}</abbr> cannot take focus"


def test_glossary_covers_the_newsroom_abbreviations() -> None:
    assert set(glossary()) >= {"FSB", "RIA", "TASS", "New START", "CPC", "WSJ", "ICBM", "SLBM"}


def test_planted_abbreviation_gets_its_tooltip(project: ProjectCopy) -> None:
    project.plant("Patrushev replied", "TASS reported that Patrushev replied")
    page = next(article for article in articles(project.built(), project.root)).html()
    assert page.xpath("//abbr[.='TASS']/@title") == [glossary()["TASS"]]


@pytest.mark.parametrize("listing", ["index.html", "blog/index.html", "blog/category/world/index.html",
                                     "blog/archive/2023/index.html", "blog/author/foreign-desk/index.html"])
def test_lists_show_each_article_by_headline_standfirst_section_and_date_not_its_body(site: BuiltSite,
                                                                                  listing: str) -> None:
    page = parse(site.root / listing)
    items = page.xpath("//article[contains(@class, 'article-teaser')]")
    listed = {text(item.xpath(".//*[contains(@class, 'article-teaser__headline')]")[0]): item for item in items}
    for article in articles(site, ROOT):
        item = listed[article.meta["title"]]
        assert text(item.xpath(".//p[contains(@class, 'standfirst')]")[0]) == article.meta["description"]
        assert item.xpath(".//time/@datetime") == [article.created.isoformat()]
        assert text(item.xpath(".//p[contains(@class, 'meta')]/a")[0]) == article.meta["categories"][0]
        href = item.xpath(".//*[contains(@class, 'article-teaser__headline')]/a/@href")[0]
        assert urljoin(page_url(site, listing), href) == page_url(site, site.name(article.page))
        dateline = text(article.html().xpath("//article//p/strong")[0])
        assert dateline not in text(page.xpath("//main")[0]), f"{listing} shows the body of {article.meta['title']}"
