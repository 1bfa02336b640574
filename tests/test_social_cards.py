"""Social cards: one 1200x630 card per article, drawn offline at build time and cached for the next."""

from __future__ import annotations

import dataclasses
import io
import os
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from newsroom import cache, card_image, social_cards
from tests.support.articles import articles
from tests.support.cards import CARD_SIZE, CARDS_DIR, card_of, card_url, cards, contrast, distinct_colours
from tests.support.sandbox import blocking_python_path
from tests.support.preview import preview
from tests.support.site import BuiltSite, build

from tests.conftest import FIXTURE, FIXTURE_PAGE, FIXTURE_URL, ProjectCopy, SiteUnderTest

# Where builds keep the cards for the next build (overrides/hooks/social_cards.py).
CARDS_CACHE = Path(social_cards.CARDS_CACHE)
SECOND_ARTICLE = Path("docs/blog/posts/2023-03-01-eu-sanctions-package.md")
# A card as an article's front matter fills it in.
CARD = card_image.Card("Meridian Dispatch", "Europe", "Ministers meet in Brussels", "6 May 2024", "Europe desk")
# 110 characters, the most the front matter schema allows.
LONGEST_TITLE = ("EU foreign ministers agree a tenth package of sanctions on Russia after weeks of talks "
                 "over Paris's objections")


def cached_cards(project: Path) -> dict[str, int]:
    """The cached cards of a project, by name, with their inode: a card drawn again gets a new one."""
    return {path.name: path.stat().st_ino for path in (project / CARDS_CACHE).iterdir()}


def article_card(project: ProjectCopy) -> Path:
    """The fixture article's card, in a fresh build of the copy."""
    assert project.article.is_file()
    return card_of(project.built(), project.root / "site" / FIXTURE_PAGE)


def test_every_article_names_a_card_of_its_own_and_no_other_page_names_one(every_site: SiteUnderTest) -> None:
    site = every_site.site
    pages = [article.page for article in every_site.articles] + sorted(every_site.draft_pages)
    found = {site.name(page): card_of(site, page) for page in pages}
    assert found and all(card.is_file() for card in found.values()), found
    assert len(set(found.values())) == len(found), "two articles name one card"
    assert {site.name(page) for page in site.pages() if card_url(page)} == set(found), "a page that is no article names a card"
    assert cards(site) == sorted(found.values()), "a card no page names"


def test_every_card_address_is_its_article_slug_and_digest(every_site: SiteUnderTest) -> None:
    site = every_site.site
    for article in every_site.articles:
        slug, digest, suffix = card_of(site, article.page).name.split(".")
        assert (slug, len(digest), suffix) == (article.meta["slug"], 12, "png"), article.source


def card_image_problems(site: BuiltSite) -> list[str]:
    """Cards that are not 1200x630 PNGs, or that are blank."""
    problems = []
    for card in cards(site):
        with Image.open(card) as image:
            if (image.format, image.size) != ("PNG", CARD_SIZE):
                problems.append(f"{card.name}: a {image.format} of {image.size}, not a PNG of {CARD_SIZE}")
        # Anti-aliased text on a flat background gives dozens of shades; a blank card has one.
        if distinct_colours(card) <= 32:
            problems.append(f"{card.name}: nearly blank")
    return problems


def test_every_card_is_1200_by_630_and_not_blank(every_site: SiteUnderTest) -> None:
    problems = card_image_problems(every_site.site)
    assert not problems, "\n".join(problems)


def test_planted_blank_card_is_caught(project: ProjectCopy) -> None:
    card = article_card(project)
    card.unlink()  # the site's card is the cache's, linked: a new file, not the cached one changed
    Image.new("RGB", CARD_SIZE, card_image.INK).save(card)
    problems = card_image_problems(project.site)
    assert any(problem.endswith(": nearly blank") for problem in problems), problems


def test_card_text_contrasts_with_its_background() -> None:
    colours = card_image.TEXT_COLOURS
    assert all(contrast(colour, card_image.INK) >= 4.5 for colour in colours), \
        {colour: round(contrast(colour, card_image.INK), 2) for colour in colours}


def test_new_article_gets_its_own_card_built_with_the_network_blocked(project: ProjectCopy, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    second = project.root / SECOND_ARTICLE
    second.write_text(project.article.read_text(encoding="utf-8"), encoding="utf-8")
    project.replace(second, "slug: geneva-arms-talks-analysis", "slug: eu-sanctions-package")
    project.replace(second, "created: 2024-05-06 07:15", "created: 2024-05-06 08:15")
    project.replace(second, "title: What the Geneva arms talks can and cannot settle", f"title: {LONGEST_TITLE}")
    monkeypatch.setenv("PYTHONPATH", blocking_python_path(tmp_path / "python", offline=True))
    site = project.built()
    by_slug = {article.meta["slug"]: card_of(site, article.page) for article in articles(site, project.root)}
    first_card, second_card = by_slug["geneva-arms-talks-analysis"], by_slug["eu-sanctions-package"]
    assert second_card.name.startswith("eu-sanctions-package.")
    assert distinct_colours(second_card) > 32
    assert second_card.read_bytes() != first_card.read_bytes()


def test_planted_headline_too_long_for_the_card_stops_the_build_naming_the_article(project: ProjectCopy) -> None:
    project.plant("title: What the Geneva arms talks can and cannot settle", "title: " + "Geneva" * 18)
    result = project.build()
    assert result.returncode != 0
    assert (f"{FIXTURE.relative_to('docs').as_posix()}: its social card could not be drawn: "
            "the headline does not fit") in result.stderr, result.stderr
    assert not list((project.root / CARDS_CACHE).glob(".*")), "a card was left half-written"


def test_cards_are_drawn_into_the_cache_and_put_in_the_site(tmp_path: Path) -> None:
    cards = social_cards.Cards(tmp_path, tmp_path / "site")
    url = cards.add("blog/posts/card.md", CARD, "blog/2024/05/06/card/")
    cards.finish()
    target, cached = tmp_path / "site" / url, cards.cache.path(social_cards.text_digest(CARD))
    assert url.startswith(f"{CARDS_DIR}/card.") and cached.parent == tmp_path / CARDS_CACHE
    assert Image.open(target).size == CARD_SIZE and target.samefile(cached)


def test_planted_card_that_cannot_be_drawn_is_named(tmp_path: Path) -> None:
    cards = social_cards.Cards(tmp_path, tmp_path / "site")
    cards.add("blog/posts/card.md", dataclasses.replace(CARD, headline="Geneva" * 18), "blog/2024/05/06/card/")
    with pytest.raises(social_cards.CardsError, match="blog/posts/card.md: its social card could not be drawn: "
                                                      "the headline does not fit"):
        cards.finish()


FONT_FAULTS = {
    "font package not installed": ({"uninstalled": ("font_source_sans_pro",)},
                                   "font 'Source Sans Pro' for the social cards comes from the Python package "
                                   "'font-source-sans-pro', which is not installed"),
    "font files missing from the package": ({"emptied": ("font_source_serif_pro",)},
                                            "the social cards need font 'Source Serif Pro' (SourceSerifPro-Bold.ttf), "
                                            "which 'font_source_serif_pro' does not have"),
}


@pytest.mark.parametrize("fault", FONT_FAULTS)
def test_planted_missing_font_stops_the_build_naming_it(project: ProjectCopy, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    python, expected = FONT_FAULTS[fault]
    monkeypatch.setenv("PYTHONPATH", blocking_python_path(tmp_path / "python", offline=True, **python))
    result = project.build()
    assert result.returncode != 0
    assert expected in result.stderr and "pip install" in result.stderr, result.stderr


def test_concurrent_builds_of_one_project_each_get_every_card(project: ProjectCopy) -> None:
    assert project.article.is_file()
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda n: build(project.root, project.root / f"site-{n}"), range(3)))
    assert all(result.returncode == 0 for result in results), [result.stderr for result in results]
    built = [card_of(BuiltSite(project.root / f"site-{n}", "http://127.0.0.1:8000/"),
                     project.root / f"site-{n}" / FIXTURE_PAGE) for n in range(3)]
    assert len({card.read_bytes() for card in built}) == 1
    assert [name for name in cached_cards(project.root) if not name.endswith(".png")] == [], "a half-written card"


def test_next_build_draws_again_only_the_cards_whose_article_changed(project: ProjectCopy) -> None:
    first = article_card(project)
    cached = cached_cards(project.root)
    assert article_card(project) == first and cached_cards(project.root) == cached, "an unchanged card was drawn again"
    project.plant("title: What the Geneva arms talks", "title: What the Geneva nuclear talks")
    changed = article_card(project)
    assert changed.name != first.name, "a changed headline kept its card's address, which social networks keep"
    assert len(cached_cards(project.root)) == len(cached) + 1


def test_cached_cards_unused_for_a_month_are_removed(project: ProjectCopy) -> None:
    article_card(project)
    folder = project.root / CARDS_CACHE
    month_ago = time.time() - (cache.UNUSED_DAYS + 1) * 86400
    in_use = set(folder.glob("*.png"))
    (stale := folder / "stale.png").write_bytes(b"")
    (recent := folder / "recent.png").write_bytes(b"")
    os.utime(stale, (month_ago, month_ago))
    for used in in_use:
        os.utime(used, (month_ago, month_ago))
    article_card(project)
    assert not stale.exists(), "a card no build used for a month is still cached"
    assert set(folder.glob("*.png")) == in_use | {recent}, "a card in use, or recently used, was removed"


def test_preview_serves_each_article_its_card(project: ProjectCopy) -> None:
    """`make serve` draws cards too, in worker processes started beside the preview's threads."""
    assert project.article.is_file()
    with preview(project.root) as served:
        card = lxml.html.document_fromstring(served.get(FIXTURE_URL)).xpath("//meta[@property='og:image']/@content")
        assert card and f"/{CARDS_DIR}/" in card[0], "the preview's article names no card"
        with urllib.request.urlopen(card[0], timeout=10) as response:
            assert response.headers["Content-Type"] == "image/png"
            assert Image.open(io.BytesIO(response.read())).size == CARD_SIZE
