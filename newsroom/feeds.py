"""What the feeds need beyond what the rss plugin writes: JSON Feed items as JSON Feed 1.1 types them."""

from __future__ import annotations

from typing import Any


def json_feed_item(item: dict[str, Any]) -> dict[str, Any]:
    """An item as JSON Feed 1.1 types it: no null members; the standfirst as its summary.

    The plugin writes the front matter `description` as `content_html`.
    """
    tidy = {key: value for key, value in item.items() if value is not None}
    return {**tidy, "summary": tidy["content_html"]}
