"""The blog plugin's work on every article, made to keep pace with an archive of thousands
(newsroom/material.py lists both of these reliances on the plugin's internals).

- It asks, for every page it sees, whether the page is one of its posts, by looking through the
  list of every post: with n articles, n × n comparisons of pages, twice per build. At 10,000
  articles that is 200 million comparisons, minutes of build time growing with the square of the
  archive. The same list, answering membership from a set of the posts' identities, answers at once.
- It reads every article's front matter with PyYAML's pure-Python loader, about 0.5 ms an article
  (5 s at 10,000). It reads it with the loader the front matter check uses (newsroom/front_matter.py,
  libyaml's), which gives the same values about seven times faster (1.08 s against 0.16 s for
  2,001 articles); that check has read every article first, so no YAML the loaders could tell
  apart reaches the plugin.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml
from material.plugins.blog import structure
from mkdocs.exceptions import PluginError

from .front_matter import LOADER


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


def read_posts_with_front_matter_loader() -> None:
    """Have the blog plugin read its posts' front matter with the front matter check's loader."""
    if getattr(structure, "SafeLoader", None) not in (yaml.SafeLoader, LOADER):
        raise PluginError("the blog plugin no longer reads posts with PyYAML's SafeLoader: has Material changed? "
                          "(newsroom/material.py)")
    structure.SafeLoader = LOADER
