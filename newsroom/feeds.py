"""What the feeds need beyond what the rss plugin writes.

The plugin writes each article's standfirst (front matter `description`, text as written) where the
feeds carry HTML: RSS <description>, JSON Feed `content_html`. Here it becomes HTML, escaped once,
and JSON Feed's `summary` carries it as text.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import lxml.etree


def json_feed_item(item: dict[str, Any]) -> dict[str, Any]:
    """An item as JSON Feed 1.1 types it: no null members; the standfirst as HTML and, as its
    summary, as text."""
    tidy = {key: value for key, value in item.items() if value is not None}
    return {**tidy, "content_html": html.escape(tidy["content_html"], quote=False), "summary": tidy["content_html"]}


def rss_descriptions_as_html(path: Path) -> None:
    """Write each item's description in the RSS feed at `path` as the HTML its text reads as; a
    feed whose descriptions hold nothing to escape is left as the plugin wrote it."""
    tree = lxml.etree.parse(str(path))
    changed = False
    for description in tree.iterfind("channel/item/description"):
        text = description.text or ""
        as_html = html.escape(text, quote=False)
        if as_html != text:
            description.text, changed = as_html, True
    if changed:
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
