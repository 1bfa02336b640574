"""Draws each article's social card in worker processes beside the build, keeps it for the next
build, and puts it in the site (newsroom/social_cards.py; the design is newsroom/card_image.py).
Under `make build` (newsroom/build.py) the cards still undrawn when the pages are written are
handed over, to be drawn once MkDocs has exited, beside Pagefind."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom import card_image
from newsroom.build import handover_folder
from newsroom.card_image import FontMissing
from newsroom.front_matter import plain
from newsroom.kept import forget_unused
from newsroom.social_cards import (
    KEPT_CARDS,
    CardsError,
    Job,
    card_of,
    card_url,
    draw_all,
    finish,
    hand_over,
    start_workers,
    text_digest,
)

_jobs: dict[str, Job] = {}  # by the article's source path
_workers: ProcessPoolExecutor | None = None
_kept_cards = Path(KEPT_CARDS)  # from the project folder, set by on_config


def _stop_workers() -> None:
    """Stop the workers: a card being drawn is finished, the rest are not started."""
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
    card = card_of(config.site_name, page.config.categories[0], plain(page.meta["title"]), page.meta["date"]["created"],
                   [author.name for author in page.authors])
    digest = text_digest(card)
    job = _jobs[page.file.src_uri] = Job(page.file.src_uri, card, _kept_cards / f"{digest}.png",
                                         Path(config.site_dir) / card_url(page.url, digest))
    if not job.kept.is_file():
        _workers = _workers or start_workers(job.kept.parent)
        draw_all(_workers, [job])
    return html


@event_priority(50)  # before overrides/hooks/structured_data.py reads it
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the page's metadata its card, if it has one."""
    job = _jobs.get(page.file.src_uri)
    context["social_card"] = job.target.relative_to(config.site_dir).as_posix() if job else None
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """Put every card in the site once drawn, naming every article whose card could not be drawn;
    under `make build`, hand over the cards not yet started instead of waiting for them."""
    folder = handover_folder()
    jobs = list(_jobs.values())
    try:
        if folder is not None:
            _stop_workers()
        undrawn = [job for job in jobs if job.drawing is not None and job.drawing.cancelled()]
        finish(job for job in jobs if job.drawing is None or not job.drawing.cancelled())
    except CardsError as error:
        raise PluginError(str(error)) from error
    finally:
        _stop_workers()
    if folder is not None:
        hand_over(folder, undrawn)
    forget_unused(_kept_cards, {job.kept for job in jobs}, "*.png")


def on_build_error(error: Exception) -> None:
    _stop_workers()


def on_shutdown() -> None:
    _stop_workers()
