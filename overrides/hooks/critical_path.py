"""The first paint in one round trip: stylesheets inlined, Material's bundle loaded after the paint.

On a phone on slow 4G (Lighthouse's mobile preset), the first and largest paint of a page (its
headline and standfirst, text) waited for three stylesheets on new connections (main.css is
22.8 KB gzipped) and for Material's bundle (35 KB of script, parsed and run at 4x CPU slowdown),
though the bundle draws nothing: it adds search, the palette toggle, tooltips and the back-to-top
button to a page already laid out (Material styles the page without it, as `no-js`).

- Each same-origin <link rel=stylesheet> becomes a <style> with the stylesheet's text (as
  material_css.py leaves Material's), minified: no request before the first paint.
- Material's <script src=bundle> becomes a small inline script that loads it once the page has
  painted. The bundle starts on DOMContentLoaded, which has fired by then, so it is replayed to it.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import rcssmin
import tinycss2
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

STYLESHEET = re.compile(r'<link rel="stylesheet" href="(?![a-z]+:|//)([^"]+)">')
BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
# The page has painted once a frame after DOMContentLoaded has run (rAF) and its paint is done (setTimeout).
BUNDLE_AFTER_PAINT = """<script>document.addEventListener("DOMContentLoaded", () => requestAnimationFrame(() => setTimeout(() => {{
  const bundle = document.createElement("script")
  bundle.src = {src}
  bundle.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"))
  document.body.append(bundle)
}})), {{ once: true }})</script>"""


def relative_urls(css: str) -> list[str]:
    """The url() references of a stylesheet that are not data: URIs: they would break once inlined."""
    found, tokens = [], tinycss2.parse_component_value_list(css, skip_comments=True)
    while tokens:
        token = tokens.pop()
        if token.type == "url":
            found.append(token.value)
        elif token.type == "function" and token.lower_name == "url":
            found.append("".join(t.value for t in token.arguments if t.type == "string"))
        tokens.extend(getattr(token, "arguments", None) or getattr(token, "content", None) or [])
    return [url for url in found if not url.startswith("data:")]


def inline_css(name: str, css: str) -> str:
    """A stylesheet's text, minified and ready to go inside a <style> of any page."""
    css = rcssmin.cssmin(css)
    if urls := relative_urls(css):
        raise PluginError(f"{posixpath.basename(name)} refers to {urls}, which would break if inlined (overrides/hooks/critical_path.py)")
    if "</style" in css.lower():
        raise PluginError(f"{posixpath.basename(name)} contains '</style', which would end its inline <style> early")
    return css


def rewrite_page(html: str, page: str, stylesheet: Callable[[str], str | None], site_path: str) -> str:
    """The page (`page` is its path in the site) with its stylesheets inlined and Material's bundle
    loaded after the first paint.

    `stylesheet` gives a stylesheet's text, ready to inline, by its path in the site, or None if the
    site has no such file. `site_path` is the path of the site's address: 404.html links its
    stylesheets from it.
    """
    def style(link: re.Match[str]) -> str:
        href = link[1]
        path = posixpath.normpath(href.removeprefix(site_path) if href.startswith("/") else posixpath.join(posixpath.dirname(page), href))
        css = None if path.startswith("../") else stylesheet(path)
        if css is None:
            raise PluginError(f"{page} links the stylesheet {href}, which the build does not have")
        return f"<style>{css}</style>"

    html, bundles = BUNDLE.subn(lambda script: BUNDLE_AFTER_PAINT.format(src=json.dumps(script[1])), html)
    if bundles != 1:
        raise PluginError(f"{page}: expected Material's bundle once, found it {bundles} times: "
                          "has Material changed its script tag? (overrides/hooks/critical_path.py)")
    return STYLESHEET.sub(style, html)


# The build's stylesheets by their path in the site, and each one's text once it is ready to inline.
_stylesheets: dict[str, File] = {}
_inlined: dict[str, str] = {}


def _stylesheet(path: str) -> str | None:
    if path not in _inlined:
        if path not in _stylesheets:
            return None
        _inlined[path] = inline_css(path, _stylesheets[path].content_string)
    return _inlined[path]


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Find the build's stylesheets, in their final form once every hook's on_files has run
    (material_css.py cuts Material's)."""
    _stylesheets.clear()
    _inlined.clear()
    _stylesheets.update((file.dest_uri, file) for file in files if file.dest_uri.endswith(".css"))
    return env


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return rewrite_page(output, page.file.dest_uri, _stylesheet, urlsplit(config.site_url or "/").path)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The not-found page (and any other HTML page rendered from a template alone)."""
    if not template_name.endswith(".html"):
        return output_content
    return rewrite_page(output_content, template_name, _stylesheet, urlsplit(config.site_url or "/").path)
