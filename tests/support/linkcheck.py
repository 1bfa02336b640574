"""Live check of every external link in the built site: status, redirects and #fragments, cached and allow-listed.

`make linkcheck` runs this module (`python -m tests.support.linkcheck`): it builds the site, checks each external
http(s) URL once (a few at a time, at most `per_host` at once per host), prints a Markdown report naming
the page and line of every bad link, and exits 1 when a link is broken. It needs the internet; the
offline suite checks only the form of these links (tests.support.checks.links), and tests/test_linkcheck.py runs this
against servers on 127.0.0.1. It lives here, beside the offline checks, because it checks what they read:
the site that tests.support.site builds and the external links that tests.support.checks.links finds in it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from itertools import islice
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import lxml.etree
import lxml.html
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import MaxRetryError, NewConnectionError, ReadTimeoutError
from urllib3.util import Retry

from .checks.links import Link, external_links
from .checks.sources import lines_writing
from .site import LOCAL_SITE_URL, ROOT, BuiltSite, build

CACHE_FILE = ROOT / ".cache" / "linkcheck.json"
ALLOW_LIST = ROOT / "linkcheck-allow.txt"
USER_AGENT = "Mozilla/5.0 (compatible; MeridianDispatch-linkcheck/1.0)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# Enough to find an anchor on any article page; a larger body is read no further.
MAX_BODY_BYTES = 5_000_000


class Category(StrEnum):
    """What a link's check means for the editor."""

    OK = "ok"
    MOVED = "moved permanently"
    BROKEN = "broken"
    ALLOWED = "allowed to fail"


@dataclass(frozen=True)
class Settings:
    """How hard and how politely to check."""

    timeout: float = 10.0  # seconds to connect, and between bytes of the answer
    per_host: int = 2  # requests in flight at once to one host
    workers: int = 8  # requests in flight at once in all
    retries: int = 3  # further tries after a 429 or 5xx answer
    backoff: float = 0.5  # seconds; the waits between tries grow 0, 2x, 4x this...
    retry_after_max: int = 60  # ...or follow the server's Retry-After, up to this many seconds
    max_redirects: int = 10
    max_age: timedelta = timedelta(days=7)  # a cached OK result is trusted this long


@dataclass(frozen=True)
class Verdict:
    """The outcome for one URL as written: its category, status or error, and where it ends."""

    category: Category
    detail: str
    checked: datetime
    final_url: str | None = None
    cached: bool = False


@dataclass(frozen=True)
class Fetched:
    """What one GET of a document gave: a status or an error, its last address and, if read, its ids."""

    status: int | None
    detail: str
    final_url: str
    permanent: bool = False
    ids: frozenset[str] | None = None


@dataclass
class Report:
    """Every URL checked, its verdict, the links (by page) that point to it and, for the bad ones,
    the source lines that write it."""

    verdicts: dict[str, Verdict]
    links: dict[str, list[Link]] = field(default_factory=dict)
    sources: dict[str, list[str]] = field(default_factory=dict)

    def urls(self, category: Category) -> list[str]:
        """The URLs in one category, sorted."""
        return sorted(url for url, verdict in self.verdicts.items() if verdict.category is category)

    @property
    def exit_code(self) -> int:
        """1 when any link is broken, else 0."""
        return 1 if self.urls(Category.BROKEN) else 0

    def markdown(self) -> str:
        """The report an editor reads: bad URLs first, each with the pages that link it and the
        source lines that write it."""
        counts = {category: len(self.urls(category)) for category in Category}
        cached = sum(verdict.cached for verdict in self.verdicts.values())
        lines = [f"# Link check: {len(self.verdicts)} external URLs, "
                 f"{sum(map(len, self.links.values()))} links",
                 "",
                 ", ".join(f"{counts[category]} {category}" for category in Category) + f" ({cached} from the cache)."]
        sections = {
            Category.BROKEN: "Broken: fix or remove these links",
            Category.MOVED: "Moved permanently: link to the new address",
            Category.ALLOWED: f"Allowed to fail ({ALLOW_LIST.name}): check these by hand",
        }
        for category, heading in sections.items():
            if urls := self.urls(category):
                lines += ["", f"## {heading}", ""]
                for url in urls:
                    lines.append(f"- {self._describe(url)}")
                    lines += [f"  - {link.page}" for link in self.links.get(url, ())]
                    lines += [f"  - source: {place}" for place in self.sources.get(url, ())]
        if urls := self.urls(Category.OK):
            lines += ["", "## OK", ""] + [f"- {self._describe(url)}" for url in urls]
        return "\n".join(lines) + "\n"

    def _describe(self, url: str) -> str:
        verdict = self.verdicts[url]
        moved = f" → {verdict.final_url}" if verdict.category is Category.MOVED else ""
        return f"{url}{moved}: {verdict.detail}{' (cached)' if verdict.cached else ''}"


def read_allow_list(path: Path) -> frozenset[str]:
    """The host names in an allow-list file: one a line, `#` starts a comment; no file means none."""
    if not path.is_file():
        return frozenset()
    hosts = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        host = line.partition("#")[0].strip().lower()
        if not host:
            continue
        if any(character in host for character in "/: ") or "." not in host:
            raise ValueError(f"{path.name}:{number}: {host!r} is not a host name; write just the host, "
                             "e.g. www.example.org")
        hosts.add(host)
    return frozenset(hosts)


def is_allowed(url: str, hosts: frozenset[str]) -> bool:
    """Whether the URL's host, or a domain it belongs to, is on the allow-list."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == allowed or host.endswith(f".{allowed}") for allowed in hosts)


def load_cache(path: Path, now: datetime, max_age: timedelta) -> dict[str, Verdict]:
    """The cached verdicts still fresh at `now`; a missing or unreadable cache file counts as empty."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        verdicts = {url: Verdict(Category(entry["category"]), entry["detail"],
                                 datetime.fromisoformat(entry["checked"]), entry.get("final_url"), cached=True)
                    for url, entry in entries.items()}
        return {url: verdict for url, verdict in verdicts.items()
                if verdict.category in (Category.OK, Category.MOVED) and now - verdict.checked < max_age}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        print(f"linkcheck: ignoring the unreadable cache {path} ({error!r})", file=sys.stderr)
        return {}


def save_cache(path: Path, verdicts: dict[str, Verdict]) -> None:
    """Keep the OK and moved verdicts, with the time each was checked; failures are always checked again."""
    entries = {url: {**asdict(verdict), "checked": verdict.checked.isoformat()}
               for url, verdict in sorted(verdicts.items()) if verdict.category in (Category.OK, Category.MOVED)}
    for entry in entries.values():
        del entry["cached"]
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)


def session(settings: Settings) -> requests.Session:
    """A session that retries 429 and 5xx answers with exponential backoff, honouring Retry-After."""
    retry = Retry(total=settings.retries, connect=1, read=False, other=0, status=settings.retries,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods={"GET"},
                  backoff_factor=settings.backoff, respect_retry_after_header=True,
                  retry_after_max=settings.retry_after_max, raise_on_status=False)
    checker = requests.Session()
    checker.mount("http://", HTTPAdapter(max_retries=retry))
    checker.mount("https://", HTTPAdapter(max_retries=retry))
    checker.max_redirects = settings.max_redirects
    checker.headers["User-Agent"] = USER_AGENT
    return checker


def fetch(url: str, settings: Settings, read_ids: bool) -> Fetched:
    """GET one document (no fragment), following redirects; read its ids when asked and it is HTML."""
    try:
        with session(settings) as checker, checker.get(url, timeout=settings.timeout, stream=True) as response:
            permanent = any(hop.status_code in (301, 308) for hop in response.history)
            ids = None
            if read_ids and response.ok and response.headers.get("Content-Type", "").lower().startswith(HTML_TYPES):
                ids = page_ids(b"".join(islice(response.iter_content(65536), MAX_BODY_BYTES // 65536)))
            return Fetched(response.status_code, f"{response.status_code} {response.reason}", response.url,
                           permanent, ids)
    except requests.RequestException as error:
        return Fetched(None, describe_error(error, settings), url)
    except Exception as error:  # one odd URL must not stop the check of all the others
        return Fetched(None, f"cannot check: {type(error).__name__}: {error}", url)


def page_ids(body: bytes) -> frozenset[str]:
    """The targets a #fragment can name on an HTML page: every id and every <a name>."""
    try:
        root = lxml.html.document_fromstring(body)
    except lxml.etree.ParserError:  # an empty or whitespace-only page
        return frozenset()
    return frozenset(str(value) for value in root.xpath("//@id | //a/@name"))


def describe_error(error: requests.RequestException, settings: Settings) -> str:
    """A short, plain account of why a request got no answer."""
    if isinstance(error, requests.TooManyRedirects):
        return redirect_problem(error, settings)
    cause = error.args[0] if error.args else None
    if isinstance(cause, MaxRetryError):
        cause = cause.reason
    if isinstance(error, requests.Timeout) or isinstance(cause, ReadTimeoutError):
        return f"timed out: no answer within {settings.timeout:g} s"
    if isinstance(cause, NewConnectionError):
        return f"cannot connect: {str(cause).split(': ', 1)[-1]}"
    if isinstance(error, requests.exceptions.SSLError):
        return f"TLS error: {cause}"
    return f"{type(error).__name__}: {error}"


def redirect_problem(error: requests.TooManyRedirects, settings: Settings) -> str:
    """Name a redirect loop by its addresses, or else say there were too many redirects."""
    last = error.response
    hops = [] if last is None else [*last.history, *([] if last.history and last.history[-1] is last else [last])]
    seen: list[str] = []
    for hop in hops:
        if hop.url in seen:
            return "redirect loop: " + " → ".join([*seen[seen.index(hop.url):], hop.url])
        seen.append(hop.url)
    return f"more than {settings.max_redirects} redirects"


def judge(url: str, fetched: Fetched, allowed: frozenset[str], now: datetime) -> Verdict:
    """The verdict for one URL as written, from the fetch of its document."""
    fragment = urlsplit(url).fragment
    target = unquote(fragment)
    if fetched.status is None or fetched.status >= 400:
        verdict = Verdict(Category.BROKEN, fetched.detail, now)
    elif target and fetched.ids is not None and target not in fetched.ids:
        verdict = Verdict(Category.BROKEN, f"{fetched.detail}, but the page has no element with id {target!r}", now)
    elif fetched.permanent:
        verdict = Verdict(Category.MOVED, fetched.detail, now, fetched.final_url + (f"#{fragment}" if fragment else ""))
    else:
        verdict = Verdict(Category.OK, fetched.detail, now)
    if verdict.category is Category.BROKEN and is_allowed(url, allowed):
        return replace(verdict, category=Category.ALLOWED)
    return verdict


def checkable_fragment(url: str) -> bool:
    """Whether a URL's fragment names an element (not empty, not a text fragment `#:~:text=`)."""
    fragment = urlsplit(url).fragment
    return bool(fragment) and not fragment.startswith(":~:")


def fetch_all(documents: dict[str, bool], settings: Settings) -> dict[str, Fetched]:
    """Fetch each document (URL → whether to read its ids) concurrently, at most `per_host` at once per host."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        by_host[urlsplit(document).netloc.lower()].append(document)
    limits = {host: threading.BoundedSemaphore(settings.per_host) for host in by_host}
    # Take hosts in turn, so that waiting for one busy host does not hold up the others.
    queue = [document for round_ in _rounds(by_host.values()) for document in round_]

    def polite_fetch(document: str) -> Fetched:
        with limits[urlsplit(document).netloc.lower()]:
            return fetch(document, settings, documents[document])

    with ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="linkcheck") as pool:
        return dict(zip(queue, pool.map(polite_fetch, queue)))


def _rounds(groups: Iterable[list[str]]) -> Iterable[list[str]]:
    """The first item of every group, then the second of every group, and so on."""
    groups = list(groups)
    for index in range(max(map(len, groups), default=0)):
        yield [group[index] for group in groups if index < len(group)]


def check_links(links: Iterable[Link], settings: Settings = Settings(), cache_file: Path | None = None,
                allowed: frozenset[str] = frozenset(), project: Path | None = None) -> Report:
    """Check every distinct URL among `links` (fresh cached OK results skip the network) and report,
    with the lines of `project`'s sources that write each bad one."""
    where: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        where[link.url].append(link)
    now = datetime.now(timezone.utc)
    cached = load_cache(cache_file, now, settings.max_age) if cache_file else {}
    verdicts = {url: cached[url] for url in where if url in cached}
    to_check = [url for url in where if url not in verdicts]
    documents: dict[str, bool] = defaultdict(bool)
    for url in to_check:
        documents[_absolute(urldefrag(url).url)] |= checkable_fragment(url)
    if to_check:
        print(f"linkcheck: checking {len(documents)} addresses ({len(verdicts)} URLs fresh in the cache)",
              file=sys.stderr)
    fetched = fetch_all(dict(documents), settings)
    verdicts |= {url: judge(url, fetched[_absolute(urldefrag(url).url)], allowed, now) for url in to_check}
    if cache_file:
        save_cache(cache_file, verdicts)
    bad = {url for url, verdict in verdicts.items() if verdict.category is not Category.OK}
    sources = lines_writing(bad, project) if project and bad else {}
    return Report(verdicts, dict(where), sources)


def _absolute(url: str) -> str:
    """A protocol-relative `//host/path` as the https URL a browser would fetch."""
    return f"https:{url}" if url.startswith("//") else url


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line: everything has a default, so `make linkcheck` passes nothing."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.linkcheck",
                                     description="Check every external link of the built site, live.")
    parser.add_argument("--site-dir", type=Path, help="check this built site instead of building one")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", LOCAL_SITE_URL),
                        help="the address the site is built for (default: $SITE_URL, else %(default)s)")
    parser.add_argument("--cache", type=Path, default=CACHE_FILE, help="results file (default: %(default)s)")
    parser.add_argument("--no-cache", action="store_true", help="check every URL again, and keep no results")
    parser.add_argument("--allow-list", type=Path, default=ALLOW_LIST, help="allow-list (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=Settings.timeout, help="seconds (default: %(default)s)")
    parser.add_argument("--per-host", type=int, default=Settings.per_host, help="default: %(default)s")
    parser.add_argument("--workers", type=int, default=Settings.workers, help="default: %(default)s")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the site (unless given one), check its external links, print the report; 1 if any is broken."""
    options = arguments(argv)
    try:
        allowed = read_allow_list(options.allow_list)
    except ValueError as error:
        print(f"linkcheck: {error}", file=sys.stderr)
        return 2
    settings = Settings(timeout=options.timeout, per_host=options.per_host, workers=options.workers)
    cache_file = None if options.no_cache else options.cache
    with tempfile.TemporaryDirectory(prefix="linkcheck-") as scratch:
        site_dir = options.site_dir
        if site_dir is None:
            site_dir = Path(scratch) / "site"
            result = build(ROOT, site_dir, options.site_url)
            if result.returncode != 0:
                print(f"linkcheck: the site does not build:\n{result.stderr}", file=sys.stderr)
                return 2
        report = check_links(external_links(BuiltSite(site_dir, options.site_url)), settings, cache_file, allowed,
                             ROOT)
    print(report.markdown(), end="")
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
