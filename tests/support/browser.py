"""A real browser for the tests: Chromium driven by Playwright, reading the built site over HTTP.

The browser is Debian's `chromium`, another Chromium or Chrome on the PATH, or the one the
CHROMIUM environment variable names; without one the browser tests fail under CI=true
(`.ci/run` installs Debian's) and are skipped elsewhere.
"""

from __future__ import annotations

import functools
import gzip
import io
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Headless, and quiet: no background requests of the browser's own to muddy what pages load.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# Material's script loads after the first paint (newsroom/page_html.py); search, the
# palette toggle and tooltips work once it has started, which its `document$` (the hook Material
# documents for extra JavaScript) tells.
MATERIAL_STARTED = "() => typeof window.document$ !== 'undefined'"


# No transition or animation still running (reduced motion does not stop every one).
SETTLED = "() => document.getAnimations().every(animation => animation.playState !== 'running')"


def open_page(page: Page, url: str) -> None:
    """Load `url` as a reader gets it: the page, then Material's script, started."""
    page.goto(url)
    page.wait_for_function(MATERIAL_STARTED)


def screenshot(browser: Browser, url: str, viewport: dict, scheme: str, path: Path) -> None:
    """A full-page PNG of `url` as a reader sees it, in `scheme` (light or dark), once Material has
    started and everything the page loads has arrived."""
    # Reduced motion, which Material honours, and a moment's wait: a colour still fading in after
    # the palette is applied would differ from one shot to the next.
    context = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    try:
        page = context.new_page()
        open_page(page, url)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(SETTLED)
        page.wait_for_timeout(300)
        page.screenshot(path=str(path), full_page=True)
    finally:
        context.close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium, the one chromium_path() finds, closed when the block ends (the tests'
    `browser` fixture launches its own, to skip or fail when there is none)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def chromium_path() -> str | None:
    """The browser to drive: $CHROMIUM, else the first Chromium or Chrome on the PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


# What GitHub Pages compresses: text, not images or fonts that are compressed already.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "application/rss+xml", "application/feed+json", "image/svg+xml")


# GitHub Pages lets browsers keep every file for ten minutes.
CACHE_CONTROL = "max-age=600"


class _PagesLikeHandler(SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: over connections kept open, text gzip-compressed when the
    browser accepts it, and each file cacheable for ten minutes."""

    protocol_version = "HTTP/1.1"
    # The path the site is served under, as on a GitHub Pages project site ("/repo/").
    under = "/"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml"}

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.under):
            return str(Path(self.directory) / ".outside-the-site")  # no such file: 404
        return super().translate_path("/" + path.removeprefix(self.under))

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        # Anything else (a folder without its slash, a missing file, an image) as http.server does.
        if not (path.is_file() and wants_gzip and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", CACHE_CONTROL)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path, under: str = "/") -> Iterator[str]:
    """Serve a built site on 127.0.0.1 at an ephemeral port, gzip-compressed like GitHub Pages,
    under the path `under` ("/repo/" for a project site); yield its base URL."""
    handler = type("Handler", (_PagesLikeHandler,), {"under": under})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{under}"
    finally:
        server.shutdown()
        server.server_close()
