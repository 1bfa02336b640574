"""The article page reads like news: kicker, headline, standfirst, byline, times, update note, glossary."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from newsroom.front_matter import as_datetime, long_date
from lxml.html import HtmlElement
from lxml.html import document_fromstring as parse_html
from tests.support.articles import Article, articles
from tests.support.checks.links import page_url
from tests.support.site import ROOT, BuiltSite, edit_page, parse

from tests.conftest import FIXTURE, FIXTURE_PAGE, ProjectCopy, SiteUnderTest

GLOSSARY = ROOT / "docs" / ".glossary.md"
GLOSSARY_ENTRY = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$", re.MULTILINE)


def glossary() -> dict[str, str]:
    return {match["term"]: match["meaning"] for match in GLOSSARY_ENTRY.finditer(GLOSSARY.read_text(encoding="utf-8"))}


def text(element) -> str:
    return " ".join(element.text_content().split())


# A dateline as readers see one: the place in capitals and the date, "GENEVA, 6 May 2024".
DATELINE = re.compile(r"[A-Z][A-Z .'’-]+, \d{1,2} [A-Z][a-z]+ \d{4}")


def check_article_page(site: BuiltSite, article: Article) -> None:
    """The header shows the front matter; the body's dateline, update note and corrections agree with it."""
    page = article.html()
    header = page.xpath("//article//header[@class='article-header']")
    assert len(header) == 1, f"{article.page}: no article header"
    header = header[0]
    meta = article.meta
    kicker = header.xpath(".//*[@class='article-kicker']")[0]
    assert [text(link) for link in kicker.xpath("./a")] == [meta["categories"][0]]
    assert [text(label) for label in kicker.xpath(".//*[@class='article-type']")] == [article.type.capitalize()], \
        f"{article.source}: type: the kicker does not label the article {article.type.capitalize()!r}"
    assert [text(h1) for h1 in page.xpath("//h1")] == [meta["title"]]
    assert [text(p) for p in header.xpath(".//*[@class='article-standfirst']")] == [meta["description"]]
    byline = header.xpath(".//*[@class='article-byline']")[0]
    desk = byline.xpath(".//a[@rel='author']/@href")
    assert len(desk) == len(meta["authors"]) and all((article.page.parent / href / "index.html").is_file() for href in desk)
    times = byline.xpath(".//time/@datetime")
    expected = [article.created.isoformat()] + ([article.last_modified.isoformat()] if article.last_modified > article.created else [])
    assert times == expected, f"{article.source}: the byline's times {times}, the front matter's {expected}"
    assert re.fullmatch(r"\d+ min read", text(byline.xpath(".//*[@class='article-byline__readtime']")[0]))
    check_dateline(article, page, header)
    if meta["date"].get("updated"):
        updated = as_datetime(meta["date"]["updated"])
        titles = [text(title) for title in page.xpath("//div[contains(@class, 'admonition') and contains(@class, 'update')]/p[@class='admonition-title']")]
        assert titles == [f"Update, {long_date(updated)}"], \
            f"{article.source}: update note dated {titles}, front matter {long_date(updated)}"
    check_corrections(article, page)


def check_dateline(article: Article, page: HtmlElement, header: HtmlElement) -> None:
    """A dateline, from front matter, where our reporter was; else a note that the desk compiled it."""
    opening = page.xpath("(//article//header[@class='article-header']/following::p)[1]")
    first = opening[0].xpath("./strong[1]") if opening and not (opening[0].text or "").strip() else []
    body_dateline = text(first[0]) if first else ""
    place = article.meta.get("dateline")
    if place:
        expected = f"{place.upper()}, {long_date(article.created)}"
        assert body_dateline == expected, \
            f"{article.source}: dateline: the body should open with {expected!r}, found {body_dateline!r}"
        assert not header.xpath(".//*[@class='article-compiled']"), f"{article.source}: both a dateline and a 'compiled' note"
    else:
        assert not DATELINE.fullmatch(body_dateline), \
            (f"{article.source}: the body opens with a hand-written dateline {body_dateline!r}; a dateline names "
             "where our reporter was: set `dateline:` in front matter, or remove it if the desk compiled the report")
        compiled = header.xpath(".//*[@class='article-compiled']")
        assert compiled and compiled[0].xpath(".//a/@href") == ["#sources"], \
            f"{article.source}: no dateline, and no note under the byline that the desk compiled it from its sources"


def check_corrections(article: Article, page: HtmlElement) -> None:
    """Each correction is a dated note after the report and just before its Sources."""
    notes = page.xpath("//section[@class='article-corrections']/p[@class='article-correction']")
    shown = sorted((note.xpath("./time/@datetime")[0], text(note).split(" — ", 1)[-1]) for note in notes)
    wanted = sorted((as_datetime(correction.date).isoformat(), correction.text) for correction in article.corrections)
    assert shown == wanted, f"{article.source}: corrections: the page shows {shown}, the front matter says {wanted}"
    if notes:
        following = page.xpath("//section[@class='article-corrections']/following-sibling::h2[1]/@id")
        assert following == ["sources"], f"{article.source}: corrections: not just before the Sources"


def test_every_article_page_shows_kicker_headline_standfirst_and_byline(every_site: SiteUnderTest) -> None:
    for article in every_site.articles:
        check_article_page(every_site.site, article)


# Faults planted in the fixture article, each a body that disagrees with its front matter:
# (replacements in the fixture's file, what the report must say).
BODY_FAULTS = {
    "a hand-written dateline": ([("dateline: Geneva\n", ""), ("Delegations met", "**GENEVA, 6 May 2024** — Delegations met")],
                                "hand-written dateline 'GENEVA, 6 May 2024'"),
    "an update note dated otherwise": ([("  created: 2024-05-06 07:15:00+02:00\n", "  created: 2024-05-06 07:15:00+02:00\n  updated: 2024-05-20\n"),
                                        ("## Sources", '## What happened next\n\n!!! update "Update, 21 May 2024"\n\n    Later.\n\n## Sources')],
                                       "update note dated"),
}


@pytest.mark.parametrize("fault", BODY_FAULTS)
def test_body_differing_from_front_matter_is_caught(project: ProjectCopy, fault: str) -> None:
    changes, expected = BODY_FAULTS[fault]
    for old, new in changes:
        project.plant(old, new)
    built = project.built()
    with pytest.raises(AssertionError, match=expected) as failure:
        for article in articles(built, project.root):
            check_article_page(built, article)
    assert f"{FIXTURE}:" in str(failure.value)


def test_corrections_missing_from_the_page_are_caught(project: ProjectCopy) -> None:
    assert project.article.is_file()
    built = project.built()
    edit_page(built.root / FIXTURE_PAGE, lambda page: [section.drop_tree() for section in
                                                      page.xpath("//section[@class='article-corrections']")])
    with pytest.raises(AssertionError, match=f"{FIXTURE}: corrections: the page shows"):
        for article in articles(built, project.root):
            check_article_page(built, article)


def test_planted_analysis_is_labelled_dated_and_corrected_on_its_page(project: ProjectCopy) -> None:
    assert project.article.is_file()
    built = project.built()
    found = {article.meta["slug"]: article for article in articles(built, project.root)}
    for article in found.values():
        check_article_page(built, article)
    page = found["geneva-arms-talks-analysis"].html()
    assert [text(label) for label in page.xpath("//*[@class='article-kicker']/*[@class='article-type']")] == ["Analysis"]
    assert text(page.xpath("//strong[@class='article-dateline']")[0]) == "GENEVA, 6 May 2024"
    assert page.xpath("//section[@class='article-corrections']/h2/text()") == ["Corrections"]
    # The later correction (9 May, 16:30 in Geneva) dates the article's last update.
    assert page.xpath("//*[@class='article-byline__times']/time/@datetime")[-1] == "2024-05-09T16:30:00+02:00"


def abbreviation_problems(page: HtmlElement, where: str, meanings: dict[str, str]) -> list[str]:
    """Abbreviations whose meaning a reader cannot reach from the keyboard as by hover. Out of a link
    one carries its meaning and takes focus; inside one, which takes focus itself and may hold nothing
    else that does, the link's title says what it stands for."""
    problems = []
    for abbr in page.iter("abbr"):
        term, link = abbr.text_content(), next(abbr.iterancestors("a"), None)
        if link is None:
            if abbr.get("title") != meanings.get(term):
                problems.append(f"{where}: <abbr>{term}</abbr> means {abbr.get('title')!r}, not the glossary's {meanings.get(term)!r}")
            if abbr.get("tabindex") != "0":
                problems.append(f"{where}: <abbr>{term}</abbr> cannot take focus")
        else:
            if abbr.get("tabindex") is not None:
                problems.append(f"{where}: <abbr>{term}</abbr> takes focus inside a link, which takes it itself")
            if f"{term}: {meanings.get(term)}" not in (link.get("title") or ""):
                problems.append(f"{where}: the link holding <abbr>{term}</abbr> does not say what it stands for in its title")
    return problems


def test_every_abbreviation_has_a_meaning_a_keyboard_reader_can_reach(every_site: SiteUnderTest) -> None:
    site, meanings = every_site.site, glossary()
    problems = [problem for page in site.pages() for problem in abbreviation_problems(parse(page), site.name(page), meanings)]
    assert not problems, "\n".join(problems)


def test_planted_abbreviation_gets_its_tooltip_in_text_and_in_a_link(project: ProjectCopy) -> None:
    project.plant("Officials on both sides said", "TASS reported that officials on both sides said, as "
                                                  "[TASS put it](https://tass.com/politics),")
    page = parse(project.built().root / FIXTURE_PAGE)
    meanings = glossary()
    assert page.xpath("//abbr[.='TASS'][not(ancestor::a)]/@title") == [meanings["TASS"]]
    assert page.xpath("//a[@href='https://tass.com/politics'][abbr='TASS']/@title") == [f"TASS: {meanings['TASS']}"]
    assert not abbreviation_problems(page, FIXTURE_PAGE, meanings)


def test_planted_focusable_abbreviation_inside_a_link_is_caught() -> None:
    page = parse_html('<p><a href="https://tass.com/"><abbr title="A Russian state news agency" tabindex="0">TASS</abbr> '
                      'reported</a></p>')
    assert abbreviation_problems(page, "page.html", {"TASS": "A Russian state news agency"}) == [
        "page.html: <abbr>TASS</abbr> takes focus inside a link, which takes it itself",
        "page.html: the link holding <abbr>TASS</abbr> does not say what it stands for in its title"]


def list_item_problems(where: str, item: HtmlElement | None, article: Article, page_address: str, site: BuiltSite) -> list[str]:
    """What a list shows wrong of an article: headline, standfirst, section, label, date and link."""
    if item is None:
        return [f"{where} does not list {article.source}"]
    shown = {"standfirst": [text(p) for p in item.xpath(".//p[contains(@class, 'standfirst')]")],
             "date": item.xpath(".//time/@datetime"),
             "section": [text(a) for a in item.xpath(".//p[contains(@class, 'meta')]/a")][:1],
             "label": [text(label) for label in item.xpath(".//*[@class='article-type']")],
             "link": [urljoin(page_address, href) for href in item.xpath(".//*[contains(@class, 'article-teaser__headline')]/a/@href")]}
    wanted = {"standfirst": [article.description], "date": [article.created.isoformat()], "section": [article.categories[0]],
              "label": [article.type.capitalize()], "link": [article.url]}
    return [f"{where}: {article.source}: its {key} is {shown[key]}, the front matter says {wanted[key]}"
            for key in wanted if shown[key] != wanted[key]]


def listed(site: BuiltSite, pages: list[Path]) -> tuple[list[str], dict[str, HtmlElement], str]:
    """The headlines a paginated list shows, in order; each one's item; and its body text."""
    order, items, body = [], {}, []
    for page in pages:
        root = parse(page)
        for item in root.xpath("//article[contains(@class, 'article-teaser')]"):
            headline = text(item.xpath(".//*[contains(@class, 'article-teaser__headline')]")[0])
            order.append(headline)
            items[headline] = (item, page_url(site, site.name(page)))
        body.append(text(root.xpath("//main")[0]))
    return order, items, " ".join(body)


def article_list_problems(every_site: SiteUnderTest) -> list[str]:
    """Every list an article belongs on (the blog index, its sections, its desks, its year) shows it,
    newest first, by headline, standfirst, section, label and date, never by its body; the home page
    shows the latest ones."""
    site, config, found = every_site.site, every_site.config, every_site.articles
    newest_first = sorted(found, key=lambda article: article.created, reverse=True)
    lists = {config.blog_dir: found}
    for article in found:
        for path in ([config.list_path("category", name) for name in article.categories]
                     + [config.list_path("desk", desk) for desk in article.meta["authors"]]
                     + [config.list_path("archive", article.created)]):
            lists.setdefault(path, []).append(article)
    problems = []
    for path, members in [("", newest_first[:config.latest_count]), *lists.items()]:
        pages = config.list_pages(site.root, path) if path else [site.root / "index.html"]
        if not pages:
            problems.append(f"{path}: no such list in the site, though {members[0].source} belongs on it")
            continue
        order, items, body = listed(site, pages)
        for article in members:
            item, address = items.get(article.title, (None, ""))
            problems += list_item_problems(site.name(pages[0]), item, article, address, site)
            lede = text(article.html().xpath("(//article//header[@class='article-header']/following::p)[1]")[0])
            if lede in body:
                problems.append(f"{site.name(pages[0])} shows the body of {article.source}")
        wanted = [article.title for article in newest_first if article in members]
        if [title for title in order if title in wanted] != wanted:
            problems.append(f"{site.name(pages[0])}: the articles are not listed newest first")
    return problems


def test_every_article_is_on_the_lists_its_front_matter_names_by_headline_not_body(every_site: SiteUnderTest) -> None:
    problems = article_list_problems(every_site)
    assert not problems, "\n".join(problems)


# Faults planted in what lists show, each of which the check must report.
LIST_FAULTS = {
    "the body instead of the standfirst": ('<p class="article-teaser__standfirst">{{ article.meta.description | e }}</p>',
                                            "<div>{{ article.content }}</div>", "its standfirst is []"),
    "no section": ('<a href="{{ article.categories[0].url | url }}">{{ article.categories[0].title }}</a>', "",
                   "its section is []"),
    "no label": ('{% with typed = article %}{% include "partials/article-type.html" %}{% endwith %}', "", "its label is []"),
}


@pytest.mark.parametrize("fault", LIST_FAULTS)
def test_planted_fault_in_what_lists_show_is_caught(project: ProjectCopy, fault: str) -> None:
    old, new, expected = LIST_FAULTS[fault]
    project.replace(project.root / "overrides/partials/post.html", old, new)
    assert project.article.is_file()
    problems = article_list_problems(SiteUnderTest(project.built(), project.root))
    assert any(f"{FIXTURE}: {expected}" in problem for problem in problems), "\n".join(problems)
