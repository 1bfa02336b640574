"""The render cache: articles' rendered bodies, cached for the next build.

Python-Markdown's conversion of the articles is about two fifths of a build, and a build after
adding one article converts every article again. So each article's body, as MkDocs rendered it, is
cached in .cache/rendered (newsroom/cache.py) under a digest of everything the rendering reads:

- the Markdown the renderer is given (after every hook and plugin has changed it);
- where the page sits in the site (relative links are written from there);
- the Markdown extensions and their settings, the validation settings, the files the extensions
  append to every page (the glossary), and the versions of the packages that render;
- the code of each Markdown extension a hook adds as an object (the project's own, in
  newsroom/glossary.py), this module and the hook that uses it, so that a change in how bodies
  are rendered or cached starts afresh.

A cached body is used only if every page and file it links to is still in the site at the same
address, and is cached only if its rendering logged no warning, so a broken link or anchor is
reported by every build, as MkDocs reports it without this cache. Along with the HTML, an entry
holds what MkDocs learns while rendering (the headline found in the body, the ids of the body's
anchors, its links to other pages' anchors, its contents), for MkDocs' anchor check and the
templates. A page that includes a snippet by name (`--8<--`) is never cached: what it reads is not
known before it is rendered. overrides/hooks/rendered_bodies.py hands MkDocs' pages to the cache.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import logging
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .cache import CACHE_DIR, Cache

# Where builds cache rendered bodies for the next build, from the project folder.
RENDERED_CACHE = f"{CACHE_DIR}/rendered"
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
    the code that decides what is cached, which counts as this module does."""
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
    """The name a page's rendered body is cached under."""
    return hashlib.sha256("\0".join((settings, source, url, markdown)).encode()).hexdigest()


def cacheable(markdown: str) -> bool:
    """Whether a page's body may be cached: not if it includes a snippet by name."""
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


@functools.cache
def _warnings() -> WarningCount:
    counter = WarningCount()
    for name in ("", "mkdocs"):  # MkDocs' own logger does not pass its records to the root's
        logging.getLogger(name).addHandler(counter)
    return counter


class WarningCount(logging.Handler):
    """Counts the warnings and errors logged, so that a render that logged one is not cached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def warnings_logged() -> int:
    """How many warnings have been logged since the first call."""
    return _warnings().count


@dataclass
class Rendering:
    """An article on its way through the renderer: the digest its body is cached under, the cached
    body if there is one, and how many warnings had been logged before it was rendered."""

    digest: str
    cached: Body | None
    warnings_before: int


class RenderCache:
    """One build's use of the cached bodies: MkDocs hands it each article's Markdown before it is
    rendered (`look_up`), then the rendered HTML (`give_or_keep`)."""

    def __init__(self, project: Path, settings: str) -> None:
        self.entries = Cache(project / RENDERED_CACHE, ".json")
        self.settings = settings
        self.addresses: set[str] = set()  # every page and file of the site, as link_targets writes them
        self.renderings: dict[str, Rendering] = {}  # by the article's source path
        warnings_logged()  # start counting

    def site_files(self, files: Files) -> None:
        """Note every address in the site, which a cached body's links must still lead to."""
        self.addresses = site_addresses([file.url for file in files])

    def look_up(self, page: Page, markdown: str, files: Files) -> bool:
        """Whether the article's body is cached and still links only to pages that are there (then
        it need not be rendered)."""
        if not cacheable(markdown):
            return False
        digest = body_digest(self.settings, page.file.src_uri, page.url, markdown)
        cached = self._load(digest)
        if cached is not None and not (set(cached.targets) <= self.addresses
                                       and all(files.get_file_from_path(source) for source in cached.links_to_anchors)):
            cached = None
        self.renderings[page.file.src_uri] = Rendering(digest, cached, warnings_logged())
        return cached is not None

    def give_or_keep(self, page: Page, html: str, files: Files) -> str:
        """The article's cached body, with what MkDocs learnt rendering it given back to the page;
        or the body just rendered, cached unless rendering it logged a warning."""
        rendering = self.renderings.pop(page.file.src_uri, None)
        if rendering is None:
            return html
        if (cached := rendering.cached) is not None:
            page.toc = get_toc(cached.toc)
            page._title_from_render = cached.title
            page.present_anchor_ids = set(cached.anchors)
            page.links_to_anchors = {files.get_file_from_path(source): links for source, links in cached.links_to_anchors.items()}
            self.entries.use(rendering.digest)
            return cached.html
        if warnings_logged() == rendering.warnings_before:
            self.entries.write(rendering.digest, json.dumps(asdict(Body(
                html=html, title=page._title_from_render, anchors=sorted(page.present_anchor_ids or ()),
                links_to_anchors={file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
                toc=[_token(item) for item in page.toc], targets=link_targets(html, page.url))), ensure_ascii=False).encode())
        return html

    def _load(self, digest: str) -> Body | None:
        """The body cached under `digest`, or None; an unreadable entry counts as none."""
        content = self.entries.read(digest)
        try:
            return Body(**json.loads(content)) if content is not None else None
        except (ValueError, TypeError):
            return None


def _token(item: Any) -> dict[str, Any]:
    """A contents entry as Python-Markdown's toc extension lists it."""
    return {"level": item.level, "id": item.id, "name": item.title, "children": [_token(child) for child in item.children]}
