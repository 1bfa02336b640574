"""Checks every article's front matter against the schema (newsroom.front_matter) before the blog
plugin reads it, and gives each article's page what its front matter implies, worked out once.
page.meta holds the front matter as written: templates escape it as they print it
(overrides/hooks/autoescape.py)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.front_matter import LAST_MODIFIED, Article, date_lists, read_articles, report
from newsroom.project import Project

log = get_plugin_logger(__name__)

_previewing = False
# This build's valid articles, by the absolute path of their file.
_articles: dict[Path, Article] = {}


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is a preview (`mkdocs serve`) or a build for publishing."""
    global _previewing
    _previewing = command == "serve"


@event_priority(100)  # before the blog plugin reads the articles
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Stop a build on any front matter problem; a preview leaves the bad articles out and goes on."""
    project = Project.of(config)
    articles = read_articles(project.posts_dir, project.schema_context(now=datetime.now(timezone.utc)),
                             relative_to=project.root)
    _articles.clear()
    _articles.update((path.resolve(), article) for path, article in articles.valid.items())
    if not articles.problems:
        return files
    if not _previewing:
        raise PluginError(report(articles.problems))
    log.error(f"{report(articles.problems)}\nThe preview leaves these articles out until they are fixed.")
    return project.leave_out(files, {problem.path for problem in articles.problems})


@event_priority(100)  # before the feeds and every other hook read the page's metadata
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> None:
    """Give an article's page its `type` (news unless set) and its `last_modified`, for the page,
    the lists, feeds, sitemap and structured data to read."""
    article = _articles.get(Path(page.file.abs_src_path).resolve()) if page.file.abs_src_path else None
    if article is not None:
        page.meta["type"] = article.type
        page.meta[LAST_MODIFIED] = article.last_modified


@event_priority(100)  # once every page is read and rendered, before any template prints it
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Date each list of articles by its newest article, for the sitemap."""
    date_lists(file.page for file in files.documentation_pages() if file.page is not None)
    return env
