"""Articles cannot carry active content: no <script>, <iframe>, <object>, <embed> or <form>, no
on… event attribute and no javascript: URL, whether written as raw HTML or as a Markdown link.

An article is words, links and images. Anything that runs code would run with the site's own
authority, and the Content Security Policy would block it in readers' browsers anyway; the build
refuses it instead, naming the file, the line and the element, every problem at once.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree
from mkdocs.utils.meta import YAML_RE

from .front_matter import Problem

ACTIVE_ELEMENTS = ("script", "iframe", "object", "embed", "form", "frame", "frameset", "applet", "base", "meta")
# Attributes whose value a browser loads or follows as a URL.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "background")
JAVASCRIPT_URL = "javascript:"


def _without_url_whitespace(value: str) -> str:
    """A URL as a browser reads its scheme: tabs, newlines and leading spaces removed."""
    return "".join(value.split()).lower()


def _active_parts(html: str) -> list[tuple[int, str, str]]:
    """Each active element, event attribute and javascript: URL in an HTML fragment: its line in the
    fragment, the element (and attribute) and what is wrong."""
    if not html.strip():
        return []
    found = []
    for element in lxml.html.fromstring(f"<div>{html}</div>").iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        line = element.sourceline or 1
        if element.tag in ACTIVE_ELEMENTS:
            found.append((line, f"<{element.tag}>", "active content is not allowed in an article; remove it "
                                                    "(an embed needs the site's policy changed: README, Security)"))
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                found.append((line, f"<{element.tag} {name}>", "an event attribute runs script; remove it"))
            elif name.lower() in URL_ATTRIBUTES and _without_url_whitespace(value).startswith(JAVASCRIPT_URL):
                found.append((line, f"<{element.tag} {name}>", "a javascript: URL runs script; link to a page"))
    return found


def _element_problems(body: str, shown: Path, first_line: int) -> list[Problem]:
    """Active elements and attributes written as raw HTML in the article's body."""
    return [Problem(shown, first_line + line - 1, where, message) for line, where, message in _active_parts(body)]


def rendered_active_content(html: str, source: Path, shown: Path) -> list[Problem]:
    """Active content in an article as Markdown rendered it (an attribute added with attr_list, say),
    each placed on the first line of the source that names it."""
    found = _active_parts(html)
    if not found:
        return []
    lines = source.read_text(encoding="utf-8").splitlines()
    problems = []
    for _, where, message in found:
        name = where.strip("<>").split()[-1]
        line = next((number for number, text in enumerate(lines, 1) if name.lower() in text.lower()), 1)
        problems.append(Problem(shown, line, where, message))
    return problems


def _javascript_urls(body: str, shown: Path, first_line: int) -> list[Problem]:
    """javascript: URLs in Markdown links, such as [text](javascript:…), line by line."""
    return [Problem(shown, first_line + number, "link", "a javascript: URL runs script; link to a page")
            for number, line in enumerate(body.splitlines())
            if f"]({JAVASCRIPT_URL}" in _without_url_whitespace(line) or f"<{JAVASCRIPT_URL}" in _without_url_whitespace(line)]


def active_content(path: Path, shown: Path | None = None) -> list[Problem]:
    """Every piece of active content in the body of the article in `path`, in line order."""
    shown = shown or path
    text = path.read_text(encoding="utf-8")
    match = YAML_RE.match(text)
    body_start = match.end() if match else 0
    first_line = text.count("\n", 0, body_start) + 1
    body = text[body_start:]
    try:
        problems = _element_problems(body, shown, first_line)
    except etree.ParserError:
        problems = []
    problems += _javascript_urls(body, shown, first_line)
    return sorted(problems, key=lambda problem: problem.line)
