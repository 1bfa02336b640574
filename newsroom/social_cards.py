"""Social cards: every article gets a 1200x630 PNG, shown when it is shared (og:image).

newsroom/card_image.py draws them, offline, in worker processes beside the build that run only on
CPU the build leaves spare (Linux's idle scheduling), so they take none the build wants. Under
`make build` MkDocs hands the cards still undrawn once its pages are written over to
newsroom/build.py, which draws them beside Pagefind, which keeps only one core busy.

Cards are kept in .cache/social/cards under a digest of what they say and of the drawing code, and
the next build links them into the site instead of drawing them again; the site serves each at an
address made of the article's slug and that digest. A card is written under another name and then
renamed, so builds running side by side (tests beside `make serve`) share the kept cards and never
read half of one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import posixpath
import shutil
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from . import card_image
from .card_image import Card
from .front_matter import as_datetime, long_date
from .kept import KEPT

# Where the site serves the cards.
CARDS_DIR = "assets/images/social"
# Where builds keep cards for the next build, from the project folder.
KEPT_CARDS = f"{KEPT}/social/cards"
# The file in the build's handover folder (newsroom/build.py) that lists the cards left to draw.
HANDOVER_FILE = "cards.json"


class CardsError(RuntimeError):
    """Cards that could not be drawn or handed over; the message names every article concerned."""


@dataclass
class Job:
    """One article's card: what it says, where it is kept and where the site serves it, and the
    worker's drawing of it, if it is being drawn."""

    source: str  # the article's source path, which problems name
    card: Card
    kept: Path
    target: Path
    drawing: Future[None] | None = None


@functools.cache
def drawing_digest() -> str:
    """What a card's pixels depend on besides its text: the drawing code, Pillow and the fonts."""
    versions = [metadata.version(name) for name in ("pillow", *sorted({font.package.replace("_", "-") for font in card_image.FONTS}))]
    return hashlib.sha256(Path(card_image.__file__).read_bytes() + repr(versions).encode()).hexdigest()


def text_digest(card: Card) -> str:
    """The digest a kept card is named by: what it says and what draws it."""
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


def start_workers(kept: Path) -> ProcessPoolExecutor:
    """Worker processes, one fewer than the cores, since the build (or Pagefind) keeps one busy
    (with 1,000 new articles on 2 cores a first build was faster with one worker than with two).
    They draw only on CPU nothing else wants, and are started afresh, not forked, which is unsafe
    beside `mkdocs serve`'s threads."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    kept.mkdir(parents=True, exist_ok=True)
    return ProcessPoolExecutor(max(1, cores - 1), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_only_on_spare_cpu)


def drawing_thread(kept: Path) -> ThreadPoolExecutor:
    """A thread that draws cards on spare CPU, for a process that otherwise only waits
    (newsroom/build.py, while Pagefind indexes): a thread, not a worker process, adds the least
    memory to Pagefind's, which is the build's peak."""
    kept.mkdir(parents=True, exist_ok=True)
    return ThreadPoolExecutor(1, initializer=_only_on_spare_cpu)


def _only_on_spare_cpu() -> None:
    """Let the calling worker or thread run only when nothing else wants the CPU (Linux's
    SCHED_IDLE): cards then never slow the build down, and take up what it leaves idle. Elsewhere
    they run as usual."""
    if hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError:
            pass


def draw_all(workers: Executor, jobs: Iterable[Job]) -> None:
    """Start drawing each job's card."""
    for job in jobs:
        job.drawing = workers.submit(card_image.draw, job.card, job.kept)


def finish(jobs: Iterable[Job]) -> None:
    """Wait for each job's card, and put every card in the site; CardsError naming every article
    whose card could not be drawn."""
    jobs = list(jobs)
    problems = [f"{job.source}: its social card could not be drawn: {problem}" for job in jobs
                if job.drawing is not None and (problem := job.drawing.exception()) is not None]
    if problems:
        raise CardsError("\n".join(problems))
    folders: set[Path] = set()
    for job in jobs:
        if job.target.parent not in folders:
            job.target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(job.target.parent)
        publish(job.kept, job.target)
        os.utime(job.kept)


def hand_over(folder: Path, jobs: Iterable[Job]) -> None:
    """Leave the drawing of these cards to whoever named the handover `folder` (newsroom/build.py)."""
    (folder / HANDOVER_FILE).write_text(json.dumps([
        {"source": job.source, "card": asdict(job.card), "kept": str(job.kept), "target": str(job.target)}
        for job in jobs]), encoding="utf-8")


def taken_over(folder: Path) -> list[Job]:
    """The cards a build left to draw in the handover `folder`."""
    try:
        listed = json.loads((folder / HANDOVER_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CardsError(f"MkDocs built the site but left no account of its social cards in {folder}, "
                         "which overrides/hooks/social_cards.py writes") from None
    return [Job(job["source"], Card(**job["card"]), Path(job["kept"]), Path(job["target"])) for job in listed]


def publish(kept: Path, target: Path) -> None:
    """Put a kept card in the site: a hard link, as fast as it gets, or a copy where the site is on
    another file system."""
    target.unlink(missing_ok=True)
    try:
        os.link(kept, target)
    except OSError:
        shutil.copyfile(kept, target)
