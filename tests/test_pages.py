"""The pages readers land on: home, articles, about and not-found, as built and as served."""

from __future__ import annotations

import pytest

from support.articles import articles
from support.preview import preview
from support.site import ROOT, BuiltSite, parse

from conftest import ARTICLE_PAGE


def test_home_page_lists_the_latest_articles_one_click_away(site: BuiltSite) -> None:
    home = parse(site.root / "index.html")
    links = home.xpath("//section[contains(@class, 'latest-articles')]//h3[contains(@class, 'article-teaser__headline')]/a/@href")
    assert links, "the home page lists no article"
    assert (site.root / links[0] / "index.html").is_file() and links[0].rstrip("/") + "/index.html" == ARTICLE_PAGE


@pytest.mark.editorial
def test_every_page_has_exactly_one_h1(site: BuiltSite) -> None:
    counts = {site.name(page): len(parse(page).xpath("//h1")) for page in site.pages()}
    assert all(count == 1 for count in counts.values()), {name: n for name, n in counts.items() if n != 1}


@pytest.mark.editorial
def test_every_article_ends_with_a_linked_sources_section(site: BuiltSite) -> None:
    published = articles(site, ROOT)
    assert [site.name(article.page) for article in published] == [ARTICLE_PAGE]
    for article in published:
        sources = article.html().xpath("//h2[@id='sources']/following-sibling::ul[1]/li/a/@href")
        assert sources and all(href.startswith("https://") for href in sources), article.source


def test_about_page_states_sourcing_quotation_and_corrections_policies(site: BuiltSite) -> None:
    about = parse(site.root / "about" / "index.html")
    assert set(about.xpath("//h2/@id")) >= {"who-we-are", "sourcing", "quotations", "corrections"}


def test_not_found_page_links_home_with_assets_from_the_site_root(site: BuiltSite) -> None:
    page = parse(site.root / "404.html")
    assert page.xpath("//h1/text()") == ["Page not found"]
    assert "/" in page.xpath("//article//a/@href")
    assert all(href.startswith("/") for href in page.xpath("//link[@rel='stylesheet']/@href"))


def test_serve_shows_the_home_page_one_click_from_the_article() -> None:
    with preview(ROOT) as served:
        assert 'href="blog/2023/02/21/wang-yi-patrushev-moscow-talks/"' in served.get()
        assert "Wang Yi calls" in served.get(ARTICLE_PAGE.removesuffix("index.html"))


def test_every_page_declares_british_english(site: BuiltSite) -> None:
    languages = {site.name(page): parse(page).get("lang") for page in site.pages()}
    assert set(languages.values()) == {"en-GB"}, {name: lang for name, lang in languages.items() if lang != "en-GB"}


def test_search_dialog_has_a_name_for_screen_readers(site: BuiltSite) -> None:
    unnamed = [site.name(page) for page in site.pages()
               if parse(page).xpath("//*[@role='dialog'][not(@aria-label) or @aria-label='']")]
    assert not unnamed, f"a dialog without aria-label on {unnamed}"
