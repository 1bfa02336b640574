"""Reworks each built page once through lxml (newsroom/page_html.py): a skip link to its headline,
one link to the site stylesheet (newsroom/stylesheets.py) for all it linked, the site script
(newsroom/scripts.py), which joins Material's bundle, loaded after the first paint, and its
Content Security Policy with the hashes of its inline scripts."""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.material import SKIP_TEXT_KEY
from newsroom.page_html import JSON_DUMPS, finish_page
from newsroom.scripts import leave_out_material_search, site_script
from newsroom.stylesheets import site_stylesheet

# This build's site stylesheet, the stylesheets it joins (by their paths in the site), its site
# script, and the skip link's text in the site's language.
_stylesheet = ""
_joined: list[str] = []
_script = ""
_skip_text = ""


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Join the build's stylesheets, in their final form once every hook's on_files has run, and
    the scripts every page runs, and leave Material's own search out, before the files are
    copied; find the skip link's text in Material's translations; have `tojson` write JSON
    without spaces."""
    global _stylesheet, _joined, _script, _skip_text
    env.policies["json.dumps_kwargs"] = JSON_DUMPS
    stylesheet, _joined = site_stylesheet(files, config)
    _stylesheet = stylesheet.dest_uri
    _script = site_script(files, config).dest_uri
    leave_out_material_search(files)
    translate = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}')
    _skip_text = translate.render(config=config, key=SKIP_TEXT_KEY).strip()
    return env


def _finish(html: str, where: str, config: MkDocsConfig, source: str | None = None) -> str:
    return finish_page(html, where, skip_text=_skip_text, stylesheet=_stylesheet, joined=_joined, script=_script,
                       site_path=urlsplit(config.site_url or "/").path, policy=config.extra["content_security_policy"],
                       source=source)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _finish(output, page.file.dest_uri, config, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The not-found page (and any other HTML page rendered from a template alone)."""
    if not template_name.endswith(".html"):
        return output_content
    return _finish(output_content, template_name, config)
