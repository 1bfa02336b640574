"""Reworks each built page once through lxml (newsroom/page_html.py): a skip link to its headline,
one link to the site stylesheet (newsroom/stylesheets.py) for all it linked, the site script
(newsroom/scripts.py), which joins Material's bundle, loaded after the first paint, and its
Content Security Policy with the hashes of its inline scripts."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from newsroom.material import SKIP_TEXT_KEY
from newsroom.page_html import JSON_DUMPS, finish_page
from newsroom.scripts import leave_out_material_search, site_script
from newsroom.stylesheets import site_stylesheet


@dataclass(frozen=True)
class Finishing:
    """What this build gives every page: the site stylesheet and the stylesheets it joins (by their
    paths in the site), the site script, and the skip link's text in the site's language."""

    stylesheet: str
    joined: list[str]
    script: str
    skip_text: str


# This build's, made afresh in each build's on_env.
_finishing: Finishing | None = None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Join the build's stylesheets, in their final form once every hook's on_files has run, and
    the scripts every page runs, and leave Material's own search out, before the files are
    copied; find the skip link's text in Material's translations; have `tojson` write JSON
    without spaces."""
    global _finishing
    env.policies["json.dumps_kwargs"] = JSON_DUMPS
    stylesheet, joined = site_stylesheet(files, config)
    script = site_script(files, config).dest_uri
    leave_out_material_search(files)
    translate = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}')
    _finishing = Finishing(stylesheet.dest_uri, joined, script, translate.render(config=config, key=SKIP_TEXT_KEY).strip())
    return env


def _finish(html: str, where: str, config: MkDocsConfig, source: str | None = None) -> str:
    if _finishing is None:
        raise RuntimeError("overrides/hooks/finish_pages.py: on_env did not run, so a page cannot be finished")
    return finish_page(html, where, skip_text=_finishing.skip_text, stylesheet=_finishing.stylesheet,
                       joined=_finishing.joined, script=_finishing.script, site_path=urlsplit(config.site_url or "/").path,
                       policy=config.extra["content_security_policy"], source=source)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _finish(output, page.file.dest_uri, config, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The not-found page (and any other HTML page rendered from a template alone)."""
    if not template_name.endswith(".html"):
        return output_content
    return _finish(output_content, template_name, config)
