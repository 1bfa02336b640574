"""Gives an article whose Markdown and place are unchanged the body it was rendered to by an
earlier build, instead of rendering it again; keeps every article's body for the next build
(newsroom/rendered.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from newsroom import rendered
from newsroom.kept import forget_unused
from newsroom.project import Project


@dataclass
class Rendering:
    """An article on its way through the renderer: under which digest its body is kept, the kept
    body if there is one, and how many warnings had been logged before it was rendered."""

    digest: str
    kept: rendered.Body | None
    warnings_before: int


_kept = Path(rendered.KEPT_BODIES)
_settings = ""
_addresses: set[str] = set()
_renderings: dict[str, Rendering] = {}  # by the article's source path
_used: set[Path] = set()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _kept, _settings
    project = Project.of(config).root
    _kept = project / rendered.KEPT_BODIES
    _settings = rendered.settings_digest(config.markdown_extensions, config.mdx_configs, config.validation,
                                         config.use_directory_urls, project)
    rendered.warnings_logged()  # start counting
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    _renderings.clear()
    _used.clear()


@event_priority(-100)  # after the blog plugin has placed its posts and list pages (on_files and on_nav, -50)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Note every address in the site, which a kept body's links must still lead to."""
    global _addresses
    _addresses = rendered.site_addresses([file.url for file in files])
    return nav


@event_priority(-200)  # once every hook and plugin (the last of them at -100) has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand the renderer nothing to render if the article's body is kept and still links to pages
    that are there."""
    if not isinstance(page, Post) or not rendered.keepable(markdown):
        return markdown
    digest = rendered.body_digest(_settings, page.file.src_uri, page.url, markdown)
    kept = rendered.load(_kept, digest)
    if kept is not None and not (set(kept.targets) <= _addresses
                                 and all(files.get_file_from_path(source) for source in kept.links_to_anchors)):
        kept = None
    _renderings[page.file.src_uri] = Rendering(digest, kept, rendered.warnings_logged())
    return "" if kept is not None else markdown


@event_priority(100)  # before any hook reads or changes the body
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Give the article its kept body, or keep the body it was just rendered to, unless rendering
    it logged a warning."""
    rendering = _renderings.pop(page.file.src_uri, None)
    if rendering is None:
        return html
    if (kept := rendering.kept) is not None:
        page.toc = get_toc(kept.toc)
        page._title_from_render = kept.title
        page.present_anchor_ids = set(kept.anchors)
        page.links_to_anchors = {files.get_file_from_path(source): links for source, links in kept.links_to_anchors.items()}
        _used.add(rendered.touch(_kept, rendering.digest))
        return kept.html
    if rendered.warnings_logged() == rendering.warnings_before:
        rendered.save(_kept, rendering.digest, rendered.Body(
            html=html, title=page._title_from_render, anchors=sorted(page.present_anchor_ids or ()),
            links_to_anchors={file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
            toc=[_token(item) for item in page.toc], targets=rendered.link_targets(html, page.url)))
        _used.add(rendered.kept_path(_kept, rendering.digest))
    return html


def on_post_build(config: MkDocsConfig) -> None:
    forget_unused(_kept, _used, "*/*.json")


def _token(item: Any) -> dict[str, Any]:
    """A contents entry as Python-Markdown's toc extension lists it."""
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_token(child) for child in item.children]}
