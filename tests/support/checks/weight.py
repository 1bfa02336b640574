"""The performance budget, measured as a reader's browser meets the site: page weight and requests,
layout shift, and what a reader's searches fetch. Also used by the benchmark (`make bench`).

Weights are the bytes of each response body as the server sent it, gzip-compressed as GitHub
Pages does (tests.support.browser.serve); response headers are counted apart, since their size is the
host's, not the site's. A KB is 1,024 bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from playwright.sync_api import Browser, Page, Request

from ..browser import DESKTOP, PHONE, open_page
from .search import open_search, search_for

KB = 1024
PAGE_BYTES_BUDGET = 70 * KB
PAGE_REQUESTS_BUDGET = 6
# A second page opened after a first, with the browser's cache warm: what comes over the network.
REPEAT_VIEW_BYTES_BUDGET = 20 * KB
# A reader's first search, its code included: Pagefind's published figure for a 10,000-page site.
SEARCH_FIRST_QUERY_BYTES_BUDGET = 300 * KB

# A phone on a slow mobile network (Lighthouse's "slow 4G"): late content shows as it would.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}

# Images in the article body: the article's own weight, outside the page's budget.
BODY_IMAGES = """() => [...document.querySelectorAll(".md-content article img")].map(image => image.currentSrc)"""

# The layout shifts since the page began to load, after a moment for late content to arrive.
LAYOUT_SHIFTS = """settle => new Promise(resolve => {
  const shifts = [];
  new PerformanceObserver(list => {
    for (const shift of list.getEntries()) {
      if (!shift.hadRecentInput) shifts.push({
        value: shift.value,
        sources: shift.sources.map(source => source.node ? source.node.outerHTML.slice(0, 80) : "(removed)"),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(shifts), settle);
})"""


@dataclass(frozen=True)
class Transfer:
    """One request of a page: what it asked for and the bytes that came back."""

    url: str
    kind: str
    body: int
    headers: int

    def __str__(self) -> str:
        return f"{self.body / KB:6.1f} KB  {self.kind:<10} {self.url}"


def _transfer(request: Request) -> Transfer:
    """What came back for a request: nothing if it failed."""
    response = request.response() if request.failure is None else None
    if response is None:
        return Transfer(request.url, request.resource_type, 0, 0)
    sizes = request.sizes()
    # Chromium reports no body size for a worker's script; its Content-Length is the same bytes.
    body = max(sizes["responseBodySize"], int(response.headers.get("content-length", 0)))
    return Transfer(request.url, request.resource_type, body, sizes["responseHeadersSize"])


@contextmanager
def recorded_requests(page: Page) -> Iterator[list[Request]]:
    """Every request the page's context makes (workers' included), in order, while the block runs."""
    requests: list[Request] = []

    def record(request: Request) -> None:
        requests.append(request)

    page.context.on("request", record)
    try:
        yield requests
    finally:
        page.context.remove_listener("request", record)


def page_weight(browser: Browser, url: str, viewport: dict = PHONE) -> tuple[int, list[Transfer]]:
    """Load `url` in a fresh browser (empty cache) until the network is quiet: the gzipped bytes of
    everything it loaded but images in the article body, and each request (those images included)."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        with recorded_requests(page) as requests:
            open_page(page, url)
            page.wait_for_load_state("networkidle")
            body_images = set(page.evaluate(BODY_IMAGES))
        transfers = [_transfer(request) for request in requests if not request.url.startswith("data:")]
    finally:
        context.close()
    return sum(t.body for t in transfers if t.url not in body_images), transfers


def repeat_view_weight(browser: Browser, first: str, second: str, viewport: dict = PHONE) -> tuple[int, list[Transfer]]:
    """Open `first`, then `second` in the same browser, as a reader goes from one article to the
    next: the bytes of `second` that came over the network, headers included, and each request
    of `second` that was not answered from the browser's cache."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        open_page(page, first)
        page.wait_for_load_state("networkidle")
        with recorded_requests(page) as requests:
            open_page(page, second)
            page.wait_for_load_state("networkidle")
        # Chromium reports a body of minus the headers' size for a response from its cache.
        fetched = [(request, request.sizes()) for request in requests if request.failure is None and request.response()]
        transfers = [Transfer(request.url, request.resource_type, sizes["responseBodySize"], sizes["responseHeadersSize"])
                     for request, sizes in fetched if sizes["responseBodySize"] >= 0]
    finally:
        context.close()
    return sum(t.body + t.headers for t in transfers), transfers


def check_repeat_view_budget(second: str, weight: int, transfers: list[Transfer]) -> None:
    """Fail, listing what came over the network, when a page opened with a warm cache is over budget."""
    listing = "\n".join(map(str, sorted(transfers, key=lambda t: -t.body)))
    assert weight <= REPEAT_VIEW_BYTES_BUDGET, \
        (f"{second} opened with a warm cache transfers {weight / KB:.1f} KB, over the "
         f"{REPEAT_VIEW_BYTES_BUDGET / KB:.0f} KB budget:\n{listing}")


def check_page_budget(weight: int, transfers: list[Transfer]) -> None:
    """Fail, listing every request with its size, when a page is over its bytes or requests budget."""
    problems = []
    if weight > PAGE_BYTES_BUDGET:
        problems.append(f"{weight / KB:.1f} KB, over the {PAGE_BYTES_BUDGET / KB:.0f} KB budget")
    if len(transfers) > PAGE_REQUESTS_BUDGET:
        problems.append(f"{len(transfers)} requests, over the budget of {PAGE_REQUESTS_BUDGET}")
    listing = "\n".join(map(str, sorted(transfers, key=lambda t: -t.body)))
    assert not problems, f"the page weighs {' and makes '.join(problems)}:\n{listing}"


def layout_shifts(browser: Browser, url: str, viewport: dict = PHONE, settle_ms: int = 1000) -> list[dict]:
    """The layout shifts of a page loading over a slow mobile network, up to `settle_ms` after load."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Network.emulateNetworkConditions", SLOW_4G)
        open_page(page, url)
        return page.evaluate(LAYOUT_SHIFTS, settle_ms)
    finally:
        context.close()


def cumulative_layout_shift(shifts: list[dict]) -> float:
    return sum(shift["value"] for shift in shifts)


def search_weight(browser: Browser, url: str, queries: list[str], viewport: dict = DESKTOP) -> list[tuple[int, list[Transfer]]]:
    """Open search on `url` and search for each of `queries` in turn, in one browser: for each, the
    bytes that came over the network (the first search's include opening it) and each request."""
    context = browser.new_context(viewport=viewport)
    weights = []
    try:
        page = context.new_page()
        open_page(page, url)
        page.wait_for_load_state("networkidle")
        for number, words in enumerate(queries):
            with recorded_requests(page) as requests:
                if number == 0:
                    open_search(page)
                search_for(page, words)
                page.wait_for_load_state("networkidle")
            transfers = [_transfer(request) for request in requests]
            weights.append((sum(t.body for t in transfers), transfers))
    finally:
        context.close()
    return weights


def check_search_budget(url: str, weight: int, transfers: list[Transfer]) -> None:
    """Fail, listing what came over the network, when a first search fetches more than its budget."""
    listing = "\n".join(map(str, sorted(transfers, key=lambda t: -t.body)))
    assert weight <= SEARCH_FIRST_QUERY_BYTES_BUDGET, \
        (f"a first search on {url} fetches {weight / KB:.1f} KB, over the "
         f"{SEARCH_FIRST_QUERY_BYTES_BUDGET / KB:.0f} KB budget:\n{listing}")
