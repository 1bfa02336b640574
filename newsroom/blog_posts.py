"""The blog plugin asks, for every page it sees, whether the page is one of its posts, by looking
through the list of every post: with n articles, n × n comparisons of pages, twice per build. At
10,000 articles that is 200 million comparisons, minutes of build time growing with the square of
the archive. The same list, answering membership from a set of the posts' identities, answers at
once (newsroom/material.py lists this reliance on the plugin's `blog.posts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mkdocs.exceptions import PluginError


class Posts(list):
    """A list of pages that tells whether it holds a page by identity, in constant time; it
    refuses changes, which would leave that answer stale."""

    def __init__(self, pages: Iterable[Any]) -> None:
        super().__init__(pages)
        self._held = frozenset(map(id, self))

    def __contains__(self, page: object) -> bool:
        return id(page) in self._held

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("the blog's posts are fixed once they are indexed (newsroom/blog_posts.py)")

    append = extend = insert = remove = pop = clear = sort = reverse = __setitem__ = __delitem__ = __iadd__ = _refuse  # type: ignore[assignment]


def index_posts(blog_plugin: Any) -> None:
    """Replace the blog plugin's list of posts with the same posts, held in `Posts`."""
    blog = getattr(blog_plugin, "blog", None)
    if not isinstance(getattr(blog, "posts", None), list):
        raise PluginError("the blog plugin keeps no list at blog.posts any more: has Material changed? (newsroom/material.py)")
    blog.posts = Posts(blog.posts)
