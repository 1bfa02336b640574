"""Social cards: every article gets a 1200x630 PNG, shown when it is shared (og:image).

overrides/hooks/card_image.py draws them, offline, in worker processes beside the build, so a
first build of a large site is barely held up by them. Cards are kept in .cache/social/cards
under a digest of what they say and of the drawing code, and the next build links them into the
site instead of drawing them again; the site serves each at an address made of the article's slug
and that digest. A card is written under another name and then renamed, so builds running side by
side (tests beside `make serve`) share the kept cards and never read half of one.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import posixpath
import shutil
import site
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import astuple, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import card_image
from card_image import Card, FontMissing

# Where the site serves the cards.
CARDS_DIR = "assets/images/social"
# Where builds keep cards for the next build, from the project folder.
KEPT_CARDS = ".cache/social/cards"
# Kept cards no build has used for this long are removed (a card is used when its article is built).
UNUSED_DAYS = 30


@dataclass
class Job:
    """One article's card: kept under `kept`, served at `url`, being drawn if `drawing` is set."""

    kept: Path
    url: str
    drawing: Future[None] | None


_jobs: dict[str, Job] = {}  # by the article's source path
_workers: ProcessPoolExecutor | None = None
_kept_cards = Path(KEPT_CARDS)  # from the project folder, set by on_config


@functools.cache
def _drawing_digest() -> str:
    """What a card's pixels depend on besides its text: the drawing code, Pillow and the fonts."""
    versions = [metadata.version(name) for name in ("pillow", *sorted({font.package.replace("_", "-") for font in card_image.FONTS}))]
    return hashlib.sha256(Path(card_image.__file__).read_bytes() + repr(versions).encode()).hexdigest()


def card_url(page: Page, digest: str) -> str:
    """The card's site-relative URL: the article's slug and the card's digest, so that a card that
    changes gets a new address, and social networks, which keep an image by its address, show the
    new one. All cards share one folder."""
    slug = posixpath.splitext(posixpath.basename(page.url.rstrip("/")))[0]
    return posixpath.join(CARDS_DIR, f"{slug}.{digest[:12]}.png")


def card(page: Post, config: MkDocsConfig) -> Card:
    """What an article's card says, from its front matter and the authors file."""
    created = page.config.date.created
    return Card(masthead=config.site_name, section=page.config.categories[0], headline=page.meta["title"],
                date=f"{created.day} {created:%B %Y}", desks=", ".join(author.name for author in page.authors))


def _start_workers(kept: Path) -> ProcessPoolExecutor:
    """Worker processes, one fewer than the cores, since the build itself keeps one busy (with 1,000
    new articles on 2 cores a first build takes 11.6 s with one worker, 13.2 s with two). They are
    started afresh (not forked, which is unsafe beside `mkdocs serve`'s threads), and find
    card_image.py through the hooks folder."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    kept.mkdir(parents=True, exist_ok=True)
    return ProcessPoolExecutor(max(1, cores - 1), mp_context=multiprocessing.get_context("spawn"),
                               initializer=site.addsitedir, initargs=(str(Path(card_image.__file__).parent),))


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
    text = card(page, config)
    digest = hashlib.sha256(repr((astuple(text), _drawing_digest())).encode()).hexdigest()
    kept = _kept_cards / f"{digest}.png"
    drawing = None
    if not kept.is_file():
        _workers = _workers or _start_workers(kept.parent)
        drawing = _workers.submit(card_image.draw, text, kept)
    _jobs[page.file.src_uri] = Job(kept, card_url(page, digest), drawing)
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
        _publish(job.kept, target)
        os.utime(job.kept)
    _forget_unused(_kept_cards, {job.kept for job in _jobs.values()})


def _publish(kept: Path, target: Path) -> None:
    """Put a kept card in the site: a hard link, as fast as it gets, or a copy where the site is on
    another file system."""
    target.unlink(missing_ok=True)
    try:
        os.link(kept, target)
    except OSError:
        shutil.copyfile(kept, target)


def _forget_unused(kept: Path, used: set[Path]) -> None:
    """Remove the kept cards of old headlines, once no build has used them for UNUSED_DAYS."""
    if not kept.is_dir():
        return
    too_old = time.time() - UNUSED_DAYS * 86400
    for path in kept.glob("*.png"):
        try:
            if path not in used and path.stat().st_mtime < too_old:
                path.unlink()
        except FileNotFoundError:  # another build removed it first
            pass


def on_build_error(error: Exception) -> None:
    _stop_workers()


def on_shutdown() -> None:
    _stop_workers()
