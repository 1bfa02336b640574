"""Keeps the blog plugin's work on each article in step with the archive (newsroom/blog_posts.py):
it tells its posts from other pages at once, not by looking through every post for every page,
which makes a build grow with the square of the archive; and it reads their front matter with the
front matter check's fast loader."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation

from newsroom.blog_posts import index_posts, read_posts_with_front_matter_loader


def on_startup(command: str, dirty: bool) -> None:
    read_posts_with_front_matter_loader()


@event_priority(-60)  # after the blog plugin has found its posts (on_files) and placed them (on_nav, -50)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    index_posts(config.plugins["material/blog"])
    return nav
