"""Gives each article its social card (newsroom/social_cards.py; the design is
newsroom/card_image.py): drawn beside the build unless cached, and put in the site once every page
is written; overrides/hooks/structured_data.py points og:image at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom import card_image
from newsroom.project import Project
from newsroom.social_cards import Cards, CardsError, card_of

# This build's cards, made afresh as each build reads its configuration.
_cards: Cards | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check, before anything is built, that every card font is installed."""
    global _cards
    problems = []
    for font in card_image.FONTS:
        try:
            card_image.font_file(font)
        except card_image.FontMissing as problem:
            problems.append(str(problem))
    if problems:
        raise PluginError("the social cards cannot be drawn:\n" + "\n".join(dict.fromkeys(problems)))
    _cards = Cards(Project.of(config).root, Path(config.site_dir))
    return config


@event_priority(-100)  # after the blog plugin has given the article its authors
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if isinstance(page, Post):
        _build_cards().add(page.file.src_uri, card_of(config.site_name, page.config.categories[0], page.meta["title"],
                                                      page.meta["date"]["created"], [author.name for author in page.authors]),
                           page.url)
    return html


@event_priority(50)  # before overrides/hooks/structured_data.py reads it
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the page's metadata its card, if it has one."""
    job = _build_cards().jobs.get(page.file.src_uri)
    context["social_card"] = job.target.relative_to(config.site_dir).as_posix() if job else None
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Put every card in the site, naming every article whose card could not be drawn."""
    try:
        _build_cards().finish()
    except CardsError as error:
        raise PluginError(str(error)) from error


def on_build_error(error: Exception) -> None:
    if _cards is not None:
        _cards.stop()


def on_shutdown() -> None:
    if _cards is not None:
        _cards.stop()


def _build_cards() -> Cards:
    if _cards is None:
        raise RuntimeError("overrides/hooks/social_cards.py: on_config did not run, so there are no cards")
    return _cards
