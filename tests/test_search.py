"""Full-text search of the archive (newsroom/search.py, overrides/partials/site-search.html,
docs/assets/javascripts/pages.js):
nothing of it loads until a reader opens it; opened by mouse, touch or keyboard it finds an
article by any words of its body or Sources, marks them in the passage it shows, narrows by
section and year, lists the newest first on request, says when nothing matches, never lists a
draft, works under a subpath, and a first search fetches no more than its budget."""

from __future__ import annotations

import json
import random
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from pagefind import service
from playwright.sync_api import Browser, Page

from tests.support.browser import DESKTOP, PHONE, open_page, serve
from newsroom.finish import MANIFEST, FinishError, finish
from tests.support.checks.search import (
    FIELD,
    LIST,
    STATUS,
    every_result,
    listed,
    open_search,
    result_links,
    search_for,
    wait_for_status,
)
from tests.support.checks.weight import check_search_budget, page_weight, search_weight
from newsroom.front_matter import as_datetime
from newsroom.front_matter import read as read_front_matter
from newsroom.project import Project
from newsroom.search import BODY, OUTPUT, SearchIndexError, index_site
from tests.support.site import BuiltSite, build, build_commands
from tests.support.articles import Article, articles

from tests.conftest import FIXTURE_URL, ProjectCopy, SiteUnderTest

# What search fetches: the dialog's code and anything of Pagefind's.
SEARCH_FILES = re.compile(rf"/{OUTPUT}/|/assets/javascripts/search\.js$")
SUBPATH = "/news/"


def search_requests_at_load(browser: Browser, url: str) -> list[str]:
    """What of search a page fetches as it loads, untouched."""
    _, transfers = page_weight(browser, url)
    return [transfer.url for transfer in transfers if SEARCH_FILES.search(transfer.url)]


def check_search_not_loaded(browser: Browser, url: str) -> None:
    loaded = search_requests_at_load(browser, url)
    assert not loaded, f"{url} fetches search before the reader opens it: {loaded}"


def indexed_words(article: Article) -> str:
    """The words of what Pagefind indexes of an article's page, lower case, one space apart and
    around: to tell whether a phrase is in it."""
    text = " ".join(element.text_content() for element in article.html().xpath(f"//*[@{BODY}]"))
    return f" {' '.join(re.findall(r'[a-z0-9]+', text.lower()))} "


def shared_by(phrase: str, indexed: list[str]) -> int:
    """How many of these articles' indexed words (`indexed_words`) hold the (quoted) phrase, as
    Pagefind matches a quoted phrase: the same words in a row."""
    words = f" {' '.join(re.findall(r'[a-z0-9]+', phrase.lower()))} "
    return sum(words in text for text in indexed)


def phrase_of(article: Article, where: str, others: Iterable[Article]) -> str:
    """Words in a row from the article's body (`where` = "body": four) or its Sources list (two),
    quoted: what a reader who remembers a passage or a source types. Follow-ups repeat a report's
    paragraphs and sources word for word, so the words are the article's own where it has any,
    else those the fewest `others` share."""
    page = article.html()
    if where == "sources":
        blocks = page.xpath("//article//*[@id='sources']/following-sibling::ul[1]/li")
    else:
        blocks = page.xpath("//article//p[not(@class)]")
    length = 2 if where == "sources" else 4
    runs = []
    for block in blocks:
        tokens = block.text_content().split()
        runs += ['"' + " ".join(token.rstrip(".,;:") for token in tokens[at:at + length]) + '"'
                 for at in range(len(tokens) - length + 1)
                 if all(re.fullmatch(r"[A-Za-z]{3,}", token) for token in tokens[at:at + length - 1])
                 and re.fullmatch(r"[A-Za-z]{3,}[.,;:]?", tokens[at + length - 1])]
    assert runs, f"{article.source}: no {length} plain words in a row in its {where}"
    indexed = [indexed_words(other) for other in others if other.url != article.url]
    sharing = {run: shared_by(run, indexed) for run in sorted(set(runs))}
    fewest = min(sharing.values())
    return random.Random(article.url).choice([run for run, count in sharing.items() if count == fewest])


def open_and_search(browser: Browser, url: str, words: str, viewport: dict = DESKTOP, how: str = "click") -> Page:
    page = browser.new_context(viewport=viewport, has_touch=viewport is PHONE).new_page()
    open_page(page, url)
    open_search(page, how)
    search_for(page, words)
    return page


@pytest.mark.parametrize("which", ["home", "article", "about"])
def test_pages_fetch_nothing_of_search_until_it_is_opened(browser: Browser, served: str, article_url: str,
                                                          which: str) -> None:
    check_search_not_loaded(browser, served + {"home": "", "article": article_url, "about": "about/"}[which])


def test_planted_eager_search_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "docs/assets/javascripts/pages.js", "let started = null",
                    "let started = import(new URL(dialog.dataset.script, location).href)")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        with pytest.raises(AssertionError, match=rf"{FIXTURE_URL} fetches search before the reader opens it: .*search\.js"):
            check_search_not_loaded(browser, url + FIXTURE_URL)


def check_button_opens_search_before_any_script(browser: Browser, url: str) -> None:
    """The header's button opens the dialog on a page whose scripts have not arrived (here, never
    run), so a reader on a slow network can type at once."""
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        page.click("#site-search-open")
        assert page.locator("#site-search").get_attribute("open") is not None, \
            f"{url}: the search button opens nothing until the page's script has arrived"
    finally:
        context.close()


def test_search_button_opens_search_before_any_script(browser: Browser, served: str, article_url: str) -> None:
    check_button_opens_search_before_any_script(browser, served + article_url)


def test_planted_button_that_needs_the_script_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/partials/site-search-button.html", ' command="show-modal"', "")
    with serve(project.built().root) as url:
        with pytest.raises(AssertionError, match="the search button opens nothing until the page's script has arrived"):
            check_button_opens_search_before_any_script(browser, url)


@pytest.mark.parametrize(("viewport", "how", "where"), [(PHONE, "tap", "body"), (DESKTOP, "click", "sources"),
                                                        (DESKTOP, "keyboard", "body")],
                         ids=["phone tap, body", "desktop click, sources", "keyboard shortcut, body"])
def test_search_finds_an_article_by_words_of_its_body_or_sources_and_opens_it(
        browser: Browser, every_site: SiteUnderTest, serving: Callable[[BuiltSite], str],
        viewport: dict, how: str, where: str) -> None:
    base = serving(every_site.site)
    newest = max(every_site.articles, key=lambda article: article.created)
    path = newest.url.replace(every_site.site.url, "/", 1)
    words = phrase_of(newest, where, every_site.articles)
    page = open_and_search(browser, base + "about/", words, viewport, how)
    found = every_result(page)
    assert path in found, f"searching for {words} lists {found}, not {path}"
    page.locator(f"{LIST} h3 a[href='{path}']").click()
    page.wait_for_url(base.rstrip("/") + path)
    page.context.close()


def test_search_marks_the_words_it_found_in_the_passage_it_shows(browser: Browser, real_site: SiteUnderTest,
                                                                 served: str) -> None:
    words = phrase_of(max(real_site.articles, key=lambda article: article.created), "body", real_site.articles)
    page = open_and_search(browser, served, words)
    marks = page.eval_on_selector_all(f"{LIST} li:first-child .site-search__excerpt mark", "marks => marks.map(m => m.textContent)")
    typed = {word.lower() for word in re.findall(r"[A-Za-z]+", words)}
    assert marks and all(any(mark.lower().startswith(word[:4]) for word in typed) for mark in marks), \
        f"searching for {words} marks {marks}"
    page.context.close()


def listing_for(page: Page, section: str = "", year: str = "", order: str = "relevance") -> list[str]:
    """The results listed with these choices and no words typed."""
    page.locator(FIELD).fill("")
    page.select_option("#site-search select[name=section]", section)
    page.select_option("#site-search select[name=year]", year)
    page.select_option("#site-search select[name=order]", order)
    return every_result(page)


def test_search_narrows_by_section_and_year_and_lists_the_newest_first(
        browser: Browser, fixture_project: ProjectCopy, serving: Callable[[BuiltSite], str]) -> None:
    site, published = fixture_project.site, articles(fixture_project.site, fixture_project.root)
    path = {article.url: article.url.replace(site.url, "/", 1) for article in published}
    page = browser.new_context(viewport=DESKTOP).new_page()
    open_page(page, serving(site))
    open_search(page)
    wait_for_status(page, "Type")
    for section in sorted({section for article in published for section in article.categories}):
        expected = {path[a.url] for a in published if section in a.categories}
        assert set(listing_for(page, section=section)) == expected, f"section {section}"
    for year in sorted({article.created.year for article in published}):
        expected = {path[a.url] for a in published if a.created.year == year}
        assert set(listing_for(page, year=str(year))) == expected, f"year {year}"
    busiest = max({s for a in published for s in a.categories}, key=lambda s: sum(s in a.categories for a in published))
    newest_first = [path[a.url] for a in sorted(published, key=lambda a: a.created, reverse=True) if busiest in a.categories]
    assert len(newest_first) > 1 and listing_for(page, section=busiest, order="newest") == newest_first
    page.context.close()


# A paragraph two fixture articles share word for word, as a follow-up repeats a report's background;
# and a sentence the older one adds, which makes it the better match for one of those words.
SHARED_PARAGRAPH = "Observers noted that the quinquennial verification rota had twice gone unmet before."
ADDED_SENTENCE = "A quinquennial review followed."


def test_the_best_match_is_listed_first_and_equally_good_matches_newest_first(
        browser: Browser, project: ProjectCopy, serving: Callable[[BuiltSite], str]) -> None:
    """Two articles that share a paragraph match its words equally well, whatever else they say:
    the newer comes first, as readers of news expect. Here the newer is the longer one, which a
    ranking by the share of a page the words fill would put second. A word the older holds twice
    lists the older first."""
    project.add_fixtures()
    newer, older = project.article, project.docs / "blog/posts/2023-12-31-new-year-sanctions.md"
    for path, added in ((newer, ""), (older, f" {ADDED_SENTENCE}")):
        text = path.read_text(encoding="utf-8")
        body_start = text.index("---", 3) + 4
        path.write_text(f"{text[:body_start]}\n{SHARED_PARAGRAPH}{added}\n{text[body_start:]}", encoding="utf-8")
    site = project.built()
    url = {Path(article.source).name: article.url.replace(site.url, "/", 1) for article in articles(site, project.root)}
    page = open_and_search(browser, serving(site), "rota unmet")
    assert result_links(page) == [url[newer.name], url[older.name]], f"equally good: {result_links(page)}"
    assert search_for(page, "quinquennial") == [url[older.name], url[newer.name]], f"the older matches better: {result_links(page)}"
    page.select_option("#site-search select[name=order]", "newest")
    assert listed(page) == [url[newer.name], url[older.name]], f"newest first: {result_links(page)}"
    page.context.close()


def test_search_says_so_when_nothing_matches(browser: Browser, served: str) -> None:
    page = open_and_search(browser, served, "zzqxjvw")
    assert result_links(page) == [] and "No articles match" in page.locator(STATUS).inner_text()
    page.context.close()


def test_drafts_never_appear_in_search(browser: Browser, project: ProjectCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even where drafts are rendered (`make serve`, `make check`), search never lists one."""
    draft = project.add_fixture("2025-06-01-draft-opinion.md")
    monkeypatch.setenv("DRAFTS", "true")
    result = build(project.root, project.root / "site")
    assert result.returncode == 0, result.stderr
    meta = read_front_matter(draft).data
    draft_page = project.root / "site" / Project.load(project.root).article_path(as_datetime(meta["date"]["created"]), meta["slug"]) / "index.html"
    published = articles(project.site, project.root)
    words = phrase_of(Article(str(draft), meta, draft_page, ""), "body", published)
    assert shared_by(words, [indexed_words(article) for article in published]) == 0, \
        f"no words of the draft's own to search for: {words} are published too"
    with serve(project.root / "site") as url:
        page = open_and_search(browser, url, words)
        assert result_links(page) == [], f"searching for the draft's words {words} lists {result_links(page)}"
        page.context.close()


def test_planted_search_mark_on_a_draft_is_caught(project: ProjectCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    project.add_fixture("2025-06-01-draft-opinion.md")
    project.replace(project.root / "overrides/article.html", "{% if searchable %} data-pagefind-body{% endif %}",
                    " data-pagefind-body")
    monkeypatch.setenv("DRAFTS", "true")
    result = build(project.root, project.root / "site")
    published = len(articles(project.site, project.root))
    assert result.returncode != 0 and f"Pagefind indexed {published + 1} pages" in result.stderr \
        and f"not its {published} published articles" in result.stderr, result.stderr


def test_make_build_indexes_search_once_mkdocs_has_exited(project: ProjectCopy) -> None:
    """MkDocs only counts what the index must hold, so Pagefind's memory never adds to MkDocs';
    the finishing step indexes, and leaves nothing of the count in the site."""
    commands, env = build_commands(project.root, project.root / "site")
    site = project.root / "site"
    mkdocs = subprocess.run(commands[0], cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert mkdocs.returncode == 0, mkdocs.stderr
    assert not (site / OUTPUT).exists(), "MkDocs indexed search itself, while it holds the whole site"
    published = len(articles(project.site, project.root))
    assert json.loads((site / MANIFEST).read_text(encoding="utf-8")) == {"articles": published}
    assert "Search:" not in mkdocs.stderr
    finished = subprocess.run(commands[1], cwd=project.root, env=env, capture_output=True, text=True, check=False)
    assert finished.returncode == 0 and (site / OUTPUT / "pagefind.js").is_file(), finished.stderr
    assert f"Search: {published} published article" in finished.stderr, finished.stderr
    assert not (site / MANIFEST).exists(), "the manifest for the finishing step would be published"


def test_planted_site_without_its_manifest_is_not_finished(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>Home</title>", encoding="utf-8")
    with pytest.raises(FinishError, match=f"{tmp_path} has no {MANIFEST}.*overrides/hooks/finish_site.py"):
        finish(tmp_path)


def test_missing_pagefind_program_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "get_executable", lambda: None)
    with pytest.raises(SearchIndexError, match=r"npm install --global pagefind@\d+\.\d+\.\d+$"):
        index_site(tmp_path, articles=1)


def test_search_works_under_a_subpath(browser: Browser, project: ProjectCopy, tmp_path: Path) -> None:
    site = project.root / "site"
    result = build(project.root, site, f"https://newsroom.example{SUBPATH}")
    assert result.returncode == 0, result.stderr
    published = articles(BuiltSite(site, f"https://newsroom.example{SUBPATH}"), project.root)
    newest = max(published, key=lambda a: a.created)
    with serve(site, under=SUBPATH) as url:
        page = open_and_search(browser, url + "about/", phrase_of(newest, "body", published))
        path = newest.url.replace("https://newsroom.example", "", 1)
        assert path in every_result(page), result_links(page)
        page.locator(f"{LIST} h3 a[href='{path}']").click()
        page.wait_for_url(url.removesuffix(SUBPATH) + path)
        page.context.close()


def test_first_search_of_1000_articles_is_within_its_budget(browser: Browser, archive: tuple[Path, BuiltSite],
                                                            archive_served: str) -> None:
    (first, transfers), (second, _) = search_weight(browser, archive_served, ["sanctions", "ministers"])
    check_search_budget(archive_served, first, transfers)
    assert second < first / 2, f"a second search fetches {second} bytes, the first {first}"


def test_planted_heavy_search_code_is_caught(browser: Browser, project: ProjectCopy) -> None:
    script = project.root / "docs/assets/javascripts/search.js"
    script.write_text(script.read_text(encoding="utf-8") + "\n// " + random.Random(1).randbytes(240_000).hex(),
                      encoding="utf-8")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        (first, transfers), = search_weight(browser, url, ["Geneva"])
        with pytest.raises(AssertionError, match=r"over the 300 KB budget:\n *\d+\.\d KB  script +\S+/search\.js"):
            check_search_budget(url, first, transfers)
