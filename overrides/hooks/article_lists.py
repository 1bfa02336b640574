"""Article lists show each article's headline, standfirst, section and date
(overrides/partials/post.html), never its body.

The blog plugin still renders an excerpt of every article's Markdown for every list the article
is on (the blog index, its year, its section and its desk: four times), which at 1,000 articles
was a third of the build. No list shows that excerpt, so once an article's own page is rendered
its Markdown is emptied and its headline marked as found in it (the same headline, so nothing
reads differently): the plugin then has nothing to render, not even the headline it would put first.
"""

from __future__ import annotations

from material.plugins.blog.structure import Post
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


@event_priority(-100)  # after every plugin has read the article's Markdown
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Empty an article's Markdown once its page is rendered: its list excerpt needs none."""
    if isinstance(page, Post):
        page.markdown = ""
        page._title_from_render = page.title  # what MkDocs sets when the body has the headline
    return html
