"""Leaves in the built site what finishing it needs (newsroom/finish.py): `make build` finishes it
once MkDocs has exited; `mkdocs serve` finishes each of its builds here."""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger

from newsroom.finish import FinishError, finish, write_manifest
from newsroom.search import searchable

log = get_plugin_logger(__name__)

# Whether MkDocs serves the site (`mkdocs serve`) rather than building it for publishing.
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-100)  # once every page and file is written
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    write_manifest(site, articles=sum(map(searchable, config.plugins["material/blog"].blog.posts)))
    if _serving:
        try:
            log.info(finish(site))
        except FinishError as error:
            raise PluginError(str(error)) from error


def on_shutdown() -> None:
    """As Python exits it looks for garbage among every object once more (16 s at 10,000
    articles), for a process about to end: the site's objects are frozen out of that search."""
    gc.freeze()
