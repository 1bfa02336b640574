"""Gives the Corrections page (docs/corrections.md, laid out by overrides/corrections.html) every
correction of every published article, newest first (newsroom/corrections.py)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.corrections import site_corrections
from newsroom.front_matter import LAST_MODIFIED

# The template that lays the page out; the page names it in its front matter.
TEMPLATE = "corrections.html"


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
