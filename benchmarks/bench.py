"""`make bench`: Lighthouse on the home and article pages, then the site at 1,000, 3,000 and
10,000 articles; writes benchmarks/RESULTS.md and benchmarks/scaling.png.

    python -m benchmarks.bench [--runs 3] [--articles 1000 3000 10000] [--rounds 3]

A benchmark, not a test: it reports targets met or not and fails only when it cannot measure.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import tempfile
from contextlib import ExitStack
from dataclasses import replace
from datetime import date
from pathlib import Path

from tests.support.browser import chromium_path

from .lighthouse import lighthouse_medians
from .report import Machine, draw_chart, results_markdown
from .scaling import measure_scale, rebuild_cpu_seconds
from .served import pages, served_site

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
CHART = HERE / "scaling.png"


def _output_of(command: list[str]) -> str:
    """A program's first output line, or 'unknown' when it cannot run."""
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return "unknown"


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _load_average() -> str:
    return " / ".join(f"{load:.2f}" for load in os.getloadavg())


def machine(lighthouse_version: str) -> Machine:
    """Today's date and the facts that make the figures comparable: cores, load, versions."""
    return Machine(
        date=date.today().isoformat(),
        cpus=len(os.sched_getaffinity(0)),
        cpu_model=_cpu_model(),
        load_average=_load_average(),
        python=platform.python_version(),
        chromium=_output_of([chromium_path() or "chromium", "--version"]),
        node=_output_of(["node", "--version"]),
        lighthouse=lighthouse_version,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and preset (default 3)")
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 3000, 10_000], help="article counts to build")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of interleaved rebuilds for time per article (default 3)")
    options = parser.parse_args()

    # Taken first, before this run loads the machine itself.
    facts = machine("")
    measured = pages()
    print(f"Lighthouse: {len(measured)} pages × 2 presets × {options.runs} runs", flush=True)
    with served_site() as url:
        medians, version = lighthouse_medians(url, measured, options.runs)
    with ExitStack() as stack:
        folders = [Path(stack.enter_context(tempfile.TemporaryDirectory(prefix=f"meridian-scale-{count}-")))
                   for count in options.articles]
        points = []
        for count, folder in zip(options.articles, folders, strict=True):
            print(f"Scale: {count:,} articles", flush=True)
            points.append(measure_scale(count, folder))
        rebuilds: list[list[float]] = [[] for _ in points]
        for round_number in range(options.rounds):
            print(f"Interleaved rebuilds, round {round_number + 1} of {options.rounds}", flush=True)
            for cpu_seconds, folder in zip(rebuilds, folders, strict=True):
                cpu_seconds.append(rebuild_cpu_seconds(folder))
        points = [replace(point, rebuild_cpu_seconds=tuple(cpu)) for point, cpu in zip(points, rebuilds, strict=True)]
    # The load from other work on the machine, which slows every figure, at the start and the end.
    facts = replace(facts, lighthouse=version, load_average=f"{facts.load_average} at the start, {_load_average()} at the end")
    RESULTS.write_text(results_markdown(facts, medians, points, CHART.name), encoding="utf-8")
    draw_chart(points, CHART)
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
