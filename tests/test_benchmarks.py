"""`make bench` and `make screenshots` stay runnable: their generator, readers and writers on
small or fake inputs, without running Lighthouse or building a thousand articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.support.site import ROOT


from benchmarks.lighthouse import CATEGORIES, Measure, measure_of, median_of
from benchmarks.report import Machine, draw_chart, results_markdown
from benchmarks.scaling import MemoryPeak, PageWeight, ScalePoint


def lighthouse_report(performance: float, lcp_ms: float) -> dict:
    """The parts of a Lighthouse JSON report that benchmarks/lighthouse.py reads."""
    scores = {"performance": performance, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
    return {
        "lighthouseVersion": "12.2.3",
        "categories": {name: {"score": scores[name], "auditRefs": [{"id": f"{name}-audit", "weight": 1}]} for name in CATEGORIES},
        "audits": {
            **{f"{name}-audit": {"score": scores[name], "scoreDisplayMode": "binary"} for name in CATEGORIES},
            "largest-contentful-paint": {"numericValue": lcp_ms},
            "total-blocking-time": {"numericValue": 20.0},
            "cumulative-layout-shift": {"numericValue": 0.01},
            "total-byte-weight": {"numericValue": 80_000},
            "network-requests": {"details": {"items": [{}] * 12}},
        },
    }


def test_lighthouse_reports_become_scores_out_of_100_and_medians() -> None:
    runs = [measure_of(lighthouse_report(p, lcp)) for p, lcp in ((0.97, 1800.0), (1.0, 900.0), (0.99, 1000.0))]
    median = median_of(runs)
    assert median.scores == {"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert median.lcp_ms == 1000.0 and median.requests == 12
    assert median.losing_audits == ("performance: performance-audit",)
    with pytest.raises(RuntimeError, match="could not load"):
        measure_of({"runtimeError": {"code": "NO_FCP"}})


HOLD = "import sys, time; held = b'x' * (int(sys.argv[1]) * 2**20); time.sleep(float(sys.argv[2]))"


def test_a_builds_peak_memory_counts_its_processes_together() -> None:
    """As a build runs Pagefind beside MkDocs: a process holding 100 MiB while a process it runs
    holds 150 MiB needs 250 MiB, not the larger of the two."""
    parent = (f"import subprocess, sys; held = b'x' * 100 * 2**20; "
              f"subprocess.run([sys.executable, '-c', {HOLD!r}, '150', '1.5'], check=True)")
    process = subprocess.Popen([sys.executable, "-c", parent])
    with MemoryPeak(process.pid) as memory:
        assert process.wait() == 0
    assert memory.peak_bytes >= 250 * 2**20, f"{memory.peak_bytes / 2**20:.0f} MiB"


def test_results_and_chart_are_written_from_figures(tmp_path: Path) -> None:
    measure = Measure({"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}, 800, 0, 0, 60_000, 10)
    medians = {(page, preset): measure for page in ("home", "article") for preset in ("mobile", "desktop")}
    families = ("article pages", "list pages", "social cards")
    points = [ScalePoint(articles=n, first_build_seconds=3 + n / 40, build_seconds=2 + n / 100, check_seconds=1 + n / 500, make_check_seconds=4 + n / 2000,
                         build_cpu_seconds=2 + n / 100,
                         check_cpu_seconds=1 + n / 400, checks={"front matter": 0.1, "spelling (en_GB)": 0.5},
                         search_first_query_bytes=180_000 + 10 * n, search_second_query_bytes=60_000, article_page=PageWeight(90_000, 12),
                         article_repeat_view=PageWeight(12_000, 1), words_per_article=930, peak_memory_bytes=200 * 1024**2 + n * 50_000,
                         site_bytes={name: 20_000 * n for name in families}, largest_article_page_bytes=30 * 1024,
                         largest_list_page_bytes=40 * 1024, rebuild_cpu_seconds=(n / 100, n / 90))
              for n in (1000, 3000, 10_000)]
    machine = Machine("2026-01-01", 2, "test CPU", "0.10 / 0.10 / 0.10", "3.11.0", "Chromium 1", "v20.0.0", "12.2.3")

    text = results_markdown(machine, medians, points)
    draw_chart(points, tmp_path / "scaling.png")

    assert "| article | mobile | 100 | 100 | 100 | 100 | 0.80 s |" in text
    assert "- home, mobile: 100 in all four categories **met**; LCP ≤ 1.0 s **met** (0.80 s)" in text
    assert "## Scale: 1,000, 3,000 and 10,000 articles" in text
    assert "| 10,000 | 930 | 253.0 s | 102.0 s | 21.0 s | 123.0 s | 9.0 s |" in text
    assert "- `make check` after one edit ≤ 10 s **met** (9.0 s)" in text
    assert "| 10,000 | 600.0 MB | 60.0 kB | 200.0 MB | 200.0 MB | 200.0 MB | 30.0 KB | 40.0 KB | 677 MB |" in text
    assert "- first build and every check ≤ 240 s **not met** (274.0 s: build 253.0 s, checks 21.0 s)" in text
    assert "- a build after adding one article ≤ 180 s **met** (102.0 s)" in text
    assert "- peak memory ≤ 2 GB **met** (677 MB)" in text and "- the site ≤ 500 MB **not met** (600.0 MB)" in text
    assert "the largest article page ≤ 35 KB **met** (30.0 KB); the largest list page ≤ 35 KB **not met** (40.0 KB)" in text
    assert "the article after the home page, cache warm, ≤ 20 KB **met** (11.7 KB)" in text
    assert ("time per article at 10,000 articles at most ×1.15 that at 1,000, the least CPU time of 2 rounds at each, "
            "every article rendered again **met** (×1.00); each round: 1,000 → 3,000 articles: CPU time per article ×1.00, ×1.00") in text
    assert "![" in text and "(scaling.png)" in text
    short = results_markdown(machine, medians, points[:2])
    assert "- not measured at 10,000 articles, where the archive's targets are set" in short
    assert "- time per article at 3,000 articles at most ×1.15 that at 1,000, the least CPU time of 2 rounds at each, every article rendered again **met**" in short
    chart = Image.open(tmp_path / "scaling.png")
    assert chart.size == (1200, 520) and chart.convert("L").getextrema()[0] < 64, "no ink on the chart"


@pytest.mark.parametrize(("target", "runs"), [("bench", "benchmarks.bench"), ("screenshots", "benchmarks.screenshots")])
def test_make_has_the_bench_and_screenshots_commands(target: str, runs: str) -> None:
    result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0 and f"-m {runs}" in result.stdout, result.stdout + result.stderr


def test_lighthouse_is_pinned_to_one_exact_version() -> None:
    package = json.loads((ROOT / "benchmarks" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "benchmarks" / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {"lighthouse": "12.2.3"}
    assert lock["packages"]["node_modules/lighthouse"]["version"] == "12.2.3"
