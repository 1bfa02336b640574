"""Gives each article its reading time, for its byline (newsroom/reading_time.py)."""

from __future__ import annotations

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.reading_time import reading_minutes


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Set an article's reading time from its rendered body."""
    if isinstance(page, Post):
        page.config.readtime = reading_minutes(html)
    return html
