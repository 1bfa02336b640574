"""Gives an article whose Markdown and place are unchanged the body it was rendered to by an
earlier build, instead of rendering it again; keeps every article's body for the next build
(newsroom/rendered.py).

A build for publishing (`mkdocs build`, on Linux, with a second core) also renders articles in a
second process, forked once the site's pages are placed: it renders from the last article back
while the build goes from the first on, each keeping what it renders, until they meet; the build
then finds the rest kept. Forked, the process has the build's own configuration, pages and
plugins, and renders each article in MkDocs' own steps (newsroom/material.py). It prints nothing:
a warning is reported by the build, which renders that article again, since a body whose
rendering warned is never kept.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
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


log = get_plugin_logger(__name__)

_kept = Path(rendered.KEPT_BODIES)
_settings = ""
_addresses: set[str] = set()
_renderings: dict[str, Rendering] = {}  # by the article's source path
_used: set[Path] = set()
_building = False  # a build for publishing, not a preview, whose threads make forking unsafe


@dataclass
class Helper:
    """The forked process that renders articles from the last back: how far the build has come
    (its index among the articles), and the flag that stops it."""

    process: multiprocessing.process.BaseProcess
    reached: Synchronized
    done: Synchronized  # how many articles it has rendered and kept
    stop: Event
    index: dict[str, int]  # each article's place, by its source path


_helper: Helper | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _building
    _building = command == "build"


@event_priority(-100)  # once every hook has added its Markdown extensions (overrides/hooks/glossary.py)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _kept, _settings
    project = Project.of(config).root
    _kept = project / rendered.KEPT_BODIES
    _settings = rendered.settings_digest(config.markdown_extensions, config.mdx_configs, config.validation,
                                         config.use_directory_urls, project, Path(__file__))
    rendered.warnings_logged()  # start counting
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    _renderings.clear()
    _used.clear()
    _stop_helper()


@event_priority(-100)  # after the blog plugin has placed its posts and list pages (on_files and on_nav, -50)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Note every address in the site, which a kept body's links must still lead to."""
    global _addresses
    _addresses = rendered.site_addresses([file.url for file in files])
    if _building and sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1:
        _start_helper([file.page for file in files.documentation_pages() if isinstance(file.page, Post)], config, files)
    return nav


@event_priority(-200)  # once every hook and plugin (the last of them at -100) has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand the renderer nothing to render if the article's body is kept and still links to pages
    that are there."""
    if not isinstance(page, Post) or not rendered.keepable(markdown):
        return markdown
    if _helper is not None:
        _helper.reached.value = _helper.index.get(page.file.src_uri, _helper.reached.value)
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
        _keep(page, html, rendering.digest)
    return html


@event_priority(100)  # every article is rendered: the helper has nothing left to do
def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    _stop_helper()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    forget_unused(_kept, _used, "*/*.json")


def on_build_error(error: Exception) -> None:
    _stop_helper()


def on_shutdown() -> None:
    _stop_helper()


def _keep(page: Page, html: str, digest: str) -> None:
    """Keep an article's rendered body, and what MkDocs learnt rendering it."""
    rendered.save(_kept, digest, rendered.Body(
        html=html, title=page._title_from_render, anchors=sorted(page.present_anchor_ids or ()),
        links_to_anchors={file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
        toc=[_token(item) for item in page.toc], targets=rendered.link_targets(html, page.url)))
    _used.add(rendered.kept_path(_kept, digest))


def _start_helper(articles: list[Page], config: MkDocsConfig, files: Files) -> None:
    global _helper
    context = multiprocessing.get_context("fork")
    reached, done, stop = context.Value("i", -1, lock=False), context.Value("i", 0, lock=False), context.Event()
    process = context.Process(target=_render_from_the_end, args=(articles, config, files, reached, done, stop), daemon=True)
    process.start()
    _helper = Helper(process, reached, done, stop, {page.file.src_uri: index for index, page in enumerate(articles)})


def _stop_helper() -> None:
    global _helper
    if _helper is not None:
        _helper.stop.set()
        _helper.process.join()
        log.info(f"{_helper.done.value} of {len(_helper.index)} articles rendered beside the build")
        _helper = None


def _render_from_the_end(articles: list[Page], config: MkDocsConfig, files: Files, reached: Synchronized,
                         done: Synchronized, stop: Event) -> None:
    """In the forked process: render and keep articles from the last back, as MkDocs' build
    renders a page (newsroom/material.py), until the build has reached them; silently."""
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        for handler in list(logger.handlers):
            if not isinstance(handler, rendered.WarningCount):
                logger.removeHandler(handler)
    for index in range(len(articles) - 1, -1, -1):
        if stop.is_set() or index <= reached.value + 1:
            return
        page = articles[index]
        try:  # MkDocs' own steps (newsroom/material.py's RENDER_STEPS), up to the rendered body
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            rendering = _renderings.pop(page.file.src_uri, None)
            if rendering is None or rendering.kept is not None:  # not to be kept, or kept already
                continue
            page.render(config, files)
        except Exception:  # the build renders the article again and reports the problem
            continue
        if rendered.warnings_logged() == rendering.warnings_before:
            _keep(page, page.content, rendering.digest)
            done.value += 1


def _token(item: Any) -> dict[str, Any]:
    """A contents entry as Python-Markdown's toc extension lists it."""
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_token(child) for child in item.children]}
