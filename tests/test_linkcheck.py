"""`make linkcheck`, the live check of external links, run against real HTTP servers on 127.0.0.1 only.

Each test starts its own servers on ephemeral ports and is stopped by pytest-timeout if it hangs.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.linkcheck import Category, Settings, check_links, main, read_allow_list
from tests.support.checks.links import Link

pytestmark = pytest.mark.timeout(10)

# Quick enough for tests, yet every retry, backoff and Retry-After path is taken.
FAST = Settings(timeout=0.5, retries=2, backoff=0.01, retry_after_max=1)
SLOW_ANSWER = 1.5  # seconds: longer than FAST.timeout
PAGE = b'<!doctype html><html><body><h2 id="present">Here</h2><p><a name="named">old anchor</a></p></body></html>'


class Gauge:
    """Counts requests in flight, and the most there were at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.in_flight = self.peak = 0

    def __enter__(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    def __exit__(self, *_: object) -> None:
        with self._lock:
            self.in_flight -= 1


class LocalServer(ThreadingHTTPServer):
    """A server on 127.0.0.1 that records each request's path, time and concurrency."""

    daemon_threads = True

    def __init__(self, gauges: tuple[Gauge, ...]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.gauges = (Gauge(), *gauges)
        self.hits: Counter[str] = Counter()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()

    @property
    def peak(self) -> int:
        return self.gauges[0].peak

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet when a client has given up (the timed-out request)."""


class Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.hits[self.path] += 1
            self.server.times[self.path].append(time.monotonic())
            hit = self.server.hits[self.path]
        self.in_flight = True
        for gauge in self.server.gauges:
            gauge.__enter__()
        try:
            self.answer(hit)
        finally:
            self.leave()

    def leave(self) -> None:
        """Stop counting this request as in flight, before the client can read its answer: the
        client may send its next request as soon as it has, while this thread is still writing."""
        if self.in_flight:
            self.in_flight = False
            for gauge in self.server.gauges:
                gauge.__exit__()

    def answer(self, hit: int) -> None:
        path = self.path
        if path == "/ok":
            self.send(200, body=b"fine")
        elif path == "/moved":
            self.send(301, Location="/ok")
        elif path == "/moved-page":
            self.send(308, Location="/page.html")
        elif path == "/found":
            self.send(302, Location="/ok")
        elif path == "/loop":
            self.send(302, Location="/loop")
        elif path == "/gone":
            self.send(410)
        elif path == "/error":
            self.send(500)
        elif path == "/busy":
            self.send(429, **{"Retry-After": "1"}) if hit == 1 else self.send(200)
        elif path == "/very-busy":
            self.send(429, **{"Retry-After": "3600"}) if hit == 1 else self.send(200)
        elif path == "/slow":
            time.sleep(SLOW_ANSWER)
            self.send(200)
        elif path == "/page.html":
            self.send(200, body=PAGE, **{"Content-Type": "text/html; charset=utf-8"})
        elif path.startswith("/wait/"):
            time.sleep(0.2)
            self.send(200)
        else:
            self.send(404)

    def send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.leave()
        self.send_response(status)
        headers.setdefault("Content-Type", "text/plain")
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # `format`: the base class's name
        """Keep the test output clean."""


@contextmanager
def serving(*gauges: Gauge) -> Iterator[LocalServer]:
    """A LocalServer answering in a thread for the duration of the block."""
    server = LocalServer(gauges)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 must go straight there, whatever proxy the environment names."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as local:
        yield local


def link(url: str, page: str = "blog/post/index.html") -> Link:
    return Link(page, url)


# Path on the local server → the category and the start of the detail the report must give.
ANSWERS = {
    "/ok": (Category.OK, "200 OK"),
    "/found": (Category.OK, "200 OK"),  # a temporary redirect is not worth reporting
    "/moved": (Category.MOVED, "200 OK"),
    "/missing": (Category.BROKEN, "404 Not Found"),
    "/gone": (Category.BROKEN, "410 Gone"),
    "/error": (Category.BROKEN, "500 Internal Server Error"),
    "/slow": (Category.BROKEN, "timed out: no answer within 0.5 s"),
    "/loop": (Category.BROKEN, "redirect loop: "),
    "/page.html#present": (Category.OK, "200 OK"),
    "/page.html#named": (Category.OK, "200 OK"),
    "/page.html#absent": (Category.BROKEN, "200 OK, but the page has no element with id 'absent'"),
}


@pytest.mark.parametrize("path", ANSWERS)
def test_each_answer_is_reported_in_its_category(server: LocalServer, path: str) -> None:
    category, detail = ANSWERS[path]
    verdict = check_links([link(server.url(path))], FAST).verdicts[server.url(path)]
    assert (verdict.category, verdict.detail[:len(detail)]) == (category, detail), verdict


def test_permanent_redirect_is_reported_with_its_final_address_and_fragment(server: LocalServer) -> None:
    report = check_links([link(server.url("/moved")), link(server.url("/moved-page#present"))], FAST)
    assert report.verdicts[server.url("/moved")].final_url == server.url("/ok")
    assert report.verdicts[server.url("/moved-page#present")].final_url == server.url("/page.html#present")
    assert report.exit_code == 0
    assert f"- {server.url('/moved')} → {server.url('/ok')}: 200 OK\n  - blog/post/index.html" in report.markdown()


def test_a_redirect_loop_names_its_address(server: LocalServer) -> None:
    verdict = check_links([link(server.url("/loop"))], FAST).verdicts[server.url("/loop")]
    assert verdict.detail == f"redirect loop: {server.url('/loop')} → {server.url('/loop')}"


def test_429_is_retried_after_the_servers_retry_after(server: LocalServer) -> None:
    assert check_links([link(server.url("/busy"))], FAST).verdicts[server.url("/busy")].category is Category.OK
    first, second = server.times["/busy"]
    assert second - first >= 0.9, "the retry did not wait for Retry-After: 1"


def test_a_long_retry_after_is_capped(server: LocalServer) -> None:
    started = time.monotonic()
    verdict = check_links([link(server.url("/very-busy"))], FAST).verdicts[server.url("/very-busy")]
    assert verdict.category is Category.OK and server.hits["/very-busy"] == 2
    assert time.monotonic() - started < FAST.retry_after_max + 2


def test_a_server_error_is_retried_but_a_missing_page_is_not(server: LocalServer) -> None:
    check_links([link(server.url("/error")), link(server.url("/missing"))], FAST)
    assert server.hits["/error"] == 1 + FAST.retries
    assert server.hits["/missing"] == 1


def test_one_url_linked_with_several_fragments_is_fetched_once(server: LocalServer) -> None:
    report = check_links([link(server.url(f"/page.html#{anchor}")) for anchor in ("present", "named", "absent")], FAST)
    assert server.hits["/page.html"] == 1
    assert report.urls(Category.BROKEN) == [server.url("/page.html#absent")]


def test_at_most_per_host_requests_are_in_flight_at_one_host(server: LocalServer) -> None:
    report = check_links([link(server.url(f"/wait/{n}")) for n in range(6)], Settings(timeout=2, per_host=2, workers=6))
    assert len(report.urls(Category.OK)) == 6
    assert server.peak == 2, f"{server.peak} requests were in flight at once at one host"


def test_at_most_workers_requests_are_in_flight_in_all() -> None:
    everywhere = Gauge()
    with serving(everywhere) as one, serving(everywhere) as two, serving(everywhere) as three:
        links = [link(host.url(f"/wait/{n}")) for host in (one, two, three) for n in range(3)]
        report = check_links(links, Settings(timeout=2, per_host=2, workers=3))
        assert len(report.urls(Category.OK)) == 9
        assert max(one.peak, two.peak, three.peak) <= 2
    assert everywhere.peak == 3, f"{everywhere.peak} requests were in flight at once in all"


def test_a_fresh_ok_result_comes_from_the_cache(server: LocalServer, tmp_path: Path) -> None:
    cache = tmp_path / ".cache" / "linkcheck.json"
    check_links([link(server.url("/ok"))], FAST, cache)
    verdict = check_links([link(server.url("/ok"))], FAST, cache).verdicts[server.url("/ok")]
    assert server.hits["/ok"] == 1, "the second run asked the server again"
    assert verdict.category is Category.OK and verdict.cached


def test_an_expired_result_is_checked_again(server: LocalServer, tmp_path: Path) -> None:
    cache = tmp_path / "linkcheck.json"
    check_links([link(server.url("/ok"))], FAST, cache)
    entries = json.loads(cache.read_text(encoding="utf-8"))
    checked = datetime.fromisoformat(entries[server.url("/ok")]["checked"])
    entries[server.url("/ok")]["checked"] = (checked - FAST.max_age - timedelta(minutes=1)).isoformat()
    cache.write_text(json.dumps(entries), encoding="utf-8")
    verdict = check_links([link(server.url("/ok"))], FAST, cache).verdicts[server.url("/ok")]
    assert server.hits["/ok"] == 2 and not verdict.cached


def test_a_failed_result_is_always_checked_again(server: LocalServer, tmp_path: Path) -> None:
    cache = tmp_path / "linkcheck.json"
    for _ in range(2):
        check_links([link(server.url("/missing"))], FAST, cache)
    assert server.hits["/missing"] == 2
    assert server.url("/missing") not in json.loads(cache.read_text(encoding="utf-8"))


def test_an_unreadable_cache_is_ignored(server: LocalServer, tmp_path: Path) -> None:
    cache = tmp_path / "linkcheck.json"
    cache.write_text("{not json", encoding="utf-8")
    assert check_links([link(server.url("/ok"))], FAST, cache).exit_code == 0
    assert server.url("/ok") in json.loads(cache.read_text(encoding="utf-8"))


def test_an_allow_listed_host_is_reported_but_does_not_fail_the_run(server: LocalServer) -> None:
    report = check_links([link(server.url("/missing")), link(server.url("/ok"))], FAST, allowed=frozenset({"127.0.0.1"}))
    assert report.verdicts[server.url("/missing")].category is Category.ALLOWED
    assert report.exit_code == 0
    assert f"## Allowed to fail (linkcheck-allow.txt): check these by hand\n\n- {server.url('/missing')}: 404 Not Found" \
        in report.markdown()


def test_the_allow_list_reads_hosts_and_skips_comments(tmp_path: Path) -> None:
    allow_list = tmp_path / "allow.txt"
    allow_list.write_text("# refuses bots\nkremlin.ru  # geo-blocked\n\nWWW.Example.org\n", encoding="utf-8")
    assert read_allow_list(allow_list) == {"kremlin.ru", "www.example.org"}


def test_an_allow_list_entry_that_is_not_a_host_is_named_with_its_line(tmp_path: Path) -> None:
    allow_list = tmp_path / "allow.txt"
    allow_list.write_text("# hosts\nhttps://www.example.org/\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"allow.txt:2: 'https://www.example.org/' is not a host name"):
        read_allow_list(allow_list)


def test_the_report_names_the_pages_and_source_lines_of_each_bad_link(server: LocalServer, tmp_path: Path) -> None:
    missing = server.url("/missing")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "talks.md").write_text(f"# Talks\n\nSee [the record]({missing}).\n", encoding="utf-8")
    report = check_links([link(missing, "index.html"), link(server.url("/ok"), "about/index.html"),
                          link(missing, "blog/2023/02/21/talks/index.html")], FAST, project=tmp_path)
    assert report.exit_code == 1
    assert (f"## Broken: fix or remove these links\n\n- {missing}: 404 Not Found\n"
            "  - index.html\n  - blog/2023/02/21/talks/index.html\n  - source: docs/talks.md:3\n") in report.markdown()


@pytest.mark.parametrize(("allow_list", "exit_code"), [("", 1), ("127.0.0.1\n", 0)], ids=["broken", "allowed"])
def test_the_command_checks_a_built_site_prints_the_report_and_sets_the_exit_code(
        server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str], allow_list: str, exit_code: int) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<!doctype html>\n<html><body>\n<a href="/about/">About</a>\n<a href="{server.url("/ok")}">fine</a>\n'
        f'<a href="{server.url("/missing")}">gone</a>\n</body></html>\n', encoding="utf-8")
    (tmp_path / "allow.txt").write_text(allow_list, encoding="utf-8")
    arguments = ["--site-dir", str(site), "--site-url", "http://127.0.0.1:8000/", "--timeout", "2",
                 "--cache", str(tmp_path / "cache.json"), "--allow-list", str(tmp_path / "allow.txt")]
    assert main(arguments) == exit_code
    report = capsys.readouterr().out
    assert f"- {server.url('/missing')}: 404 Not Found\n  - index.html\n" in report, report
    assert set(server.hits) == {"/ok", "/missing"}, "an internal link was fetched, or an external one was not"
