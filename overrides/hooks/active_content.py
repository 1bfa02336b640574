"""Refuses articles that carry active content (script, frames, objects, forms, event attributes,
javascript: URLs: newsroom/active_content.py): a build stops, a preview leaves them out; both name
every problem of every article at once."""

from __future__ import annotations

from pathlib import Path

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.active_content import active_content, rendered_active_content
from newsroom.front_matter import report
from newsroom.project import Project

log = get_plugin_logger(__name__)
WHAT = "Article content"

_previewing = False


def on_startup(command: str, dirty: bool) -> None:
    global _previewing
    _previewing = command == "serve"


@event_priority(99)  # beside the front matter check, before the blog plugin reads the articles
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Stop a build on any active content; a preview leaves those articles out and goes on."""
    project = Project.of(config)
    problems = [problem for path in sorted(project.posts_dir.rglob("*.md"))
                for problem in active_content(path, project.shown(path))]
    if not problems:
        return files
    if not _previewing:
        raise PluginError(report(problems, WHAT))
    log.error(f"{report(problems, WHAT)}\nThe preview leaves these articles out until they are fixed.")
    return project.leave_out(files, {problem.path for problem in problems})


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Refuse what Markdown itself made active (an on… attribute added with attr_list, say)."""
    if isinstance(page, Post) and page.file.abs_src_path:
        source = Path(page.file.abs_src_path)
        if problems := rendered_active_content(html, source, Project.of(config).shown(source)):
            raise PluginError(report(problems, WHAT))
    return html
