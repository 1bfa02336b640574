"""The Corrections page: every correction of every published article, newest first, each linking
to its article (docs/corrections.md, laid out by overrides/corrections.html)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from front_matter import LAST_MODIFIED, as_datetime

# The template that lays the page out; the page names it in its front matter.
TEMPLATE = "corrections.html"


@dataclass(frozen=True)
class ListedCorrection:
    """One correction as the Corrections page lists it."""

    date: datetime
    text: str
    article: Post


def site_corrections(posts: list[Post]) -> list[ListedCorrection]:
    """Every correction of these articles, newest first."""
    listed = [ListedCorrection(as_datetime(correction["date"]), correction["text"], post)
              for post in posts for correction in post.meta.get("corrections") or []]
    return sorted(listed, key=lambda correction: correction.date, reverse=True)


def _is_corrections_page(page: Page) -> bool:
    return page.meta.get("template") == TEMPLATE


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Date the Corrections page by its newest correction, for the sitemap."""
    if _is_corrections_page(page):
        if listed := site_corrections(config.plugins["material/blog"].blog.posts):
            page.meta[LAST_MODIFIED] = listed[0].date


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the Corrections page its list."""
    if _is_corrections_page(page):
        context["corrections"] = site_corrections(config.plugins["material/blog"].blog.posts)
    return context
