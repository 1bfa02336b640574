"""The site at many articles: build and check times, peak memory, size by kind of file, page weights."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.support.browser import DESKTOP, chromium, serve
from tests.support.checks.weight import page_weight as measured_page_weight
from tests.support.checks.weight import repeat_view_weight, search_weight
from newsroom.pages_size import breakdown
from newsroom.rendered import RENDERED_CACHE
from newsroom.project import Project
from tests.support.change import commit_on_main, copy_check_parts, make_check
from tests.support.site import ROOT, build_commands, copy_project
from tests.support.synthetic import article_shape, shape_problems, write_synthetic_articles

from .served import pages

SEED = 20230221
# The article an editor adds to a built site before building it again.
NEXT_ARTICLE_SEED = 20230222
# A reader's first and second searches: words of world news, which many articles hold.
SEARCH_QUERIES = ["sanctions", "ministers"]
# How often a build's memory is read: Pagefind holds its peak for seconds.
MEMORY_SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class PageWeight:
    """What a browser fetched to show one page until the network went quiet, counted as the budget
    test counts it (tests/support/checks/weight.py): gzip-compressed response bodies, and requests."""

    transfer_bytes: int
    requests: int


@dataclass(frozen=True)
class ScalePoint:
    """One site with `articles` generated articles (plus the real one), measured: its first build,
    which draws every social card, and the next build once one more article is added, which
    draws only that article's card (overrides/hooks/social_cards.py keeps the others)."""

    articles: int
    first_build_seconds: float
    build_seconds: float
    check_seconds: float
    # `make check` once an editor has changed one article (tests/support/change.py), wall seconds.
    make_check_seconds: float
    # CPU time (user + system) of the next build's and the checks' processes: unlike wall time,
    # barely moved by other work on the machine.
    build_cpu_seconds: float
    check_cpu_seconds: float
    checks: dict[str, float]
    # What a reader's first search (its code included) and second search fetched, gzip-compressed.
    search_first_query_bytes: int
    search_second_query_bytes: int
    article_page: PageWeight
    # The article page opened after the home page, with the browser's cache warm.
    article_repeat_view: PageWeight
    # The generated articles' mean prose words (tests/support/synthetic.py's SHAPE).
    words_per_article: float
    # The larger of the two builds' peak memory, every process of the build together.
    peak_memory_bytes: int
    # The built site's bytes by kind of file (newsroom/pages_size.py), and its largest article
    # page and list page.
    site_bytes: dict[str, int]
    largest_article_page_bytes: int
    largest_list_page_bytes: int
    # CPU seconds of building the site again, unchanged, in rounds that take every article count
    # in turn, so that the machine's load weighs on each alike.
    rebuild_cpu_seconds: tuple[float, ...] = ()

    @property
    def total_seconds(self) -> float:
        return self.build_seconds + self.check_seconds

    @property
    def first_total_seconds(self) -> float:
        return self.first_build_seconds + self.check_seconds

    @property
    def total_cpu_seconds(self) -> float:
        return self.build_cpu_seconds + self.check_cpu_seconds

    @property
    def total_site_bytes(self) -> int:
        return sum(self.site_bytes.values())


def children_cpu_seconds() -> float:
    """CPU seconds used so far by this process's finished child processes (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def page_weight(url: str) -> PageWeight:
    """Load `url` in Chromium (desktop viewport) and weigh it as the budget test does."""
    with chromium() as browser:
        weight, transfers = measured_page_weight(browser, url, DESKTOP)
    return PageWeight(weight, len(transfers))


def repeat_view(first: str, second: str) -> PageWeight:
    """Open `first`, then `second` with the cache warm, in Chromium (desktop viewport): what
    `second` fetched over the network, as the budget test counts it."""
    with chromium() as browser:
        weight, transfers = repeat_view_weight(browser, first, second, DESKTOP)
    return PageWeight(weight, len(transfers))


def searches(url: str) -> tuple[int, int]:
    """Open search on `url` and search twice (SEARCH_QUERIES) in Chromium (desktop viewport): the
    bytes each search fetched, as the budget test counts them."""
    with chromium() as browser:
        (first, _), (second, _) = search_weight(browser, url, SEARCH_QUERIES, DESKTOP)
    return first, second


@dataclass(frozen=True)
class Build:
    """One build, measured: wall and CPU seconds, and its peak memory: the most that the build's
    processes (MkDocs, its card workers and second rendering process, then Pagefind and the cards left) held resident
    at once, which is what the machine must have."""

    seconds: float
    cpu_seconds: float
    peak_memory_bytes: int


def timed_build(project: Path, site_dir: Path) -> Build:
    """A strict production build, as `make build` runs it (MkDocs, then the finishing step),
    measured; fails loudly. Its peak memory is the larger of the steps', which never run at once."""
    commands, env = build_commands(project, site_dir)
    start, cpu, peak = time.perf_counter(), children_cpu_seconds(), 0
    for command in commands:
        with tempfile.TemporaryFile() as errors:
            process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=errors)
            with MemoryPeak(process.pid) as memory:
                _, status, usage = os.wait4(process.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                errors.seek(0)
                raise RuntimeError(f"the generated site does not build:\n{errors.read().decode()[-4000:]}")
        # The largest single process (Linux counts ru_maxrss in kilobytes) bounds the peak from
        # below, should sampling miss it.
        peak = max(peak, memory.peak_bytes, usage.ru_maxrss * 1024)
    return Build(time.perf_counter() - start, children_cpu_seconds() - cpu, peak)


class MemoryPeak:
    """The most resident memory a process and its descendants held together, read every
    MEMORY_SAMPLE_SECONDS while it runs."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak_bytes = 0
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemoryPeak:
        self._sampler.start()
        return self

    def __exit__(self, *exception: object) -> None:
        self._done.set()
        self._sampler.join()

    def _sample(self) -> None:
        while not self._done.wait(MEMORY_SAMPLE_SECONDS):
            self.peak_bytes = max(self.peak_bytes, resident_bytes(self.process))


def resident_bytes(process: psutil.Process) -> int:
    """What `process` and every process under it hold resident now (0 for any that has ended)."""
    total = 0
    try:
        processes = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for each in processes:
        try:
            total += each.memory_info().rss
        except psutil.Error:
            pass
    return total


def timed_checks(project: Path, site_dir: Path) -> tuple[float, float, dict[str, float]]:
    """Wall and CPU seconds of every site check in a fresh process, and each check's own seconds."""
    start, cpu = time.perf_counter(), children_cpu_seconds()
    result = subprocess.run([sys.executable, "-m", "benchmarks.checks", str(project), str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, cpu = time.perf_counter() - start, children_cpu_seconds() - cpu
    checks = json.loads(result.stdout)["checks"]
    failing = {name: check["sample"] for name, check in checks.items() if check["problems"]}
    if failing:
        raise RuntimeError(f"the generated site fails checks, so the generator is wrong: {failing}")
    return seconds, cpu, {name: check["seconds"] for name, check in checks.items()}


def timed_make_check(project: Path, article: Path) -> float:
    """Wall seconds of `make check` in the built copy, committed on main, once an editor has
    added a sentence to `article`; fails loudly if the check fails."""
    copy_check_parts(project)
    commit_on_main(project, "The archive")
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip("\n") + "\n\nThe ministers are to meet again next month.\n", encoding="utf-8")
    start = time.perf_counter()
    result = make_check(project)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise RuntimeError(f"make check fails after one edit:\n{(result.stdout + result.stderr)[-4000:]}")
    scope = next((line for line in result.stdout.splitlines() if line.startswith("make check:")), "")
    print(f"  make check after one edit: {seconds:.1f} s ({scope})", flush=True)
    return seconds


def corpus_words(paths: list[Path]) -> float:
    """The generated articles' mean words; fails, naming each article and measure, if any falls
    outside the shape of a real report (tests/support/synthetic.py), so that no figure is measured on a
    corpus lighter than the news."""
    shapes = {path: article_shape(path) for path in paths}
    if problems := shape_problems(shapes):
        raise RuntimeError(f"{len(problems)} generated articles are not shaped like reports:\n" + "\n".join(problems[:20]))
    words = [shape["words"] for shape in shapes.values()]
    mean = sum(words) / len(words)
    print(f"  corpus: {len(words):,} articles, {mean:.0f} words per article ({min(words)}–{max(words)})", flush=True)
    return mean


def measure_scale(articles: int, folder: Path, seed: int = SEED) -> ScalePoint:
    """Copy the project into `folder`, add `articles` generated articles and build it; add one more
    article, build it again, check it and weigh it. The copy stays, for rebuild_cpu_seconds."""
    project = copy_project(folder / "project")
    words = corpus_words(write_synthetic_articles(project / "docs", articles, seed))
    site_dir = project / "site"
    first = timed_build(project, site_dir)
    added = write_synthetic_articles(project / "docs", 1, NEXT_ARTICLE_SEED)
    following = timed_build(project, site_dir)
    check_seconds, check_cpu, checks = timed_checks(project, site_dir)
    make_check_seconds = timed_make_check(project, added[0])
    sizes = breakdown(site_dir, Project.load(project)).families
    measured = pages()
    with serve(site_dir) as url:
        weight = page_weight(url + measured["article"])
        repeat = repeat_view(url + measured["home"], url + measured["article"])
        first_search, second_search = searches(url + measured["home"])
    return ScalePoint(articles, first.seconds, following.seconds, check_seconds, make_check_seconds, following.cpu_seconds, check_cpu, checks,
                      first_search, second_search, weight, repeat, words,
                      max(first.peak_memory_bytes, following.peak_memory_bytes),
                      {name: family.bytes for name, family in sizes.items()},
                      sizes["article pages"].largest[0], sizes["list pages"].largest[0])


def rebuild_cpu_seconds(folder: Path) -> float:
    """The CPU seconds of building again, unchanged, the copy measure_scale left in `folder`,
    rendering every article again: the cached bodies are removed first (the cards stay), so that
    what grows with the archive is measured, not what the last build cached."""
    project = folder / "project"
    shutil.rmtree(project / RENDERED_CACHE, ignore_errors=True)
    return timed_build(project, project / "site").cpu_seconds
