"""The first paint in one round trip: stylesheets inlined, Material's bundle loaded after the paint.

On a phone on slow 4G (Lighthouse's mobile preset), the first and largest paint of a page (its
headline and standfirst, text) waited for three stylesheets on new connections (main.css is
22.8 KB gzipped) and for Material's bundle (35 KB of script, parsed and run at 4x CPU slowdown),
though the bundle draws nothing: it adds search, the palette toggle, tooltips and the back-to-top
button to a page already laid out (Material styles the page without it, as `no-js`).

- Each same-origin <link rel=stylesheet> becomes a <style> with the built file's text (after
  material_css.py, registered before this hook), minified: no request before the first paint.
- Material's <script src=bundle> becomes a small inline script that loads it once the page has
  painted. The bundle starts on DOMContentLoaded, which has fired by then, so it is replayed to it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import rcssmin
import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

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


def inline_css(path: Path, cache: dict[Path, str]) -> str:
    """The stylesheet's text, ready to go inside a <style> of any page."""
    if path not in cache:
        css = rcssmin.cssmin(path.read_text(encoding="utf-8"))
        if urls := relative_urls(css):
            raise PluginError(f"{path.name} refers to {urls}, which would break if inlined (overrides/hooks/critical_path.py)")
        if "</style" in css.lower():
            raise PluginError(f"{path.name} contains '</style', which would end its inline <style> early")
        cache[path] = css
    return cache[path]


def rewrite_page(html: str, page: Path, site_dir: Path, site_path: str, cache: dict[Path, str]) -> str:
    """The page with its stylesheets inlined and Material's bundle loaded after the first paint.

    `site_path` is the path of the site's address: 404.html links its stylesheets from it.
    """
    def style(link: re.Match[str]) -> str:
        href = link[1]
        # normpath, not resolve(): the same few stylesheets are linked from every page, and
        # resolving them would ask the file system about each folder of each path each time.
        path = Path(os.path.normpath(site_dir / href.removeprefix(site_path) if href.startswith("/") else page.parent / href))
        if path not in cache and (not path.is_relative_to(site_dir) or not path.is_file()):
            raise PluginError(f"{page.relative_to(site_dir)} links the stylesheet {link[1]}, which the build does not have")
        return f"<style>{inline_css(path, cache)}</style>"

    html, bundles = BUNDLE.subn(lambda script: BUNDLE_AFTER_PAINT.format(src=json.dumps(script[1])), html)
    if bundles != 1:
        raise PluginError(f"{page.relative_to(site_dir)}: expected Material's bundle once, found it {bundles} times: "
                          "has Material changed its script tag? (overrides/hooks/critical_path.py)")
    return STYLESHEET.sub(style, html)


def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite every built page in place, once the stylesheets are in their final form."""
    site_dir, site_path, cache = Path(config.site_dir).resolve(), urlsplit(config.site_url or "/").path, {}
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(rewrite_page(html, page, site_dir, site_path, cache), encoding="utf-8")
