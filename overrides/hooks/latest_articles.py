"""Give the home page the latest articles, as the blog plugin sorted them (newest first)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Add `latest_articles` to the home page's template context."""
    if page.is_homepage:
        blog = config.plugins["material/blog"]
        context["latest_articles"] = blog.blog.posts[: config.extra["latest_articles"]]
    return context
