"""Social cards: one 1200x630 card per article, rendered offline at build time, adding no meta tag."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from PIL import Image

from support.cards import (CARD_SIZE, card_of, card_path, cards, contrast, distinct_colours, meta_tags,
                           python_path)
from support.articles import articles
from support.site import ROOT, BuiltSite, build, build_or_fail, copy_project

from conftest import ARTICLE_PAGE, ProjectCopy

LAYOUT = Path("overrides/layouts/news.yml")
# Where builds keep the cards for the next build (overrides/hooks/social_cards.py).
KEPT_CARDS = Path(".cache/social/cards")
SECOND_ARTICLE = Path("docs/blog/posts/2023-03-01-eu-sanctions-package.md")
# 110 characters, the most the front matter schema allows.
LONGEST_TITLE = ("EU foreign ministers agree a tenth package of sanctions on Russia after weeks of talks "
                 "over Paris's objections")


# Meta keys a page may carry more than once; any other repeated key means a second source of tags.
REPEATABLE_META = {"article:tag", "article:author"}


def repeated_meta_tags(site: BuiltSite) -> dict[str, list[str]]:
    """Meta keys that appear twice on a page: the social plugin's tags beside our own."""
    repeated = {}
    for page in site.pages():
        keys = [dict(tag).get("property") or dict(tag).get("name") for tag in meta_tags(page)]
        twice = sorted({key for key in keys if key and keys.count(key) > 1} - REPEATABLE_META)
        if twice:
            repeated[site.name(page)] = twice
    return repeated


def own_card_folders(project: Path) -> list[Path]:
    """Card folders of builds that could not use the kept cards; each build removes its own."""
    return sorted((project / ".cache/social").glob("build-*"))


def article_pages(site: BuiltSite, project: Path = ROOT) -> list[Path]:
    return [article.page for article in articles(site, project)]


def test_every_article_has_its_own_card(site: BuiltSite) -> None:
    articles = article_pages(site)
    assert articles and all(card_of(site, page).is_file() for page in articles)
    assert cards(site) == sorted(card_of(site, page) for page in articles), "a card for a page that is no article"


def test_article_card_is_at_the_url_path_derived_from_the_page_url(site: BuiltSite) -> None:
    assert card_path("blog/2023/02/21/wang-yi-patrushev-moscow-talks/") == \
        "assets/images/social/blog/2023/02/21/wang-yi-patrushev-moscow-talks.png"
    assert (site.root / "assets/images/social/blog/2023/02/21/wang-yi-patrushev-moscow-talks.png").is_file()


def test_every_card_is_1200_by_630_and_not_blank(site: BuiltSite) -> None:
    for card in cards(site):
        with Image.open(card) as image:
            assert (image.format, image.size) == ("PNG", CARD_SIZE), card
        # Anti-aliased text on a flat background gives dozens of shades; a blank card has one.
        assert distinct_colours(card) > 32, f"{card} is nearly blank"


def test_social_plugin_adds_no_meta_tag_to_any_page(site: BuiltSite) -> None:
    assert yaml.safe_load((ROOT / LAYOUT).read_text(encoding="utf-8"))["tags"] == {}
    assert not repeated_meta_tags(site)


def test_planted_layout_meta_tag_is_caught(project: ProjectCopy) -> None:
    project.replace(project.root / LAYOUT, "tags: {}", 'tags:\n  og:image: "{{ image.url }}"')
    repeated = repeated_meta_tags(project.built())
    assert repeated == {"blog/2023/02/21/wang-yi-patrushev-moscow-talks/index.html": ["og:image"]}


def test_card_text_contrasts_with_its_background() -> None:
    layers = yaml.safe_load((ROOT / LAYOUT).read_text(encoding="utf-8"))["layers"]
    background = layers[0]["background"]["color"]
    colours = {layer["typography"]["color"] for layer in layers if "typography" in layer}
    assert colours and all(contrast(colour, background) >= 4.5 for colour in colours), \
        {colour: round(contrast(colour, background), 2) for colour in colours}


def test_new_article_gets_its_own_card_built_with_the_network_blocked(project: ProjectCopy, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    second = project.root / SECOND_ARTICLE
    second.write_text(project.article.read_text(encoding="utf-8"), encoding="utf-8")
    project.replace(second, "slug: wang-yi-patrushev-moscow-talks", "slug: eu-sanctions-package")
    project.replace(second, "created: 2023-02-21", "created: 2023-03-01")
    project.replace(second, "  - World", "  - Europe")
    project.replace(second, "title: Wang Yi calls China–Russia ties ‘rock solid’ in Moscow talks with Patrushev",
                    f"title: {LONGEST_TITLE}")
    monkeypatch.setenv("PYTHONPATH", python_path(tmp_path / "python", offline=True))
    site = project.built()
    first_card, second_card = (card_of(site, page) for page in article_pages(site, project.root))
    assert second_card == site.root / "assets/images/social/blog/2023/03/01/eu-sanctions-package.png"
    assert distinct_colours(second_card) > 32
    assert second_card.read_bytes() != first_card.read_bytes()


def test_blocked_network_fails_a_build_that_would_download_fonts(project: ProjectCopy, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the hook's local fonts the plugin goes to Google Fonts: the blocked build must fail."""
    project.replace(project.root / "mkdocs.yml", "  - overrides/hooks/social_cards.py\n", "")
    monkeypatch.setenv("PYTHONPATH", python_path(tmp_path / "python", offline=True))
    result = project.build()
    assert result.returncode != 0 and "network blocked by the test" in result.stderr, result.stderr


FONT_FAULTS = {
    "font package not installed": ({"uninstalled": ("font_source_sans_pro",)},
                                   "'Source Sans Pro' for the social cards comes from the Python package "
                                   "'font-source-sans-pro', which is not installed"),
    "font files missing from the package": ({"emptied": ("font_source_serif_pro",)},
                                            "needs font 'Source Serif Pro' style 'Bold', but "),
}


@pytest.mark.parametrize("fault", FONT_FAULTS)
def test_planted_missing_font_stops_the_build_naming_it(project: ProjectCopy, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    python, expected = FONT_FAULTS[fault]
    monkeypatch.setenv("PYTHONPATH", python_path(tmp_path / "python", offline=True, **python))
    result = project.build()
    assert result.returncode != 0
    assert expected in result.stderr and "pip install" in result.stderr, result.stderr
    assert not own_card_folders(project.root), "a failed build left its card folder"


def test_concurrent_builds_of_one_project_each_get_every_card(project: ProjectCopy) -> None:
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda n: build(project.root, project.root / f"site-{n}"), range(3)))
    assert all(result.returncode == 0 for result in results), [result.stderr for result in results]
    built = [project.root / f"site-{n}/assets/images/social/blog/2023/02/21/wang-yi-patrushev-moscow-talks.png"
             for n in range(3)]
    assert len({card.read_bytes() for card in built}) == 1
    assert not own_card_folders(project.root), "a build left its card folder behind"


def test_next_build_renders_again_only_the_cards_whose_article_changed(project: ProjectCopy) -> None:
    kept = project.root / KEPT_CARDS / "assets/images/social/blog/2023/02/21/wang-yi-patrushev-moscow-talks.png"
    first = card_of(project.built(), project.root / "site" / ARTICLE_PAGE).read_bytes()
    rendered = kept.stat().st_mtime_ns
    assert card_of(project.built(), project.root / "site" / ARTICLE_PAGE).read_bytes() == first
    assert kept.stat().st_mtime_ns == rendered, "an unchanged article's card was rendered again"
    project.plant("title: Wang Yi calls China–Russia ties", "title: Wang Yi hails China–Russia ties")
    changed = card_of(project.built(), project.root / "site" / ARTICLE_PAGE).read_bytes()
    assert kept.stat().st_mtime_ns != rendered and changed != first, "a changed headline kept its old card"
