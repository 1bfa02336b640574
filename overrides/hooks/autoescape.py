"""Every template escapes what it prints (Jinja's autoescape), so front matter is printed as the
text it is wherever it goes (page.meta holds it as written); the HTML the build itself made, which
Material's templates print as it is, is marked as such (newsroom/templates.py)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from newsroom.templates import mark_context_html, mark_page_html, mark_site_html


@event_priority(100)  # before any hook renders a template
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.autoescape = True
    mark_site_html(config)
    return env


@event_priority(-100)  # once every hook has changed the page's body, and the blog plugin has given a list its pager
def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    mark_page_html(page)
    mark_context_html(context)
    return context
