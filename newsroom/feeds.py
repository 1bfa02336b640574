"""What the feeds need beyond what the rss plugin writes: JSON Feed items as JSON Feed 1.1 types them."""

from __future__ import annotations

import html
from typing import Any


def json_feed_item(item: dict[str, Any]) -> dict[str, Any]:
    """An item as JSON Feed 1.1 types it: no null members; the standfirst as its summary, in plain
    text.

    The plugin writes the front matter `description`, escaped, as `content_html`.
    """
    tidy = {key: value for key, value in item.items() if value is not None}
    return {**tidy, "summary": html.unescape(tidy["content_html"])}
