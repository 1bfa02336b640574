"""The Corrections page lists every correction of every published article, newest first, each
linking to the article it corrects; the sitemap dates the page by its newest correction."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.etree
import pytest
from lxml.html import HtmlElement

from newsroom.front_matter import as_datetime
from tests.support.articles import Article, articles
from tests.support.feeds import SITEMAP_NAMESPACE
from tests.support.checks.links import page_url
from tests.support.site import BuiltSite, edit_page, parse

from tests.conftest import ProjectCopy, SiteUnderTest

PAGE = "corrections/index.html"


def corrections_page_problems(site: BuiltSite, found: list[Article]) -> list[str]:
    """What the Corrections page gets wrong against the articles' front matter."""
    if not (site.root / PAGE).is_file():
        return [f"{PAGE}: missing from the site"]
    page = parse(site.root / PAGE)
    listed = []
    for item in page.xpath("//section[contains(@class, 'corrections-list')]/article"):
        href = item.xpath(".//h3/a/@href")
        listed.append((item.xpath(".//time/@datetime")[0],
                       " ".join(item.xpath("string(.//p)").split()).split(" — ", 1)[-1],
                       urljoin(page_url(site, PAGE), href[0]) if href else None))
    corrections = [(as_datetime(correction.date), correction.text, article.url)
                   for article in found for correction in article.corrections]
    wanted = [(moment.isoformat(), text, url) for moment, text, url in sorted(corrections, key=lambda item: item[0], reverse=True)]
    if listed == wanted:
        return []
    return [f"{PAGE}: lists {listed}; the articles' front matter, newest first, says {wanted}"]


def sitemap_lastmod(site: BuiltSite, url: str) -> str | None:
    root = lxml.etree.parse(str(site.root / "sitemap.xml")).getroot()
    for entry in root.findall("sm:url", SITEMAP_NAMESPACE):
        if entry.findtext("sm:loc", namespaces=SITEMAP_NAMESPACE).strip() == url:
            return entry.findtext("sm:lastmod", namespaces=SITEMAP_NAMESPACE).strip()
    return None


def test_corrections_page_lists_every_correction_newest_first(every_site: SiteUnderTest) -> None:
    site = every_site.site
    problems = corrections_page_problems(site, every_site.articles)
    assert not problems, "\n".join(problems)


def test_planted_corrections_are_listed_newest_first_and_date_the_page_in_the_sitemap(project: ProjectCopy) -> None:
    assert project.article.is_file()
    site = project.built()
    found = articles(site, project.root)
    assert not corrections_page_problems(site, found)
    listed = parse(site.root / PAGE).xpath("//section[contains(@class, 'corrections-list')]/article//time/@datetime")
    assert listed == ["2024-05-09T16:30:00+02:00", "2024-05-07T00:00:00+00:00"]
    assert sitemap_lastmod(site, page_url(site, PAGE)) == "2024-05-09"


ENTRIES = "//section[contains(@class, 'corrections-list')]/article"


def oldest_first(page: HtmlElement) -> None:
    entries = page.xpath(ENTRIES)
    parent, start = entries[0].getparent(), entries[0].getparent().index(entries[0])
    for entry in entries:
        parent.remove(entry)
    for offset, entry in enumerate(reversed(entries)):
        parent.insert(start + offset, entry)


# Faults planted in the built page, as a broken hook or template would leave it; the check must
# catch each.
PAGE_FAULTS = {
    "oldest first": oldest_first,
    "no list": lambda page: [entry.drop_tree() for entry in page.xpath(ENTRIES)],
    "no link to the article": lambda page: [link.attrib.pop("href") for link in page.xpath(f"{ENTRIES}//h3/a")],
}


@pytest.mark.parametrize("fault", PAGE_FAULTS)
def test_planted_corrections_page_fault_is_caught(project: ProjectCopy, fault: str) -> None:
    assert project.article.is_file()
    site = project.built()
    edit_page(site.root / PAGE, PAGE_FAULTS[fault])
    problems = corrections_page_problems(site, articles(site, project.root))
    assert problems and problems[0].startswith(f"{PAGE}: lists "), problems
