"""Articles' rendered bodies, kept for the next build.

Python-Markdown's conversion of the articles is about two fifths of a build, and a build after
adding one article converts every article again. So each article's body, as MkDocs rendered it, is
kept in .cache/rendered under a digest of everything the rendering reads:

- the Markdown the renderer is given (after every hook and plugin has changed it);
- where the page sits in the site (relative links are written from there);
- the Markdown extensions and their settings, the validation settings, the files the extensions
  append to every page (the glossary), and the versions of the packages that render;
- the code of each Markdown extension a hook adds as an object (the project's own, in
  newsroom/glossary.py), this module and the hook that uses it, so that a change in how bodies
  are rendered or kept starts afresh.

A kept body is used only if every page and file it links to is still in the site at the same
address, and is kept only if its rendering logged no warning, so a broken link or anchor is
reported by every build, as MkDocs reports it without this cache. Along with the HTML, an entry
keeps what MkDocs learns while rendering (the headline found in the body, the ids of the body's
anchors, its links to other pages' anchors, its contents), for MkDocs' anchor check and the
templates. A page that includes a snippet by name (`--8<--`) is never kept: what it reads is not
known before it is rendered. Entries no build has used for UNUSED_DAYS are removed, as cards are.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
import os
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html

from .kept import KEPT, write_atomically

# Where builds keep rendered bodies for the next build, from the project folder.
KEPT_BODIES = f"{KEPT}/rendered"
# The packages whose code renders a body.
RENDERERS = ("markdown", "pymdown-extensions", "mkdocs", "mkdocs-material")
# How a page includes a snippet by name (pymdownx.snippets).
SNIPPET_MARK = "--8<--"


@dataclass
class Body:
    """What rendering one page's Markdown gave: its HTML, and what MkDocs learnt doing it."""

    html: str
    title: str | None
    anchors: list[str]
    # Links to other pages' anchors: {linked page's source path: {anchor: link as written}}.
    links_to_anchors: dict[str, dict[str, str]]
    # The contents, as Python-Markdown's toc extension lists them (`toc_tokens`).
    toc: list[dict[str, Any]]
    # Every page and file of the site the body links to, by its address from the site's root.
    targets: list[str]


def settings_digest(markdown_extensions: list[Any], mdx_configs: dict[str, Any], validation: Any,
                    use_directory_urls: bool, project: Path, keeper: Path) -> str:
    """A digest of everything besides the page itself that a rendered body depends on; `keeper` is
    the code that decides what is kept, which counts as this module does."""
    appended = []
    snippets = mdx_configs.get("pymdownx.snippets", {})
    for name in snippets.get("auto_append", []):
        for base in snippets.get("base_path", ["."]):
            path = project / base / name  # as pymdownx.snippets reads them, from the project folder
            if path.is_file():
                appended.append(path.read_bytes())
    names, code = [], [Path(__file__).read_bytes(), keeper.read_bytes()]
    for extension in markdown_extensions:
        if isinstance(extension, str):
            names.append(extension)
        else:  # an extension object: its class, and the code that renders with it
            names.append(f"{type(extension).__module__}.{type(extension).__qualname__}")
            code.append(Path(inspect.getfile(type(extension))).read_bytes())
    settings = json.dumps([names, mdx_configs, str(validation), use_directory_urls,
                           [metadata.version(name) for name in RENDERERS]], sort_keys=True, default=repr)
    digest = hashlib.sha256(settings.encode())
    for content in [*code, *appended]:
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def body_digest(settings: str, source: str, url: str, markdown: str) -> str:
    """The name a page's rendered body is kept under."""
    return hashlib.sha256("\0".join((settings, source, url, markdown)).encode()).hexdigest()


def keepable(markdown: str) -> bool:
    """Whether a page's body may be kept: not if it includes a snippet by name."""
    return SNIPPET_MARK not in markdown


def link_targets(html: str, page_url: str) -> list[str]:
    """The site addresses (from the site's root, without fragment) of every page or file that a
    rendered body links to or loads."""
    if not html.strip():
        return []
    targets = set()
    for _, _, link, _ in lxml.html.fragment_fromstring(html, create_parent="div").iterlinks():
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        targets.add(urlsplit(urljoin("/" + page_url, parts.path)).path.lstrip("/"))
    return sorted(targets)


def site_addresses(urls: list[str]) -> set[str]:
    """Every address a body may link to, from the site's files' URLs, as link_targets writes them."""
    addresses = set()
    for url in urls:
        addresses.add(url)
        if url.endswith("/"):
            addresses.add(url + "index.html")
    addresses.add("")
    return addresses


def kept_path(kept: Path, digest: str) -> Path:
    return kept / digest[:2] / f"{digest}.json"


def load(kept: Path, digest: str) -> Body | None:
    """The body kept under `digest`, or None; an unreadable entry counts as none."""
    path = kept_path(kept, digest)
    try:
        return Body(**json.loads(path.read_bytes()))
    except (OSError, ValueError, TypeError):
        return None


def save(kept: Path, digest: str, body: Body) -> None:
    """Keep a body for the next build."""
    write_atomically(kept_path(kept, digest), json.dumps(asdict(body), ensure_ascii=False).encode())


def touch(kept: Path, digest: str) -> Path:
    """Mark a kept body used by this build; its path."""
    path = kept_path(kept, digest)
    os.utime(path)
    return path


@functools.cache
def _warnings() -> WarningCount:
    counter = WarningCount()
    for name in ("", "mkdocs"):  # MkDocs' own logger does not pass its records to the root's
        logging.getLogger(name).addHandler(counter)
    return counter


class WarningCount(logging.Handler):
    """Counts the warnings and errors logged, so that a render that logged one is not kept."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def warnings_logged() -> int:
    """How many warnings have been logged since the first call."""
    return _warnings().count
