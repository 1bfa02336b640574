"""Indexes each article for search by its headline and standfirst, not its full text, and each
article list by its first page's title (newsroom/search_index.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from newsroom.front_matter import plain
from newsroom.search_index import SearchDoc, article_doc, slim_docs

# What each page of this build contributes to the index, by its URL; filled page by page.
_articles: dict[str, SearchDoc] = {}
_lists: dict[str, bool] = {}


def on_config(config: MkDocsConfig) -> None:
    _articles.clear()
    _lists.clear()


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Note what each article and article list page should leave in the index."""
    if isinstance(page, Post):
        _articles[page.url] = article_doc(page.url, plain(page.title), plain(page.meta.get("description", "")))
    elif isinstance(page, View):
        _lists[page.url] = not page.pages or page is page.pages[0]
    return context


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.is_file():
        raise PluginError(f"{path} is missing: the search plugin must come before this hook (mkdocs.yml)")
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = slim_docs(index["docs"], _articles, _lists)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
