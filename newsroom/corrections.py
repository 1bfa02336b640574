"""Every correction of the site's articles, as the Corrections page lists them: newest first, each
with the article it corrects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .front_matter import as_datetime


@dataclass(frozen=True)
class ListedCorrection:
    """One correction as the Corrections page lists it."""

    date: datetime
    text: str
    article: Any


def site_corrections(posts: list[Any]) -> list[ListedCorrection]:
    """Every correction of these articles, newest first."""
    listed = [ListedCorrection(as_datetime(correction["date"]), correction["text"], post)
              for post in posts for correction in post.meta.get("corrections") or []]
    return sorted(listed, key=lambda correction: correction.date, reverse=True)
