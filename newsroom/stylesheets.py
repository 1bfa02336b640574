"""Stylesheets: Material's cut down to what this site can show, then every stylesheet the pages
link joined, minified, into one file named by the hash of its content (SITE_STYLESHEET). Every
page links that one file (newsroom/page_html.py): a reader fetches it once and the browser keeps
it for every later page, since a changed stylesheet gets a new name. Every byte cut is one less
for every reader's first page.

- palette.css defines every colour Material offers (two schemes, 21 primary colours, 16 accents),
  though the palette toggle only switches between those configured: those alone are kept.
- main.css styles every component of every feature Material has. The rules that style only the
  components in UNUSED_COMPONENTS, which nothing this site turns on produces, are dropped, about
  a third of it. tests/test_stylesheets.py fails, naming the page, if a built page or Material's
  script on it ever uses one of them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

import rcssmin
import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .hashed import join_files, name_pattern
from .material import STYLESHEET

# A condition on the palette in a selector, such as [data-md-color-primary=indigo].
PALETTE_CONDITION = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]")
# A negated condition, such as :not([data-md-color-scheme=slate]), holds whatever its value.
NEGATION = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
# A class in a selector, such as .md-typeset.
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")

# Components of Material's main.css that no page of this site has, by the start of their class
# names, with what would bring each in.
UNUSED_COMPONENTS = (
    "tabbed-",                                  # content tabs: pymdownx.tabbed
    "highlight", "linenos", "linenodiv",        # highlighted code: pymdownx.highlight
    "md-code__", "md-clipboard",                # code copy buttons: content.code.copy
    "md-annotation",                            # code annotations: content.code.annotate
    "mermaid",                                  # diagrams: pymdownx.superfences
    "task-list",                                # task lists: pymdownx.tasklist
    "arithmatex", "critic", "keys",             # maths, CriticMarkup, keys: pymdownx extensions
    "twemoji", "emojione", "gemoji",            # emoji: pymdownx.emoji
    "grid",                                     # grids and cards: <div class="grid">
    "md-button",                                # buttons: { .md-button }
    "md-tabs",                                  # navigation tabs: navigation.tabs
    "md-path",                                  # breadcrumbs: navigation.path
    "md-source",                                # repository link: repo_url
    "md-version",                               # version selector: extra.version
    "md-select",                                # language selector: extra.alternate
    "md-social",                                # footer social links: extra.social
    "md-banner",                                # announcement bar: the announce block
    "md-consent",                               # cookie consent: extra.consent
    "md-feedback",                              # page feedback: extra.analytics.feedback
    "md-status",                                # page status: extra.status
    "md-search",                                # Material's search: the site has its own (newsroom/search.py)
)


def used_palette(config: MkDocsConfig) -> dict[str, set[str]]:
    """The schemes, primary and accent colours the palette toggle can switch to."""
    palettes = config.theme["palette"]
    palettes = palettes if isinstance(palettes, list) else [palettes]
    return {key: {palette.get(key, default) for palette in palettes}
            for key, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo"))}


def selector_applies(selector: str, used: dict[str, set[str]]) -> bool:
    """False when the selector asks for a scheme or colour that no configured palette has."""
    positive = NEGATION.sub("", selector)
    return all(value in used[key] for key, value in PALETTE_CONDITION.findall(positive))


def split_selectors(prelude: str) -> list[str]:
    """The selectors of a comma-separated list, commas inside brackets left alone."""
    selectors, depth, current = [], 0, ""
    for character in prelude:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        if character == "," and depth == 0:
            selectors.append(current.strip())
            current = ""
        else:
            current += character
    return [*selectors, current.strip()]


def slim_rules(rules: list, keep: Callable[[str], bool]) -> str:
    """The stylesheet without the rules and selectors `keep` refuses."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(tinycss2.serialize(rule.prelude)) if keep(s)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None:
            inner = slim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), keep)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return "".join(kept)


def _slim(css: str, keep: Callable[[str], bool]) -> str:
    return slim_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), keep)


def slim_palette(css: str, used: dict[str, set[str]]) -> str:
    return _slim(css, lambda selector: selector_applies(selector, used))


def styles_a_used_component(selector: str) -> bool:
    """False when the selector asks for a class of an unused component (:not() aside)."""
    return not any(name.startswith(UNUSED_COMPONENTS) for name in CLASS.findall(NEGATION.sub("", selector)))


def slim_main(css: str) -> str:
    return _slim(css, styles_a_used_component)


def material_stylesheet(files: Files, name: str) -> File:
    """Material's stylesheet `name` (main, palette) among the build's files."""
    found = [file for file in files if (match := STYLESHEET.fullmatch(file.src_uri)) and match["name"] == name]
    if len(found) != 1:
        raise PluginError(f"expected one Material {name} stylesheet, found {[file.src_uri for file in found]}: "
                          "has Material renamed it? (newsroom/material.py)")
    return found[0]


def cut_material_stylesheets(files: Files, config: MkDocsConfig) -> None:
    """Cut main.*.min.css and palette.*.min.css in the build's files, before anything reads them."""
    main = material_stylesheet(files, "main")
    main.content_string = slim_main(main.content_string)
    if config.theme.get("palette"):
        palette = material_stylesheet(files, "palette")
        palette.content_string = slim_palette(palette.content_string, used_palette(config))


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


# The one stylesheet every page links; its name carries the first characters of its content's SHA-256.
SITE_STYLESHEET = "assets/stylesheets/site.{digest}.css"
SITE_STYLESHEET_PATH = name_pattern(SITE_STYLESHEET)


def minified_css(name: str, css: str) -> str:
    """A stylesheet's text, minified, checked to hold no relative url(), which would point
    elsewhere once the text moves into the site stylesheet."""
    css = rcssmin.cssmin(css)
    if urls := relative_urls(css):
        raise PluginError(f"{posixpath.basename(name)} refers to {urls}, which would break once joined into "
                          "the site stylesheet; use a data: URI (newsroom/stylesheets.py)")
    return css


def site_stylesheet(files: Files, config: MkDocsConfig) -> tuple[File, list[str]]:
    """Join the stylesheets every page links, in the order Material's base.html links them (its
    main and palette stylesheets, then extra_css), into one file named by its content's hash. The
    joined files, and their source maps, leave the build. Returns the new file and the paths in
    the site of the files it joins."""
    parts = [material_stylesheet(files, "main"), *([material_stylesheet(files, "palette")] if config.theme.get("palette") else [])]
    for path in config.extra_css:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"mkdocs.yml: extra_css names {path}, which docs/ does not have")
        parts.append(file)
    css = "\n".join(minified_css(file.dest_uri, file.content_string) for file in parts)
    joined = join_files(files, config, SITE_STYLESHEET, parts, css)
    return joined, [file.dest_uri for file in parts]
