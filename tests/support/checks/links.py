"""Links in the built HTML: internal ones must resolve inside the site, external ones be well formed.

MkDocs validates Markdown links only; this reads every built page (generated blog pages, the
404 page and links written in raw HTML included), as a reader's browser would resolve them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import SplitResult, parse_qsl, unquote, urljoin, urlsplit

import lxml.html
from pydantic import HttpUrl, TypeAdapter, ValidationError

from ..site import BuiltSite, parse
from .sources import lines_writing

# Attributes that make a browser fetch or navigate to a URL.
URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "script": ("src",), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "form": ("action",),
}
# Query parameters that track readers rather than identify a page.
TRACKING_PARAMETERS = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
                       "_ga", "_gl", "ref_src", "ref_url", "cmpid", "ocid", "smid", "guccounter"}
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
NON_WEB_SCHEMES = {"mailto", "tel", "data", "javascript"}

_http_url = TypeAdapter(HttpUrl)


@dataclass(frozen=True)
class Link:
    """One URL as written on a built page."""

    page: str
    url: str


def reported(site: BuiltSite, faults: list[tuple[Link, str]]) -> list[str]:
    """Each faulty link as 'page: url: what is wrong', with the source lines that write the URL,
    when the site knows its project and the URL is written there as it is on the page."""
    written = lines_writing((link.url for link, _ in faults), site.project) if site.project and faults else {}
    return [f"{link.page}: {link.url!r}: {what}" + (f" [source: {', '.join(written[link.url])}]" if written.get(link.url) else "")
            for link, what in faults]


def _urls_of(root: lxml.html.HtmlElement) -> list[str]:
    """Every URL in a parsed page that a browser fetches or navigates to."""
    found = []
    for element in root.iter(*URL_ATTRIBUTES):
        for attribute in URL_ATTRIBUTES[element.tag]:
            value = element.get(attribute)
            if value is None:
                continue
            urls = [part.split()[0] for part in value.split(",") if part.strip()] if attribute == "srcset" else [value.strip()]
            found.extend(urls)
    return found


def _ids_of(root: lxml.html.HtmlElement) -> frozenset[str]:
    """Every fragment a parsed page answers to: its ids and named anchors."""
    return frozenset(root.xpath("//@id") + root.xpath("//a/@name"))


@dataclass(frozen=True)
class PageLinks:
    """What the link checks read on one built page: each URL as written and as the page's address
    resolves it, and the fragments the page answers to."""

    urls: list[tuple[str, str]]
    ids: frozenset[str]


def page_url(site: BuiltSite, page: str) -> str:
    """The address a reader's browser shows for a built file."""
    directory_style = page == "index.html" or page.endswith("/index.html")
    return urljoin(site.url, page.removesuffix("index.html") if directory_style else page)


def page_links(site: BuiltSite) -> dict[str, PageLinks]:
    """Every built page's URLs and ids, by its name in the site: each page parsed, and each of its
    URLs resolved, once, for both link checks to share."""
    found = {}
    for page in site.pages():
        root, name = parse(page), site.name(page)
        address = page_url(site, name)
        found[name] = PageLinks([(url, urljoin(address, url)) for url in _urls_of(root)], _ids_of(root))
    return found


def _web_links(site: BuiltSite, pages: dict[str, PageLinks] | None, *, internal: bool) -> Iterator[tuple[Link, SplitResult]]:
    """Each link to a web address inside the site (`internal`) or outside it, with the parts of the
    address it resolves to."""
    own = urlsplit(site.url)
    for name, page in (page_links(site) if pages is None else pages).items():
        for url, absolute in page.urls:
            parts = urlsplit(absolute)
            if parts.scheme in NON_WEB_SCHEMES:
                continue
            if (parts.scheme in ("http", "https") and parts.netloc == own.netloc) == internal:
                yield Link(name, url), parts


def built_file(site: BuiltSite, url: str) -> Path | None:
    """The built file an absolute URL (or URL path) of the site serves, or None if there is none."""
    path = urlsplit(url).path
    prefix = site.path_prefix
    if not path.startswith(prefix):
        return None
    target = site.root / unquote(path[len(prefix):])
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_internal_links(site: BuiltSite, pages: dict[str, PageLinks] | None = None) -> list[str]:
    """Every link, image, script or stylesheet on a built page that does not resolve in the site
    (`pages`: the site's page_links, if read already)."""
    pages = page_links(site) if pages is None else pages
    ids = {site.root / name: page.ids for name, page in pages.items()}
    targets: dict[str, Path | None] = {}  # the file each URL path serves, looked up once
    faults = []
    for link, parts in _web_links(site, pages, internal=True):
        if parts.path not in targets:
            targets[parts.path] = built_file(site, parts.path)
        target = targets[parts.path]
        if target is None:
            where = "outside the site" if not parts.path.startswith(site.path_prefix) else "no such file"
            faults.append((link, f"{where} ({parts.path})"))
        elif parts.fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = _ids_of(parse(target))
            if unquote(parts.fragment) not in ids[target]:
                faults.append((link, f"no element with id {unquote(parts.fragment)!r} on {site.name(target)}"))
    return reported(site, faults)


def external_link_problem(url: str) -> str | None:
    """Why an external URL is not fit to publish, or None when its form is fine."""
    try:
        _http_url.validate_python(url)
    except ValidationError as error:
        return f"not a well-formed http(s) URL ({error.errors()[0]['msg']})"
    parts = urlsplit(url)
    if " " in url or "." not in (parts.hostname or ""):
        return "not a well-formed http(s) URL (space in it or no domain)"
    trackers = sorted(name for name, _ in parse_qsl(parts.query, keep_blank_values=True)
                      if name.lower() in TRACKING_PARAMETERS or name.lower().startswith(TRACKING_PREFIXES))
    if trackers:
        return f"tracking parameter(s) {', '.join(trackers)}; link to the page without them"
    return None


def external_links(site: BuiltSite, pages: dict[str, PageLinks] | None = None) -> Iterator[Link]:
    """Every link on a built page to a web address outside the site, as written."""
    for link, _ in _web_links(site, pages, internal=False):
        yield link


def malformed_external_links(site: BuiltSite, pages: dict[str, PageLinks] | None = None) -> list[str]:
    """Every external URL on a built page that is not fit to publish, each distinct URL judged once
    (`pages`: the site's page_links, if read already)."""
    found = list(external_links(site, pages))
    problems = {url: external_link_problem(url) for url in dict.fromkeys(link.url for link in found)}
    return reported(site, [(link, problem) for link in found if (problem := problems[link.url]) is not None])
