"""What search engines, social networks and link previews read: every value from front matter."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urljoin

import pytest

from newsroom.front_matter import ARTICLE_TYPES, DEFAULT_TYPE, as_datetime
from tests.support.articles import Article, articles, json_ld, meta_content
from tests.support.checks.links import built_file, page_url
from tests.support.site import ROOT, BuiltSite, parse

from tests.conftest import ProjectCopy, SiteUnderTest


@pytest.fixture(scope="module")
def published(site: BuiltSite) -> list[Article]:
    found = articles(site, ROOT)
    assert found, "no article was built"
    return found


def check_article_metadata(site: BuiltSite, article: Article) -> None:
    head = article.html()
    url = page_url(site, site.name(article.page))
    meta = article.meta
    assert head.xpath("//link[@rel='canonical']/@href") == [url]
    assert meta_content(head, "description") == [meta["description"]]
    assert meta_content(head, "og:type") == ["article"]
    assert meta_content(head, "og:url") == [url]
    assert meta_content(head, "og:title") == [meta["title"]]
    assert meta_content(head, "og:description") == [meta["description"]]
    assert meta_content(head, "article:published_time") == [article.created.isoformat()], \
        f"{article.source}: article:published_time {meta_content(head, 'article:published_time')}"
    assert meta_content(head, "article:modified_time") == [article.last_modified.isoformat()]
    assert all(datetime.fromisoformat(value).tzinfo for value in
               meta_content(head, "article:published_time") + meta_content(head, "article:modified_time"))
    assert meta_content(head, "article:section") == [meta["categories"][0]]
    assert meta_content(head, "article:tag") == meta["tags"]
    # X takes the title, description and image from Open Graph (developer.x.com/cards/markup).
    assert meta_content(head, "twitter:card") == ["summary_large_image"]
    assert meta_content(head, "twitter:image:alt") == meta_content(head, "og:image:alt") == [meta["title"]]
    images = meta_content(head, "og:image")
    assert len(images) == 1
    assert images[0].startswith(site.url) and built_file(site, images[0])

    found = [item for item in article.json_ld() if item.get("@type") == ARTICLE_TYPES[meta.get("type", DEFAULT_TYPE)]]
    assert len(found) == 1, f"{article.source}: no JSON-LD {ARTICLE_TYPES[meta.get('type', DEFAULT_TYPE)]} (found {len(found)})"
    [news] = found
    assert news["@context"] == "https://schema.org"
    assert news["headline"] == meta["title"] and len(news["headline"]) <= 110
    assert news["description"] == meta["description"]
    assert news["datePublished"] == article.created.isoformat()
    assert news["dateModified"] == article.last_modified.isoformat()
    assert news["image"] == images
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert news["inLanguage"] == head.get("lang") == "en-GB"
    assert news.get("correction", []) == [
        {"@type": "CorrectionComment", "datePublished": as_datetime(correction.date).isoformat(), "text": correction.text}
        for correction in article.corrections]
    assert news["articleSection"] == meta["categories"][0] and news["keywords"] == meta["tags"]
    for author in news["author"]:
        assert author["name"] and built_file(site, author["url"]), author
    assert len(news["author"]) == len(meta["authors"])
    publisher = news["publisher"]
    assert publisher["@type"].endswith("Organization") and publisher["name"] == "Meridian Dispatch"
    assert built_file(site, publisher["logo"]["url"])


def test_every_article_head_carries_its_front_matter(every_site: SiteUnderTest) -> None:
    site = every_site.site
    for article in every_site.articles:
        check_article_metadata(site, article)


def test_pages_that_are_not_articles_are_websites_without_news_article(every_site: SiteUnderTest) -> None:
    site = every_site.site
    article_pages = {article.page for article in every_site.articles} | every_site.draft_pages
    for page in site.pages():
        if page in article_pages or page.name == "404.html":
            continue
        root = parse(page)
        assert meta_content(root, "og:type") == ["website"], site.name(page)
        assert not [item for item in json_ld(root) if item.get("@type") in ARTICLE_TYPES.values()], site.name(page)
        assert root.xpath("//link[@rel='canonical']/@href") == [page_url(site, site.name(page))], site.name(page)


def test_home_page_describes_the_website_and_its_publisher(every_site: SiteUnderTest) -> None:
    site = every_site.site
    items = {item["@type"]: item for item in json_ld(parse(site.root / "index.html"))}
    assert items["WebSite"]["url"] == site.url and items["WebSite"]["name"] == "Meridian Dispatch"
    organization = next(item for kind, item in items.items() if kind.endswith("Organization"))
    assert organization["url"] == site.url and built_file(site, organization["logo"]["url"])


def test_metadata_follows_a_subpath_site_url(project: ProjectCopy) -> None:
    url = "https://example.github.io/newsroom/"
    assert project.build(url).returncode == 0
    built = BuiltSite(project.root / "site", url)
    for article in articles(built, project.root):
        check_article_metadata(built, article)
    assert urljoin(url, "blog/") in parse(built.root / "blog" / "index.html").xpath("//link[@rel='canonical']/@href")


# Faults planted in the metadata template: each must make the metadata check fail.
TEMPLATE_FAULTS = {
    "og:type hard-coded": ('<meta property="og:type" content="article">', '<meta property="og:type" content="website">', "'website'"),
    "time without zone": ('content="{{ article.published }}"', 'content="{{ article.published[:10] }}"', "published_time"),
    "title hard-coded": ('<meta property="og:title" content="{{ title | e }}">', '<meta property="og:title" content="Meridian Dispatch">',
                         "'Meridian Dispatch'"),
    "no JSON-LD": ('<script type="application/ld+json">{{ item | tojson }}</script>', "", "no JSON-LD"),
}


@pytest.mark.parametrize("fault", TEMPLATE_FAULTS)
def test_planted_metadata_template_fault_is_caught(project: ProjectCopy, fault: str) -> None:
    old, new, expected = TEMPLATE_FAULTS[fault]
    project.replace(project.root / "overrides/partials/metadata.html", old, new)
    built = project.built()
    with pytest.raises(AssertionError, match=expected):
        for article in articles(built, project.root):
            check_article_metadata(built, article)
