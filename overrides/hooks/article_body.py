"""Puts an article's dateline at the head of its body and its corrections before its Sources
(newsroom/body.py)."""

from __future__ import annotations

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.body import with_front_matter


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the dateline and the corrections an article's front matter gives to its body."""
    if not isinstance(page, Post):
        return html
    return with_front_matter(html, page.file.src_uri, page.meta.get("dateline"), page.meta["date"]["created"],
                             page.meta.get("corrections") or [])
