"""Gives an article whose Markdown and place are unchanged the body an earlier build rendered it
to, instead of rendering it again, and caches every article's body for the next build: MkDocs'
pages handed to the render cache (newsroom/rendered.py)."""

from __future__ import annotations

from pathlib import Path

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.project import Project
from newsroom.rendered import RenderCache, settings_digest

# This build's render cache, made afresh as each build reads its configuration.
_cache: RenderCache | None = None


@event_priority(-100)  # once every hook has added its Markdown extensions (overrides/hooks/glossary.py)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _cache
    project = Project.of(config).root
    _cache = RenderCache(project, settings_digest(config.markdown_extensions, config.mdx_configs, config.validation,
                                                  config.use_directory_urls, project, Path(__file__)))
    return config


@event_priority(-100)  # after the blog plugin has placed its posts and list pages (on_files and on_nav, -50)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    _render_cache().site_files(files)
    return nav


@event_priority(-200)  # once every hook and plugin (the last of them at -100) has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand the renderer nothing to render if the article's body is cached."""
    if isinstance(page, Post) and _render_cache().look_up(page, markdown, files):
        return ""
    return markdown


@event_priority(100)  # before any hook reads or changes the body
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return _render_cache().give_or_keep(page, html, files) if isinstance(page, Post) else html


def on_post_build(config: MkDocsConfig) -> None:
    _render_cache().entries.forget_unused()


def _render_cache() -> RenderCache:
    if _cache is None:
        raise RuntimeError("overrides/hooks/rendered_bodies.py: on_config did not run, so there is no render cache")
    return _cache
