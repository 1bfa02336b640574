"""The blog plugin's posts, held so that "is this page a post?" is answered at once
(newsroom/blog_posts.py): builds grow with the archive, not with its square; and their front
matter, read with the front matter check's loader."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import yaml
from material.plugins.blog import structure as blog_structure
from mkdocs.exceptions import PluginError

from newsroom.blog_posts import Posts, index_posts, read_posts_with_front_matter_loader
from newsroom.front_matter import LOADER


class Page:
    """A page that, like MkDocs', equals any other page of the same title."""

    def __init__(self, title: str) -> None:
        self.title = title

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Page) and other.title == self.title

    __hash__ = None  # type: ignore[assignment]


def test_posts_are_the_same_list_and_tell_their_own_pages_by_identity() -> None:
    pages = [Page("a"), Page("b")]
    plugin = SimpleNamespace(blog=SimpleNamespace(posts=list(pages)))
    index_posts(plugin)
    posts = plugin.blog.posts
    assert isinstance(posts, Posts) and posts == pages and list(reversed(posts)) == pages[::-1]
    assert pages[0] in posts and pages[1] in posts and Page("a") not in posts


@pytest.mark.parametrize("change", ["append", "sort", "remove", "insert"])
def test_planted_change_to_indexed_posts_is_refused(change: str) -> None:
    posts = Posts([Page("a")])
    with pytest.raises(TypeError, match="fixed once they are indexed"):
        getattr(posts, change)(*{"append": [Page("b")], "sort": [], "remove": [posts[0]], "insert": [0, Page("b")]}[change])


def test_planted_blog_plugin_without_a_list_of_posts_stops_the_build() -> None:
    with pytest.raises(PluginError, match=re.escape("keeps no list at blog.posts any more") + ".*newsroom/material.py"):
        index_posts(SimpleNamespace(blog=SimpleNamespace(posts=None)))


def test_blog_plugin_reads_front_matter_with_the_front_matter_checks_loader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blog_structure, "SafeLoader", yaml.SafeLoader)
    read_posts_with_front_matter_loader()
    assert blog_structure.SafeLoader is LOADER


def test_planted_blog_plugin_reading_front_matter_another_way_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(blog_structure, "SafeLoader")
    with pytest.raises(PluginError, match=re.escape("(newsroom/material.py)")):
        read_posts_with_front_matter_loader()
