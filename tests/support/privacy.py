"""Privacy and errors, read in a real browser: what a page asks of other origins than the site's
own, and what it logs to the console, while a reader loads it and searches."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.support.browser import open_page
from tests.support.checks.search import open_search, search_for


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_local(url: str) -> bool:
    """A URL that asks no server: inline data, a blob of the page's own, the blank page."""
    return urlsplit(url).scheme in ("data", "blob", "about")


@dataclass
class Visit:
    """What one page asked the network for, and the errors it reported, while loaded and searched."""

    where: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def visit(context: BrowserContext, url: str, where: str, search_words: str) -> Visit:
    """Load a page in a new tab, then search it as a reader would, recording every request and error.

    The search is part of the visit because its code and index load only when asked for.
    Requests to other origins are recorded and then refused, so no test depends on the network.
    """
    record = Visit(where)
    own = origin(url)
    page = context.new_page()
    page.route(lambda address: not is_local(address) and origin(address) != own, lambda route: route.abort())
    page.on("request", lambda request: record.requests.append((request.resource_type, request.url)))
    page.on("console", lambda message: message.type == "error" and record.errors.append(f"console error: {message.text}"))
    page.on("pageerror", lambda error: record.errors.append(f"uncaught {error.name}: {error.message}"))
    try:
        open_page(page, url)
        open_search(page)
        if not search_for(page, search_words):
            record.errors.append(f"searching for {search_words!r} lists nothing")
    except PlaywrightTimeoutError:
        record.errors.append(f"searching for {search_words!r} lists nothing")
    finally:
        page.close()
    return record


def foreign_requests(record: Visit, own: str) -> list[str]:
    """Requests to any origin but the site's own."""
    return [f"{record.where}: asks {url} ({kind}), another origin than the site's own"
            for kind, url in record.requests if not is_local(url) and origin(url) != origin(own)]


def page_errors(record: Visit) -> list[str]:
    return [f"{record.where}: {error}" for error in record.errors]
