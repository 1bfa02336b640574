"""What the templates print as HTML, under Jinja's autoescape (overrides/hooks/autoescape.py).

Templates escape every value they print, front matter included, except values marked as HTML
(markupsafe.Markup). The values MkDocs and Material hand the templates as HTML are the ones the
build made: a page's rendered body, the contents Python-Markdown found in it (text with its
entities, `&amp;` for "&"), the links of the blog's pager (newsroom/material.py), and the
copyright line of mkdocs.yml. These are marked, and nothing else: the rest is text, and is
escaped once, as it is printed.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from .material import PAGER


def mark_site_html(config: MkDocsConfig) -> None:
    """Mark as HTML the site's copyright line, which every page and the not-found page show."""
    if config.copyright:
        config.copyright = Markup(config.copyright)


def mark_page_html(page: Page) -> None:
    """Mark as HTML what the build made of `page`."""
    if page.content is not None:
        page.content = Markup(page.content)
    _mark_titles(page.toc)


def mark_context_html(context: dict[str, Any]) -> None:
    """Mark as HTML the links the blog's pager writes on a list page."""
    pager = context.get(PAGER)
    if callable(pager):
        context[PAGER] = lambda *args, **kwargs: Markup(pager(*args, **kwargs))


def _mark_titles(items: Any) -> None:
    for item in items:
        item.title = Markup(item.title)
        _mark_titles(item.children)
