"""Lighthouse (benchmarks/package.json, installed by `npm ci`) on the served site: medians of runs."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.browser import CHROMIUM_FLAGS, chromium_path

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
# Lighthouse's own default is mobile (a mid-range phone on slow 4G, simulated); desktop is a preset.
PRESET_FLAGS = {"mobile": [], "desktop": ["--preset=desktop"]}


@dataclass(frozen=True)
class Measure:
    """What one Lighthouse run says of one page: category scores out of 100 and the page's cost."""

    scores: dict[str, float]
    lcp_ms: float
    tbt_ms: float
    cls: float
    transfer_bytes: float
    requests: float
    # The weighted audits that cost points, as "category: audit-id".
    losing_audits: tuple[str, ...] = ()


def measure_of(report: dict[str, Any]) -> Measure:
    """The figures we keep from a Lighthouse JSON report (an LHR)."""
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load the page: {report['runtimeError']}")
    audits = report["audits"]
    return Measure(
        scores={name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        transfer_bytes=audits["total-byte-weight"]["numericValue"],
        requests=len(audits["network-requests"]["details"]["items"]),
        losing_audits=losing_audits(report),
    )


def losing_audits(report: dict[str, Any]) -> tuple[str, ...]:
    """Each weighted audit of the four categories that scored below full marks."""
    return tuple(f"{name}: {ref['id']}" for name in CATEGORIES for ref in report["categories"][name]["auditRefs"]
                 if ref["weight"] > 0 and (report["audits"][ref["id"]]["score"] or 0) < 1
                 and report["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric", "metricSavings"))


def median_of(measures: list[Measure]) -> Measure:
    """Each figure's median over runs (figure by figure, as Lighthouse's own guidance does)."""
    return Measure(
        scores={name: statistics.median(m.scores[name] for m in measures) for name in CATEGORIES},
        lcp_ms=statistics.median(m.lcp_ms for m in measures),
        tbt_ms=statistics.median(m.tbt_ms for m in measures),
        cls=statistics.median(m.cls for m in measures),
        transfer_bytes=statistics.median(m.transfer_bytes for m in measures),
        requests=statistics.median(m.requests for m in measures),
        losing_audits=tuple(sorted({audit for m in measures for audit in m.losing_audits})),
    )


def run_lighthouse(url: str, preset: str) -> dict[str, Any]:
    """One Lighthouse run on one URL with Debian's Chromium (CHROME_PATH) and the test suite's flags."""
    browser = chromium_path()
    if browser is None or not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse needs Chromium (see README) and `npm ci` in benchmarks/ (`make bench` does it)")
    with tempfile.TemporaryDirectory(prefix="meridian-lighthouse-") as folder:
        output = Path(folder) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
             *PRESET_FLAGS[preset]],
            env={**os.environ, "CHROME_PATH": browser}, check=True, capture_output=True, text=True,
        )
        return json.loads(output.read_text(encoding="utf-8"))


def lighthouse_medians(base_url: str, pages: dict[str, str], runs: int) -> tuple[dict[tuple[str, str], Measure], str]:
    """The median Measure of `runs` runs for each (page, preset), and Lighthouse's version."""
    medians, version = {}, ""
    for page, path in pages.items():
        for preset in PRESETS:
            reports = [run_lighthouse(base_url + path, preset) for _ in range(runs)]
            version = reports[0]["lighthouseVersion"]
            medians[page, preset] = median_of([measure_of(report) for report in reports])
    return medians, version
