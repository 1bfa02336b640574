"""A search index that grows by a headline and a standfirst per article, not by its full text.

Material's search plugin indexes the full text of every page and section, so the index a reader
downloads on first search grew by ~1.3 KB gzipped per article. Readers look for an article by
the words of its headline and standfirst: each article is indexed by those alone (not by its
tags either, which would add ~7%), so that 1,000 articles fit in ~95 KB gzipped
(tests/test_performance.py). An article list is indexed by its title alone, and the further
pages of a paginated list not at all, since they repeat that title. Other pages (home, About)
keep their full text.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

SearchDoc = dict[str, Any]

# What each page of this build contributes to the index, by its URL; filled page by page.
_articles: dict[str, SearchDoc] = {}
_lists: dict[str, bool] = {}


def article_doc(url: str, title: str, standfirst: str) -> SearchDoc:
    """An article's only index entry: its headline and standfirst, escaped as Material expects."""
    return {"location": url, "title": escape(title, quote=False), "text": escape(standfirst, quote=False)}


def slim_docs(docs: list[SearchDoc], articles: dict[str, SearchDoc], lists: dict[str, bool]) -> list[SearchDoc]:
    """The index entries to keep: one per article, one per first page of a list, the rest as they are.

    `lists` maps the URL of each article list page to whether it is the list's first page.
    """
    slimmed = []
    for doc in docs:
        url, _, section = doc["location"].partition("#")
        if url in articles:
            if not section:
                slimmed.append(articles[url])
        elif url in lists:
            if lists[url] and not section:
                slimmed.append({"location": url, "title": doc["title"], "text": ""})
        else:
            slimmed.append(doc)
    return slimmed


def on_config(config: MkDocsConfig) -> None:
    _articles.clear()
    _lists.clear()


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Note what each article and article list page should leave in the index."""
    if isinstance(page, Post):
        _articles[page.url] = article_doc(page.url, page.title, page.meta.get("description", ""))
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
