"""Draws each article's social card in worker processes beside the build, keeps it for the next
build, and puts it in the site (newsroom/social_cards.py; the design is newsroom/card_image.py)."""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom import card_image
from newsroom.card_image import FontMissing
from newsroom.front_matter import plain
from newsroom.kept import forget_unused
from newsroom.social_cards import (
    KEPT_CARDS,
    card_of,
    card_url,
    publish,
    start_workers,
    text_digest,
)


@dataclass
class Job:
    """One article's card: kept under `kept`, served at `url`, being drawn if `drawing` is set."""

    kept: Path
    url: str
    drawing: Future[None] | None


_jobs: dict[str, Job] = {}  # by the article's source path
_workers: ProcessPoolExecutor | None = None
_kept_cards = Path(KEPT_CARDS)  # from the project folder, set by on_config


def _stop_workers() -> None:
    global _workers
    if _workers is not None:
        _workers.shutdown(cancel_futures=True)
        _workers = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Find the kept cards, and check, before anything is built, that every card font is installed."""
    global _kept_cards
    _kept_cards = Path(config.config_file_path).resolve().parent / KEPT_CARDS
    problems = []
    for font in card_image.FONTS:
        try:
            card_image.font_file(font)
        except FontMissing as problem:
            problems.append(str(problem))
    if problems:
        raise PluginError("the social cards cannot be drawn:\n" + "\n".join(dict.fromkeys(problems)))
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    _jobs.clear()


@event_priority(-100)  # after the blog plugin has given the article its authors
def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    """Start drawing the article's card, unless a card saying the same is kept."""
    global _workers
    if not isinstance(page, Post):
        return html
    text = card_of(config.site_name, page.config.categories[0], plain(page.meta["title"]), page.meta["date"]["created"],
                   [author.name for author in page.authors])
    digest = text_digest(text)
    kept = _kept_cards / f"{digest}.png"
    drawing = None
    if not kept.is_file():
        _workers = _workers or start_workers(kept.parent)
        drawing = _workers.submit(card_image.draw, text, kept)
    _jobs[page.file.src_uri] = Job(kept, card_url(page.url, digest), drawing)
    return html


@event_priority(50)  # before overrides/hooks/structured_data.py reads it
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the page's metadata its card, if it has one."""
    job = _jobs.get(page.file.src_uri)
    context["social_card"] = job.url if job else None
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Wait for the cards being drawn, then put every card in the site; name every article whose
    card could not be drawn."""
    try:
        problems = []
        for source, job in _jobs.items():
            if job.drawing is not None and (problem := job.drawing.exception()) is not None:
                problems.append(f"{source}: its social card could not be drawn: {problem}")
        if problems:
            raise PluginError("\n".join(problems))
    finally:
        _stop_workers()
    site_dir, folders = Path(config.site_dir), set()
    for job in _jobs.values():
        target = site_dir / job.url
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        publish(job.kept, target)
        os.utime(job.kept)
    forget_unused(_kept_cards, {job.kept for job in _jobs.values()}, "*.png")


def on_build_error(error: Exception) -> None:
    _stop_workers()


def on_shutdown() -> None:
    _stop_workers()
