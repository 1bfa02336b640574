"""Indexes every published article for full-text search once the site is built (newsroom/search.py),
or leaves that to `make build`, which indexes once MkDocs has exited (newsroom/build.py);
tells the article template which pages to mark as searchable, and the search dialog which sections
and years a reader can narrow results to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.build import handover_folder
from newsroom.search import SearchIndexError, choices, hand_over, index_site, searchable

# How many articles this build publishes: what the index must hold.
_articles = 0


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Once per build, when the blog has found its posts: how many it publishes, and the choices
    every page's dialog offers."""
    global _articles
    posts = config.plugins["material/blog"].blog.posts
    _articles = sum(map(searchable, posts))
    env.globals["search_choices"] = choices(posts)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    context["searchable"] = searchable(page)
    return context


@event_priority(-100)  # once every page is written
def on_post_build(config: MkDocsConfig) -> None:
    if (folder := handover_folder()) is not None:
        hand_over(folder, Path(config.site_dir), articles=_articles)
        return
    try:
        index_site(Path(config.site_dir), articles=_articles)
    except SearchIndexError as error:
        raise PluginError(str(error)) from error
