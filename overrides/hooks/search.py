"""Tells the article template which pages to mark as searchable, and the search dialog which
sections and years a reader can narrow results to (newsroom/search.py); Pagefind indexes the site
once it is built (newsroom/finish.py)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.search import choices, searchable


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Once per build, when the blog has found its posts: the choices every page's dialog offers."""
    env.globals["search_choices"] = choices(config.plugins["material/blog"].blog.posts)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["searchable"] = searchable(page)
    return context
