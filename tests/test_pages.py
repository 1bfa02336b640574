"""The pages readers land on: home, articles, about and not-found, as built and as served."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support.site import ROOT, BuiltSite, article_pages, parse

ARTICLE_PAGE = "blog/2023/02/21/wang-yi-patrushev-moscow-talks/index.html"


def test_home_page_lists_the_latest_articles_one_click_away(site: BuiltSite) -> None:
    home = parse(site.root / "index.html")
    links = home.xpath("//section[contains(@class, 'latest-articles')]//h3/a/@href")
    assert links, "the home page lists no article"
    assert (site.root / links[0] / "index.html").is_file() and links[0].rstrip("/") + "/index.html" == ARTICLE_PAGE


def test_home_page_shows_each_article_standfirst_and_date(site: BuiltSite) -> None:
    item = parse(site.root / "index.html").xpath("//section[contains(@class, 'latest-articles')]//li")[0]
    assert "three days before the war's anniversary" in item.text_content()
    assert item.xpath(".//time/@datetime")[0].startswith("2023-02-21")


def test_every_page_has_exactly_one_h1(site: BuiltSite) -> None:
    counts = {site.name(page): len(parse(page).xpath("//h1")) for page in site.pages()}
    assert all(count == 1 for count in counts.values()), {name: n for name, n in counts.items() if n != 1}


def test_every_article_has_a_linked_sources_section_and_a_dated_update(site: BuiltSite) -> None:
    pages = article_pages(site)
    assert [site.name(page) for page in pages] == [ARTICLE_PAGE]
    for page in pages:
        root = parse(page)
        sources = root.xpath("//h2[@id='sources']/following-sibling::ul[1]/li/a/@href")
        assert sources and all(href.startswith("https://") for href in sources), site.name(page)
        assert root.xpath("//h2[@id='what-happened-next']"), site.name(page)
        assert root.xpath("//div[contains(@class, 'admonition')]/p[@class='admonition-title'][starts-with(., 'Update, ')]")


def test_about_page_states_sourcing_quotation_and_corrections_policies(site: BuiltSite) -> None:
    about = parse(site.root / "about" / "index.html")
    assert set(about.xpath("//h2/@id")) >= {"who-we-are", "sourcing", "quotations", "corrections"}


def test_not_found_page_links_home_with_assets_from_the_site_root(site: BuiltSite) -> None:
    page = parse(site.root / "404.html")
    assert page.xpath("//h1/text()") == ["Page not found"]
    assert "/" in page.xpath("//article//a/@href")
    assert all(href.startswith("/") for href in page.xpath("//link[@rel='stylesheet']/@href"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_serve_shows_the_home_page_one_click_from_the_article() -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        home = fetch(f"http://127.0.0.1:{port}/", time.monotonic() + 30)
        assert 'href="blog/2023/02/21/wang-yi-patrushev-moscow-talks/"' in home
        assert "Wang Yi calls" in fetch(f"http://127.0.0.1:{port}/{ARTICLE_PAGE.removesuffix('index.html')}", time.monotonic() + 5)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_every_page_declares_british_english(site: BuiltSite) -> None:
    languages = {site.name(page): parse(page).get("lang") for page in site.pages()}
    assert set(languages.values()) == {"en-GB"}, {name: lang for name, lang in languages.items() if lang != "en-GB"}
