"""Make the rss plugin's feeds complete and true to the front matter.

It would otherwise write `<url>None</url>` for the feed image and leave JSON Feed members null
where JSON Feed 1.1 expects strings. Each article's last update is its `last_modified`
(overrides/hooks/front_matter.py), never the build date.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from newsroom.feeds import json_feed_item, rss_descriptions_as_html


@event_priority(100)  # before the rss plugin's on_config copies `image` into its feeds
def on_config(config: MkDocsConfig) -> None:
    """Picture both feeds by the site's favicon, as an absolute URL."""
    config.plugins["rss"].config.image = urljoin(config.site_url, config.theme["favicon"])


@event_priority(-100)  # after the rss plugin has written its feeds
def on_post_build(config: MkDocsConfig) -> None:
    """Give the feeds each standfirst as HTML; rewrite the JSON feeds without null members and with
    each item's summary."""
    rss = config.plugins["rss"].config
    for name in (rss.feeds_filenames.rss_created, rss.feeds_filenames.rss_updated):
        rss_descriptions_as_html(Path(config.site_dir) / name)
    if not rss.json_feed_enabled:
        return
    for name in (rss.feeds_filenames.json_created, rss.feeds_filenames.json_updated):
        path = Path(config.site_dir) / name
        feed = json.loads(path.read_text(encoding="utf-8"))
        feed = {key: value for key, value in feed.items() if value is not None}
        feed["items"] = [json_feed_item(item) for item in feed["items"]]
        path.write_text(json.dumps(feed, indent=4 if rss.pretty_print else None), encoding="utf-8")
