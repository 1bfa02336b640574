"""The performance budget: what an article page costs a reader on a phone, measured in a browser.

At most 70 KB gzipped in at most 6 requests whatever the size of the archive (search loads on
first use), no layout shift, and a search index of at most 100 KB gzipped with 1,000 articles
that still finds any article by the words of its headline or standfirst.
"""

from __future__ import annotations

import base64
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page

from critical_path import inline_css, rewrite_page
from mkdocs.exceptions import PluginError
from material_css import UNUSED_COMPONENTS, slim_main, slim_palette
from search_index import article_doc, slim_docs
from support.articles import Article, articles, latest
from support.browser import DESKTOP, PHONE, open_page, screenshot, serve
from support.performance import (
    PAGE_BYTES_BUDGET,
    SEARCH_INDEX,
    check_page_budget,
    check_search_index_budget,
    cumulative_layout_shift,
    layout_shifts,
    page_weight,
    recorded_requests,
    search_index_docs,
    search_index_gzip_size,
)
from support.site import ROOT, BuiltSite, build_or_fail, copy_project, parse
from support.synthetic import write_synthetic_articles

from conftest import FIXTURE_PAGE, FIXTURE_URL, ProjectCopy

SYNTHETIC_ARTICLES = 1000
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
# What Material loads for search: the worker script and the index.
SEARCH_FILES = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$|/search/search_index\.json$")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuiltSite]:
    """The project with 1,000 more articles, built once."""
    project = copy_project(tmp_path_factory.mktemp("archive") / "project")
    write_synthetic_articles(project / "docs", SYNTHETIC_ARTICLES, seed=1)
    return project, build_or_fail(project, project / "site")


@pytest.fixture(scope="module")
def archive_articles(archive: tuple[Path, BuiltSite]) -> list[Article]:
    return articles(archive[1], archive[0])


@pytest.fixture(scope="module")
def archive_served(archive: tuple[Path, BuiltSite]) -> Iterator[str]:
    with serve(archive[1].root) as url:
        yield url


def write_heavy_image(path: Path) -> None:
    """A 400x300 SVG of ~180 KB gzipped: a browser knows its size only once all of it has arrived
    (a PNG's or a JPEG's comes in its first bytes), well after the page is first painted."""
    padding = base64.b64encode(random.Random(0).randbytes(180_000)).decode()
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><!-- {padding} --></svg>',
                    encoding="utf-8")


# First paint ---------------------------------------------------------------
# A phone's first paint waits for nothing but the page (overrides/hooks/critical_path.py).


def test_every_page_inlines_its_stylesheets_and_loads_material_after_the_first_paint(site: BuiltSite) -> None:
    problems = []
    for page in site.pages():
        root, name = parse(page), site.name(page)
        if linked := root.xpath("//link[@rel='stylesheet']/@href"):
            problems.append(f"{name}: links the stylesheets {linked}")
        if not root.xpath("//head/style"):
            problems.append(f"{name}: has no inline stylesheet")
        if root.xpath("//script[contains(@src, 'bundle.')]") or len(root.xpath(f"//script[{LOADER}]")) != 1:
            problems.append(f"{name}: Material's bundle is not loaded once, after the first paint")
        if root.xpath("//link[@rel='expect']/@href") != ["#__config"] or not root.xpath("//*[@id='__config']"):
            problems.append(f"{name}: its first paint does not wait for the whole page")
    assert not problems, "\n".join(problems)


BUNDLE_TAG = '<script src="assets/javascripts/bundle.0123abcd.min.js"></script>'
LOADER = "contains(., 'bundle.') and contains(., 'DOMContentLoaded')"


def planted_stylesheets(css: str) -> Callable[[str], str | None]:
    """A build whose one stylesheet is assets/news.css, holding `css`, as critical_path.py finds it."""
    return lambda path: inline_css(path, css) if path == "assets/news.css" else None


@pytest.mark.parametrize(("css", "head", "bundles", "expected"), [
    ("a{color:red}", '<link rel="stylesheet" href="../assets/missing.css">', 1,
     "about/index.html links the stylesheet ../assets/missing.css, which the build does not have"),
    ("@font-face{src:url(fonts/serif.woff2)}", '<link rel="stylesheet" href="../assets/news.css">', 1,
     "news.css refers to ['fonts/serif.woff2'], which would break if inlined"),
    ("a{color:red}", '<link rel="stylesheet" href="../assets/news.css">', 0,
     "about/index.html: expected Material's bundle once, found it 0 times"),
], ids=["missing stylesheet", "relative url() in a stylesheet", "no bundle"])
def test_planted_page_the_first_paint_cannot_be_prepared_for_stops_the_build(
        css: str, head: str, bundles: int, expected: str) -> None:
    with pytest.raises(PluginError, match=re.escape(expected)):
        rewrite_page(f"<head>{head}</head><body>{BUNDLE_TAG * bundles}</body>", "about/index.html",
                     planted_stylesheets(css), "/")


def test_inlined_page_keeps_its_stylesheet_text_and_loads_the_bundle_it_named() -> None:
    html = rewrite_page(f'<head><link rel="stylesheet" href="../assets/news.css"></head><body>{BUNDLE_TAG}</body>',
                        "about/index.html", planted_stylesheets("a { color: red; }"), "/")
    assert "<head><style>a{color:red}</style></head>" in html and "<link" not in html
    assert 'bundle.src = "assets/javascripts/bundle.0123abcd.min.js"' in html and "<script src=" not in html


# Material's stylesheet holds only the components this site uses (overrides/hooks/material_css.py).

CLASSES_IN_DOM = "() => [...new Set([...document.querySelectorAll('[class]')].flatMap(e => [...e.classList]))]"


def cut_components(classes: Iterable[str]) -> list[str]:
    return sorted(name for name in set(classes) if name.startswith(UNUSED_COMPONENTS))


def pages_using_cut_components(site: BuiltSite) -> list[str]:
    problems = []
    for page in site.pages():
        classes = (name for value in parse(page).xpath("//@class") for name in value.split())
        if used := cut_components(classes):
            problems.append(f"{site.name(page)}: uses {used}, whose styles overrides/hooks/material_css.py cuts: "
                            "take them off UNUSED_COMPONENTS there")
    return problems


def test_no_page_uses_a_component_whose_styles_are_cut(site: BuiltSite) -> None:
    assert not pages_using_cut_components(site)


def test_planted_content_tabs_are_caught(project: ProjectCopy) -> None:
    project.plant("## Sources", '<div class="tabbed-set"><div class="tabbed-labels">Tab</div></div>\n\n## Sources')
    assert pages_using_cut_components(project.built()) == [
        f"{FIXTURE_PAGE}: uses ['tabbed-labels', 'tabbed-set'], whose "
        "styles overrides/hooks/material_css.py cuts: take them off UNUSED_COMPONENTS there"]


def test_material_script_adds_no_component_whose_styles_are_cut(browser: Browser, served: str, article_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, served + article_url)
    page.locator("abbr").first.hover()
    page.locator("[role=search] input").focus()
    page.keyboard.type("Moscow")
    page.locator("[role=search] li a[href]").first.wait_for(state="attached", timeout=5000)
    classes = page.evaluate(CLASSES_IN_DOM)
    context.close()
    assert "md-search-result__item" in classes and not cut_components(classes)


def test_cut_stylesheet_draws_the_pages_as_the_whole_one_does(browser: Browser, served: str, article_url: str,
                                                             project: ProjectCopy, tmp_path: Path) -> None:
    project.replace(project.root / "overrides/hooks/material_css.py", "UNUSED_COMPONENTS = (",
                    "UNUSED_COMPONENTS: tuple[str, ...] = ()\n_UNUSED = (")
    with serve(project.built().root) as whole:
        for path in ("", article_url):
            for viewport in (PHONE, DESKTOP):
                for scheme in ("light", "dark"):
                    where = f"{path or 'home'} ({viewport['width']} px, {scheme})"
                    shots = [tmp_path / f"{n}.png" for n in range(2)]
                    for base, shot in zip((served, whole), shots):
                        screenshot(browser, base + path, viewport, scheme, shot)
                    with Image.open(shots[0]) as cut, Image.open(shots[1]) as full:
                        assert cut.size == full.size and \
                            ImageChops.difference(cut.convert("RGB"), full.convert("RGB")).getbbox() is None, \
                            f"{where} looks different with the cut stylesheet"


def test_main_stylesheet_cut_keeps_every_rule_that_styles_something_used() -> None:
    css = (".md-tabs{--a:1}.md-typeset .tabbed-set,.md-typeset details{--b:2}.md-header:not(.md-tabs){--c:3}"
           "@media screen{.highlight code{--d:4}.md-nav{--e:5}}@media print{.md-source{--f:6}}")
    assert slim_main(css) == ".md-typeset details{--b:2}.md-header:not(.md-tabs){--c:3}@media screen{.md-nav{--e:5}}"


# Page weight -------------------------------------------------------------


@VIEWPORTS
def test_article_page_is_within_70_kb_and_6_requests(browser: Browser, served: str, article_url: str,
                                                     viewport: dict) -> None:
    check_page_budget(*page_weight(browser, served + article_url, viewport))


def test_article_page_weighs_the_same_with_1000_more_articles(browser: Browser, served: str, article_url: str,
                                                              archive_served: str) -> None:
    alone, alone_transfers = page_weight(browser, served + article_url)
    among, among_transfers = page_weight(browser, archive_served + article_url)
    assert len(among_transfers) == len(alone_transfers)
    # The footer's links to the previous and next articles are all that may change.
    assert abs(among - alone) <= 512, f"{alone} bytes alone, {among} bytes among {SYNTHETIC_ARTICLES} more articles"


def test_planted_heavy_stylesheet_and_extra_scripts_are_caught(browser: Browser, project: ProjectCopy) -> None:
    stylesheets = project.docs / "assets" / "stylesheets"
    # Random colours: gzip cannot shrink them much, as with a real bloated stylesheet.
    rules = "".join(f".planted-{n}{{color:#{(n * 2654435761) % 16**6:06x}}}" for n in range(4000))
    (stylesheets / "planted.css").write_text(rules, encoding="utf-8")
    scripts = [f"assets/planted-{n}.js" for n in range(4)]
    for script in scripts:
        (project.docs / script).write_text("console.log('planted')\n", encoding="utf-8")
    project.replace(project.root / "mkdocs.yml", "extra_css:\n", "extra_javascript:\n"
                    + "".join(f"  - {script}\n" for script in scripts) + "extra_css:\n  - assets/stylesheets/planted.css\n")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        weight, transfers = page_weight(browser, url + FIXTURE_URL)
    with pytest.raises(AssertionError) as failure:
        check_page_budget(weight, transfers)
    message = str(failure.value)
    assert f"over the {PAGE_BYTES_BUDGET // 1024} KB budget" in message
    assert f"{len(transfers)} requests, over the budget of 6" in message and len(transfers) == len(scripts) + 3
    # Stylesheets are inlined (overrides/hooks/critical_path.py): the page itself carries the weight.
    assert re.search(r"\d\d+\.\d KB  document +http://\S+/geneva-arms-talks-analysis/\n", message), message


def test_images_in_the_article_body_are_listed_but_outside_the_budget(browser: Browser,
                                                                     project: ProjectCopy) -> None:
    write_heavy_image(project.docs / "assets" / "images" / "photo.svg")
    project.plant("Delegations met", '![A photograph](../../assets/images/photo.svg){ width="400" height="300" }\n\nDelegations met')
    with serve(project.built().root) as url:
        weight, transfers = page_weight(browser, url + FIXTURE_URL)
    photo = next(t for t in transfers if t.url.endswith("/photo.svg"))
    assert photo.body > 100 * 1024 and weight == sum(t.body for t in transfers) - photo.body


# Search loads on first use, and works ------------------------------------


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


# No layout shift -----------------------------------------------------------


def check_no_layout_shift(browser: Browser, url: str, viewport: dict) -> None:
    shifts = layout_shifts(browser, url, viewport)
    assert cumulative_layout_shift(shifts) == 0, f"layout shifts (CLS {cumulative_layout_shift(shifts):.3f}): {shifts}"


@VIEWPORTS
def test_article_page_does_not_shift_as_it_loads(browser: Browser, served: str, article_url: str, viewport: dict) -> None:
    check_no_layout_shift(browser, served + article_url, viewport)


@pytest.mark.parametrize("path", ["", "blog/"], ids=["home", "article list"])
def test_home_and_article_list_do_not_shift_as_they_load_on_a_phone(browser: Browser, served: str, path: str) -> None:
    check_no_layout_shift(browser, served + path, PHONE)


PLANTED_SHIFTS = {
    # An image without width and height: the text below it moves down when it arrives.
    "image without dimensions": ("Delegations met",
                                 "![A photograph](../../assets/images/photo.svg)\n\nDelegations met"),
    # A banner a script puts above the article once the page has loaded.
    "late banner": ("Delegations met",
                    '<script>addEventListener("load", () => setTimeout(() => document.querySelector("article")'
                    '.prepend(Object.assign(document.createElement("p"), {textContent: "Breaking news"})), 200))'
                    "</script>\n\nDelegations met"),
}


@pytest.mark.parametrize("fault", PLANTED_SHIFTS)
def test_planted_layout_shift_is_caught(browser: Browser, project: ProjectCopy, fault: str) -> None:
    write_heavy_image(project.docs / "assets" / "images" / "photo.svg")
    project.plant(*PLANTED_SHIFTS[fault])
    with serve(project.built().root) as url, pytest.raises(AssertionError, match="layout shifts"):
        check_no_layout_shift(browser, url + FIXTURE_URL, PHONE)


# Search index ---------------------------------------------------------------


def test_search_index_of_1000_articles_is_within_100_kb(archive: tuple[Path, BuiltSite]) -> None:
    check_search_index_budget(search_index_gzip_size(archive[1]), SYNTHETIC_ARTICLES + 1)


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
    """The index as Material writes it without overrides/hooks/search_index.py: each article's text in full."""
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
        check_search_index_budget(search_index_gzip_size(planted), SYNTHETIC_ARTICLES + 1)


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


def test_palette_keeps_the_configured_colours_and_drops_the_rest() -> None:
    used = {"scheme": {"default", "slate"}, "primary": {"black"}, "accent": {"indigo"}}
    css = ("[data-md-color-primary=red]{--a:1}"
           "[data-md-color-accent=blue],[data-md-color-accent=indigo]{--b:2}"
           "@media screen{[data-md-color-scheme=slate][data-md-color-primary=pink]{--c:3}}"
           "[data-md-color-primary=lime]:not([data-md-color-scheme=slate]){--d:4}"
           "[data-md-color-primary=black]:not([data-md-color-scheme=dusk]){--e:5}")
    assert slim_palette(css, used) == ("[data-md-color-accent=indigo]{--b:2}"
                                       "[data-md-color-primary=black]:not([data-md-color-scheme=dusk]){--e:5}")
