"""Lets the blog plugin tell its posts from other pages at once, not by looking through every post
for every page, which makes a build grow with the square of the archive (newsroom/blog_posts.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from newsroom.blog_posts import index_posts


@event_priority(-60)  # after the blog plugin has found its posts (on_files) and placed them (on_nav, -50)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    index_posts(config.plugins["material/blog"])
    return nav
