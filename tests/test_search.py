"""Search: nothing of it loads until a reader opens it; opened by mouse, touch or keyboard it finds
an article by the words of its headline or standfirst; and its index stays within 100 KB gzipped
with 1,000 articles (newsroom/search_index.py)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from newsroom.browser import DESKTOP, PHONE, open_page, serve
from newsroom.checks.weight import (
    SEARCH_INDEX,
    check_page_budget,
    check_search_index_budget,
    page_weight,
    recorded_requests,
    search_index_docs,
    search_index_gzip_size,
)
from newsroom.search_index import article_doc, slim_docs
from newsroom.site import ROOT, BuiltSite
from support.articles import Article, articles, latest

from conftest import ARCHIVE_ARTICLES, FIXTURE_URL, ProjectCopy

# What Material loads for search: the worker script and the index.
SEARCH_FILES = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$|/search/search_index\.json$")


def search_requests_at_load(browser: Browser, url: str) -> list[str]:
    """The search worker and index requests a page makes as it loads, untouched."""
    _, transfers = page_weight(browser, url)
    return [transfer.url for transfer in transfers if SEARCH_FILES.search(transfer.url)]


def check_search_not_loaded(browser: Browser, url: str) -> None:
    loaded = search_requests_at_load(browser, url)
    assert not loaded, f"the page loads search before the reader opens it: {loaded}"


@pytest.mark.parametrize("which", ["home", "article", "about"])
def test_pages_load_no_search_worker_or_index_until_search_is_opened(browser: Browser, served: str, article_url: str,
                                                                     which: str) -> None:
    check_search_not_loaded(browser, served + {"home": "", "article": article_url, "about": "about/"}[which])


def test_planted_eager_search_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/main.html", '{% include "partials/lazy-search.html" %}', "")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        with pytest.raises(AssertionError, match="search_index.json"):
            check_search_not_loaded(browser, url + FIXTURE_URL)
        # The page budget catches it too, the worker's script counted in full.
        with pytest.raises(AssertionError, match=r"1\d\.\d KB  script +\S+/workers/search\."):
            check_page_budget(*page_weight(browser, url + FIXTURE_URL))


def open_search(page: Page, how: str) -> None:
    """Open search as a reader does: tap the icon (phone), click the field (desktop), or press /."""
    if how == "tap":
        page.locator("label.md-header__button[for=__search]").click()
    elif how == "click":
        page.locator(".md-search__input").click()
    else:
        page.keyboard.press("/")


def search_and_open(page: Page, words: str, article_url: str) -> None:
    """Type `words`, find the article among the results, and follow it there."""
    page.locator(".md-search__input").press_sequentially(words, delay=10)
    result = page.locator(f".md-search-result__item > a[href='{article_url}']")
    # Generous: the worker builds its index from 1,000 entries on a busy CI machine too.
    result.first.wait_for(timeout=15_000)
    result.first.click()
    page.wait_for_url(article_url)


@pytest.mark.parametrize(("viewport", "how", "field"), [(PHONE, "tap", "title"), (DESKTOP, "click", "description"),
                                                         (DESKTOP, "keyboard", "title")],
                         ids=["phone tap, headline", "desktop click, standfirst", "keyboard shortcut, headline"])
def test_search_opened_by_reader_finds_article_by_its_words_and_opens_it(browser: Browser, site: BuiltSite, served: str,
                                                                          viewport: dict, how: str, field: str) -> None:
    newest = latest(articles(site, ROOT))
    # As a reader remembers it: three long words of its headline or of its standfirst.
    words = " ".join([word for word in re.findall(r"[A-Za-z]+", getattr(newest, field)) if len(word) > 4][:3])
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    with recorded_requests(page) as requests:
        open_page(page, served + "about/")
        page.wait_for_load_state("networkidle")
        assert not [r for r in requests if SEARCH_FILES.search(r.url)]
        open_search(page, how)
        search_and_open(page, words, newest.url.replace(site.url, served, 1))
        assert len([r for r in requests if SEARCH_FILES.search(r.url)]) == 2, "the worker and the index, once each"
    context.close()


def words_of(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-z]+", text)}


def test_search_finds_an_article_among_1000_by_words_only_its_standfirst_has(
        browser: Browser, archive: tuple[Path, BuiltSite], archive_articles: list[Article],
        archive_served: str) -> None:
    # As a reader remembers an article: by words that no other headline or standfirst has.
    articles_with = Counter(word for a in archive_articles for word in words_of(a.title) | words_of(a.description))
    article, distinctive = next((a, sorted(w for w in words_of(a.description) if articles_with[w] == 1))
                                for a in archive_articles
                                if sum(articles_with[w] == 1 for w in words_of(a.description)) >= 2)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, archive_served)
    open_search(page, "click")
    search_and_open(page, " ".join(distinctive[:2]), archive_served + article.url.removeprefix(archive[1].url))
    context.close()


def test_search_index_of_1000_articles_is_within_100_kb(archive: tuple[Path, BuiltSite]) -> None:
    check_search_index_budget(search_index_gzip_size(archive[1]), ARCHIVE_ARTICLES + 1)


def test_search_index_holds_each_article_by_headline_and_standfirst_only(archive: tuple[Path, BuiltSite],
                                                                         archive_articles: list[Article]) -> None:
    site = archive[1]
    docs = {doc["location"]: doc for doc in search_index_docs(site)}
    for article in archive_articles:
        location = article.url.removeprefix(site.url)
        assert docs.get(location) == article_doc(location, article.title, article.description)
        assert not [url for url in docs if url.startswith(location + "#")], f"{location}: sections indexed"
    assert not [url for url in docs if "/page/" in url], "further pages of article lists are indexed"


def test_planted_full_text_index_is_caught(archive: tuple[Path, BuiltSite], archive_articles: list[Article]) -> None:
    """The index as Material writes it without overrides/hooks/search_index.py (newsroom/search_index.py): each article's text in full."""
    site = archive[1]
    docs = {doc["location"]: doc for doc in search_index_docs(site)}
    for article in archive_articles:
        location = article.url.removeprefix(site.url)
        docs[location] = {**docs[location], "text": " ".join(article.html().xpath("//article//p//text()"))}
    full_text = json.dumps({"docs": list(docs.values())}, ensure_ascii=False).encode()
    planted = site.root.parent / "planted"
    (planted / SEARCH_INDEX).parent.mkdir(parents=True)
    (planted / SEARCH_INDEX).write_bytes(full_text)
    with pytest.raises(AssertionError, match="over the 100 KB budget"):
        check_search_index_budget(search_index_gzip_size(planted), ARCHIVE_ARTICLES + 1)


def test_slimming_keeps_one_entry_per_article_the_first_page_of_lists_and_other_pages_whole() -> None:
    article = article_doc("blog/2023/01/01/a/", "A <b> headline", "The standfirst & more.")
    docs = [
        {"location": "", "title": "Home", "text": "<p>Welcome</p>"},
        {"location": "blog/2023/01/01/a/", "title": "A headline", "text": "<p>Full text</p>", "tags": ["China"]},
        {"location": "blog/2023/01/01/a/#sources", "title": "Sources", "text": "<ul>…</ul>"},
        {"location": "blog/", "title": "Articles", "text": "<p>Intro</p>"},
        {"location": "blog/page/2/", "title": "Articles", "text": ""},
    ]
    slimmed = slim_docs(docs, {"blog/2023/01/01/a/": article}, {"blog/": True, "blog/page/2/": False})
    assert slimmed == [docs[0], article, {"location": "blog/", "title": "Articles", "text": ""}]
    assert article["title"] == "A &lt;b&gt; headline" and article["text"] == "The standfirst &amp; more."


