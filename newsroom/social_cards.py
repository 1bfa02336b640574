"""Social cards: every article gets a 1200x630 PNG, shown when it is shared (og:image).

newsroom/card_image.py draws them, offline, in one pool of worker processes beside the build (which
keeps one core busy), from the moment an article is rendered until the build has written every
page; the build then waits for the last of them and puts them in the site.

Cards are cached in .cache/cards (newsroom/cache.py) under a digest of what they say and of the
drawing code, and the next build links them into the site instead of drawing them again; the site
serves each at an address made of the article's slug and that digest.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import posixpath
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import card_image
from .card_image import Card
from .front_matter import as_datetime, long_date
from .cache import CACHE_DIR, Cache

# Where the site serves the cards.
CARDS_DIR = "assets/images/social"
# Where builds cache cards for the next build, from the project folder.
CARDS_CACHE = f"{CACHE_DIR}/cards"


class CardsError(RuntimeError):
    """Cards that could not be drawn; the message names every article concerned."""


@dataclass
class Job:
    """One article's card: what it says, its digest (its name in the cache), where the site serves
    it, and the worker's drawing of it, if it is being drawn."""

    source: str  # the article's source path, which problems name
    card: Card
    digest: str
    target: Path
    drawing: Future[None] | None = None


@functools.cache
def drawing_digest() -> str:
    """What a card's pixels depend on besides its text: the drawing code, Pillow and the fonts."""
    versions = [metadata.version(name) for name in ("pillow", *sorted({font.package.replace("_", "-") for font in card_image.FONTS}))]
    return hashlib.sha256(Path(card_image.__file__).read_bytes() + repr(versions).encode()).hexdigest()


def text_digest(card: Card) -> str:
    """The digest a cached card is named by: what it says and what draws it."""
    return hashlib.sha256(repr((card.masthead, card.section, card.headline, card.date, card.desks, drawing_digest())).encode()).hexdigest()


def card_url(article_url: str, digest: str) -> str:
    """The card's site-relative URL: the article's slug and the card's digest, so that a card that
    changes gets a new address, and social networks, which keep an image by its address, show the
    new one. All cards share one folder."""
    slug = posixpath.splitext(posixpath.basename(article_url.rstrip("/")))[0]
    return posixpath.join(CARDS_DIR, f"{slug}.{digest[:12]}.png")


def card_of(site_name: str, section: str, headline: str, created: object, desks: list[str]) -> Card:
    """What an article's card says."""
    return Card(masthead=site_name, section=section, headline=headline, date=long_date(as_datetime(created)),
                desks=", ".join(desks))


class Cards:
    """One build's social cards: each article's card, drawn by a pool of worker processes unless
    the cache holds it, then put in the site."""

    def __init__(self, project: Path, site_dir: Path) -> None:
        self.cache = Cache(project / CARDS_CACHE, ".png")
        self.site_dir = site_dir
        self.jobs: dict[str, Job] = {}  # by the article's source path
        self._workers: ProcessPoolExecutor | None = None

    def add(self, source: str, card: Card, article_url: str) -> str:
        """Give the article `source` its card, and start drawing it unless it is cached; its URL."""
        digest = text_digest(card)
        url = card_url(article_url, digest)
        job = self.jobs[source] = Job(source, card, digest, self.site_dir / url)
        if not self.cache.path(digest).is_file():
            job.drawing = self._pool().submit(card_image.draw, card, self.cache.path(digest))
        return url

    def finish(self) -> None:
        """Wait for every card, put each in the site, and remove cards no build has used for a
        month; CardsError naming every article whose card could not be drawn."""
        try:
            problems = [f"{job.source}: its social card could not be drawn: {problem}" for job in self.jobs.values()
                        if job.drawing is not None and (problem := job.drawing.exception()) is not None]
        finally:
            self.stop()
        if problems:
            raise CardsError("\n".join(problems))
        folders: set[Path] = set()
        for job in self.jobs.values():
            if job.target.parent not in folders:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(job.target.parent)
            publish(self.cache.path(job.digest), job.target)
            self.cache.use(job.digest)
        self.cache.forget_unused()

    def stop(self) -> None:
        """Stop the workers: a card being drawn is finished, the rest are not started."""
        if self._workers is not None:
            self._workers.shutdown(cancel_futures=True)
            self._workers = None

    def _pool(self) -> ProcessPoolExecutor:
        """The worker processes, one fewer than the cores, since the build keeps one busy; started
        afresh, not forked, which is unsafe beside `mkdocs serve`'s threads."""
        if self._workers is None:
            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
            self.cache.folder.mkdir(parents=True, exist_ok=True)
            self._workers = ProcessPoolExecutor(max(1, cores - 1), mp_context=multiprocessing.get_context("spawn"))
        return self._workers


def publish(cached: Path, target: Path) -> None:
    """Put a cached card in the site: a hard link, as fast as it gets, or a copy where the site is
    on another file system."""
    target.unlink(missing_ok=True)
    try:
        os.link(cached, target)
    except OSError:
        shutil.copyfile(cached, target)
