"""The pages readers land on: home, articles, about and not-found, as built and as served."""

from __future__ import annotations

from html import escape

import pytest

from support.articles import articles, latest
from support.preview import preview
from newsroom.site import ROOT, BuiltSite, parse



def test_home_page_lists_the_latest_articles_one_click_away(site: BuiltSite) -> None:
    home = parse(site.root / "index.html")
    links = home.xpath("//section[contains(@class, 'latest-articles')]//h3[contains(@class, 'article-teaser__headline')]/a/@href")
    assert links, "the home page lists no article"
    assert (site.root / links[0] / "index.html").is_file()
    assert links[0] + "index.html" == site.name(latest(articles(site, ROOT)).page), "the newest article is not listed first"


@pytest.mark.editorial
def test_every_page_has_exactly_one_h1(site: BuiltSite) -> None:
    counts = {site.name(page): len(parse(page).xpath("//h1")) for page in site.pages()}
    assert all(count == 1 for count in counts.values()), {name: n for name, n in counts.items() if n != 1}


@pytest.mark.editorial
def test_every_article_ends_with_a_linked_sources_section(site: BuiltSite) -> None:
    for article in articles(site, ROOT):
        sources = article.html().xpath("//h2[@id='sources']/following-sibling::ul[1]/li/a/@href")
        assert sources and all(href.startswith("https://") for href in sources), article.source


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
        assert f'href="{article_url}"' in served.get()
        assert escape(newest.title, quote=False) in served.get(article_url)


def test_every_page_declares_british_english(site: BuiltSite) -> None:
    languages = {site.name(page): parse(page).get("lang") for page in site.pages()}
    assert set(languages.values()) == {"en-GB"}, {name: lang for name, lang in languages.items() if lang != "en-GB"}


def test_search_dialog_has_a_name_for_screen_readers(site: BuiltSite) -> None:
    unnamed = [site.name(page) for page in site.pages()
               if parse(page).xpath("//*[@role='dialog'][not(@aria-label) or @aria-label='']")]
    assert not unnamed, f"a dialog without aria-label on {unnamed}"
