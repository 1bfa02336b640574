"""Open Graph, Twitter card and JSON-LD values for each page, read from front matter
(newsroom/metadata.py); overrides/partials/metadata.html only prints them."""

from __future__ import annotations

from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.metadata import article_metadata, home_graph, image_url, news_article


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """Give the metadata template `social_image`, `article` (on articles) and `structured_data`."""
    context["social_image"] = image_url(context.get("social_card"), config)
    if isinstance(page, Post):
        context["article"] = article_metadata(page, context.get("social_card"), config)
        context["structured_data"] = [news_article(context["article"], config)]
    elif page.is_homepage:
        context["structured_data"] = home_graph(config)
    else:
        context["structured_data"] = []
    return context
