"""Each built page, reworked once through an HTML parser (lxml) before it is written:

- a skip link to the page's one headline, which can take keyboard focus. Material's own skip link
  points at the first entry of the table of contents: on an article that is the first subheading,
  past the headline, standfirst and lede, and the not-found page has none;
- its same-site stylesheets replaced by a link to the one site stylesheet that joins them
  (newsroom/stylesheets.py), which the browser keeps from page to page;
- the search button (overrides/partials/site-search.html) moved into the header bar, after the
  palette toggle, where Material puts its own;
- Material's links to the pages before and after in the site's menu and its generator name left
  out of the head, and from its configuration what only its own search and version selector use
  (0.6 KB a page);
- the sidebars Material renders hidden left out, which no reader ever sees (the home page's table
  of contents; an article renders no sidebar at all);
- Material's two toggles (checkboxes) without `autocomplete`, which HTML allows only on fields
  that take text; the site script closes them as a page is shown instead (newsroom/material.py);
- Material's bundle loaded once the page has painted, in the site script that joins it and what
  every page runs (newsroom/scripts.py). The bundle draws nothing (it adds search,
  the palette toggle, tooltips and back-to-top to a page already laid out, which Material styles
  without it), and on a phone it held back the first paint. It starts on DOMContentLoaded, which
  has fired by then, so that event is replayed to it;
- its Content Security Policy, with the hash of every inline script and stylesheet it carries;
- written minified (minify-html): without the templates' indentation, a tenth smaller. Closing
  tags stay, since lxml's HTML parser, which the checks read pages with, predates HTML5's rules for
  leaving them out. Inline scripts are minified here, before they are hashed (minify-html would
  otherwise trim the whitespace around them after), and JSON is written without spaces
  (JSON_DUMPS, which overrides/hooks/finish_pages.py gives the templates' `tojson`).
"""

from __future__ import annotations

import functools
import json
import posixpath

import lxml.html
import minify_html
from lxml.html import builder as E
from mkdocs.exceptions import PluginError

from .csp import declare_policy
from .material import (BUNDLE, CONFIG, HEAD_EXTRAS, HEADER_BAR, HIDDEN_SIDEBAR, SKIP_CONTAINER, TOGGLES,
                       UNUSED_CONFIG, UNUSED_TRANSLATIONS)

# The id given to a headline that has none (the article's and the not-found page's come from templates).
HEADLINE_ID = "headline"
DOCTYPE = "<!doctype html>"
# The search button, which the header block renders after Material's header.
SEARCH_BUTTON = "site-search-open"
# The page has painted once a frame after DOMContentLoaded has run (rAF) and its paint is done (setTimeout).
BUNDLE_AFTER_PAINT = """document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => setTimeout(() => {{
  const bundle = document.createElement("script")
  bundle.src = {src}
  bundle.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"))
  document.body.append(bundle)
}})), {{ once: true }})"""


# How the templates' `tojson` writes JSON (Material's __config, the JSON-LD): without spaces.
JSON_DUMPS = {"sort_keys": True, "separators": (",", ":")}
# The script types that hold code, not data (an absent type is JavaScript).
CODE_TYPES = {None, "", "text/javascript", "module"}


def add_skip_link(page: lxml.html.HtmlElement, where: str, text: str) -> None:
    """A skip link to the page's <h1>, which gets an id if it lacks one and can take focus."""
    headlines = page.xpath("//h1")
    if len(headlines) != 1:
        raise PluginError(f"{where}: a page needs exactly one <h1> for the skip link to reach; found {len(headlines)}")
    headline = headlines[0]
    if not headline.get("id"):
        if page.xpath(f"//*[@id='{HEADLINE_ID}']"):
            raise PluginError(f'{where}: the <h1> has no id and id="{HEADLINE_ID}" is taken; give the <h1> an id')
        headline.set("id", HEADLINE_ID)
    headline.set("tabindex", "-1")
    containers = page.xpath(SKIP_CONTAINER)
    if not containers:
        raise PluginError(f"{where}: Material's skip link container is missing (has base.html changed? newsroom/material.py)")
    container = containers[0]
    for child in list(container):
        container.remove(child)
    container.text = None
    container.append(E.A(text, href=f"#{headline.get('id')}", **{"class": "md-skip"}))


def link_site_stylesheet(page: lxml.html.HtmlElement, where: str, stylesheet: str, joined: list[str],
                         site_path: str) -> None:
    """The same-site <link rel=stylesheet> elements, each one of the `joined` paths in the site,
    become one link to `stylesheet` (its path in the site), where the first of them was.

    `where` is the page's path in the site; `site_path` the path of the site's address, from
    which 404.html links its stylesheets (since it is served at any depth).
    """
    links = []
    for link in page.xpath("//link[@rel='stylesheet'][@href]"):
        href = link.get("href")
        if "://" in href or href.startswith("//"):
            continue  # another site's: the privacy tests refuse it
        path = posixpath.normpath(href.removeprefix(site_path) if href.startswith("/") else posixpath.join(posixpath.dirname(where), href))
        if path not in joined:
            raise PluginError(f"{where} links the stylesheet {href}, which is not in the site stylesheet "
                              f"(it joins {', '.join(joined)}; newsroom/stylesheets.py)")
        links.append(link)
    if not links:
        return
    first = links[0]
    first.set("href", site_path + stylesheet if first.get("href").startswith("/")
              else posixpath.relpath(stylesheet, posixpath.dirname(where) or "."))
    for link in links[1:]:
        link.drop_tree()


def place_search_button(page: lxml.html.HtmlElement, where: str) -> None:
    """Move the search button, if the page has one, to the end of Material's header bar."""
    buttons = page.xpath(f"//*[@id='{SEARCH_BUTTON}']")
    if not buttons:
        return
    bars = page.xpath(HEADER_BAR)
    if len(bars) != 1:
        raise PluginError(f"{where}: expected Material's header bar once, found it {len(bars)} times: "
                          "has partials/header.html changed? (newsroom/material.py)")
    bars[0].append(buttons[0])  # moved, with the whitespace after it


# What Material renders that no reader needs (newsroom/material.py says why, for each): sidebars
# rendered hidden, and the head's links to neighbours in the menu and generator name.
LEFT_OUT = " | ".join((HIDDEN_SIDEBAR, HEAD_EXTRAS))


def leave_out_unread(page: lxml.html.HtmlElement) -> None:
    """Leave out each element LEFT_OUT finds."""
    for element in page.xpath(LEFT_OUT):
        element.drop_tree()


def drop_toggles_autocomplete(page: lxml.html.HtmlElement) -> None:
    """Material's toggles without `autocomplete`, which is not valid on a checkbox."""
    for toggle in page.xpath(TOGGLES):
        toggle.attrib.pop("autocomplete", None)


def trim_material_config(page: lxml.html.HtmlElement, where: str) -> None:
    """Leave out of Material's configuration what only its own search and version selector use."""
    scripts = page.xpath(CONFIG)
    if len(scripts) != 1:
        raise PluginError(f"{where}: expected Material's configuration once, found it {len(scripts)} times: "
                          "has base.html's config block changed? (newsroom/material.py)")
    config = json.loads(scripts[0].text)
    for key in UNUSED_CONFIG:
        config.pop(key, None)
    config["translations"] = {key: text for key, text in config.get("translations", {}).items()
                              if not key.startswith(UNUSED_TRANSLATIONS)}
    scripts[0].text = json.dumps(config, **JSON_DUMPS)


def load_bundle_after_paint(page: lxml.html.HtmlElement, where: str, script: str) -> None:
    """Material's <script src=bundle> becomes a small inline script that loads, after the first
    paint, the site script that joins the bundle (`script`, its path in the site; newsroom/scripts.py)."""
    bundles = [script for script in page.xpath("//script[@src]") if BUNDLE.search(script.get("src"))]
    if len(bundles) != 1:
        raise PluginError(f"{where}: expected Material's bundle once, found it {len(bundles)} times: "
                          "has Material changed its script tag? (newsroom/material.py)")
    bundle = bundles[0]
    src = BUNDLE.sub(lambda found: f"{'/' if found.group().startswith('/') else ''}{script}", bundle.get("src"))
    loader = E.SCRIPT(BUNDLE_AFTER_PAINT.format(src=json.dumps(src)))
    loader.tail = bundle.tail
    bundle.getparent().replace(bundle, loader)


@functools.lru_cache(maxsize=256)
def _minified_script(code: str) -> str:
    """Inline code minified; pages share most of theirs, differing only by their depth in the site."""
    return minify_html.minify(f"<script>{code}</script>", minify_js=True).removeprefix("<script>").removesuffix("</script>")


def minify_inline_scripts(page: lxml.html.HtmlElement) -> None:
    """Each inline script's code minified, its data without the whitespace around it: as the page's
    minify-html would write them, so that their hashes hold."""
    for script in page.iter("script"):
        if not script.text:
            continue
        if script.get("type") in CODE_TYPES:
            script.text = _minified_script(script.text)
        else:
            script.text = script.text.strip()


def finish_page(html: str, where: str, *, skip_text: str, stylesheet: str, joined: list[str], script: str,
                site_path: str, policy: dict[str, list[str]], source: str | None = None) -> str:
    """The built page `where` (its path in the site) with all these changes, parsed and written
    once, its Content Security Policy last (newsroom/csp.py), since it hashes the inline scripts
    and stylesheets the others leave; problems name its `source` (the Markdown file an editor
    fixes), if it has one."""
    page = lxml.html.document_fromstring(html)
    add_skip_link(page, source or where, skip_text)
    link_site_stylesheet(page, where, stylesheet, joined, site_path)
    place_search_button(page, source or where)
    leave_out_unread(page)
    drop_toggles_autocomplete(page)
    trim_material_config(page, source or where)
    load_bundle_after_paint(page, source or where, script)
    minify_inline_scripts(page)
    declare_policy(page, policy)
    return minify_html.minify(lxml.html.tostring(page, doctype=DOCTYPE, encoding="unicode"),
                              keep_closing_tags=True, keep_html_and_head_opening_tags=True, minify_js=False, minify_css=False)
