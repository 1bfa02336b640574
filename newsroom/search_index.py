"""A search index that grows by a headline and a standfirst per article, not by its full text.

Material's search plugin indexes the full text of every page and section, so the index a reader
downloads on first search grew by the whole text of every article. Readers look for an article by
the words of its headline and standfirst: each article is indexed by those alone (not by its
tags either), so that 1,000 articles fit in the search budget
(tests/test_search.py). An article list is indexed by its title alone, and the further
pages of a paginated list not at all, since they repeat that title. Other pages (home, About)
keep their full text.
"""

from __future__ import annotations

from html import escape
from typing import Any

SearchDoc = dict[str, Any]

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
