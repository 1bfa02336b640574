"""A skip link on every page that moves keyboard focus past the header and navigation to the headline.

Material's own skip link points at the first entry of the table of contents, which on an article is
the first subheading (past the headline, standfirst and lede); the not-found page has none; and a
heading that cannot take focus leaves focus behind, so the next Tab goes back into the navigation.
This hook points the link at the page's one <h1> and lets that heading take focus.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Material's container for the skip link, in every page before the header (base.html).
SKIP_LINK = re.compile(r'(?P<open><div data-md-component="skip">).*?(?P<close></div>)', re.DOTALL)
HEADLINE = re.compile(r"<h1\b(?P<attributes>[^>]*)>")
ID = re.compile(r'\bid="(?P<id>[^"]+)"')
# The id given to a headline that has none (the article's and the not-found page's, from templates).
HEADLINE_ID = "headline"


def with_skip_link(html: str, where: str) -> str:
    """The page with a skip link to its <h1>, which gets an id if it lacks one and can take focus."""
    headlines = HEADLINE.findall(html)
    if len(headlines) != 1:
        raise PluginError(f"{where}: a page needs exactly one <h1> for the skip link to reach; found {len(headlines)}")
    attributes = headlines[0]
    if found := ID.search(attributes):
        target = found["id"]
    elif f'id="{HEADLINE_ID}"' in html:
        raise PluginError(f'{where}: the <h1> has no id and id="{HEADLINE_ID}" is taken; give the <h1> an id')
    else:
        target = HEADLINE_ID
        attributes += f' id="{target}"'
    html = HEADLINE.sub(lambda _: f'<h1{attributes} tabindex="-1">', html, count=1)
    html, links = SKIP_LINK.subn(
        lambda match: f'{match["open"]}<a href="#{target}" class="md-skip">Skip to content</a>{match["close"]}',
        html, count=1)
    if not links:
        raise PluginError(f"{where}: Material's skip link container is missing (has base.html changed?)")
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_skip_link(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The not-found page (and any other HTML page rendered from a template alone)."""
    if not template_name.endswith(".html"):
        return output_content
    return with_skip_link(output_content, template_name)
