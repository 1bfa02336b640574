"""The Content Security Policy every page declares in a <meta> element (GitHub Pages sends no
headers): only the site's own scripts, styles, images and connections, and each inline script and
stylesheet allowed by the SHA-256 hash of its exact text, worked out as the page is built.

The policy's sources are configured once, in mkdocs.yml (extra.content_security_policy); this
adds the hashes of what each page carries inline.
"""

from __future__ import annotations

import base64
import hashlib

import lxml.html
from lxml.html import builder as E

# Script types a browser runs; JSON (the page's configuration, JSON-LD) is data, not script.
RUNNABLE_SCRIPT_TYPES = {None, "", "text/javascript", "application/javascript", "module"}
REFERRER_POLICY = "strict-origin-when-cross-origin"


def source_hash(text: str) -> str:
    """A CSP hash source for an inline script or stylesheet: 'sha256-<base64 of its UTF-8 bytes>'."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


def inline_hashes(page: lxml.html.HtmlElement) -> tuple[list[str], list[str]]:
    """The hash of each inline script a browser would run, and of each inline stylesheet, in page order."""
    scripts = [source_hash(script.text or "") for script in page.iter("script")
               if script.get("src") is None and (script.get("type") or "").lower() in RUNNABLE_SCRIPT_TYPES]
    styles = [source_hash(style.text or "") for style in page.iter("style")]
    return list(dict.fromkeys(scripts)), list(dict.fromkeys(styles))


def policy(directives: dict[str, list[str]], script_hashes: list[str], style_hashes: list[str]) -> str:
    """The policy: the configured directives, scripts and styles allowed by hash besides."""
    extra = {"script-src": script_hashes, "style-src": style_hashes}
    parts = [" ".join([name, *sources, *extra.get(name, [])]).strip() for name, sources in directives.items()]
    return "; ".join(parts)


def declare_policy(page: lxml.html.HtmlElement, directives: dict[str, list[str]]) -> str:
    """Put the page's policy, and its referrer policy, first in its <head>, after the charset; return the policy."""
    declared = policy(directives, *inline_hashes(page))
    head = page.find("head")
    charset = head.find("meta[@charset]")
    at = head.index(charset) + 1 if charset is not None else 0
    for offset, element in enumerate((E.META(**{"http-equiv": "Content-Security-Policy", "content": declared}),
                                      E.META(name="referrer", content=REFERRER_POLICY))):
        element.tail = "\n    "
        head.insert(at + offset, element)
    return declared
