"""Social cards: every article gets a 1200x630 PNG, shown when it is shared (og:image).

newsroom/card_image.py draws them, offline, in worker processes beside the build, so a
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
from concurrent.futures import ProcessPoolExecutor
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
    """Worker processes, one fewer than the cores, since the build itself keeps one busy (with 1,000
    new articles on 2 cores a first build was faster with one worker than with two). They are
    started afresh, not forked, which is unsafe beside `mkdocs serve`'s threads."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    kept.mkdir(parents=True, exist_ok=True)
    return ProcessPoolExecutor(max(1, cores - 1), mp_context=multiprocessing.get_context("spawn"))


def publish(kept: Path, target: Path) -> None:
    """Put a kept card in the site: a hard link, as fast as it gets, or a copy where the site is on
    another file system."""
    target.unlink(missing_ok=True)
    try:
        os.link(kept, target)
    except OSError:
        shutil.copyfile(kept, target)
