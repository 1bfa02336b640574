"""The suite's site checks on one built project, timed: `python -m benchmarks.checks PROJECT SITE`.

Run in a fresh process per build, so each timing pays for its own imports and dictionary, as a
test run does. Prints one JSON object: seconds and problem count per check, and the wall time.
Three at once, as the two cores allow: the link checks (after the front matter) in this process,
the en_GB spelling check in a second, and codespell in a third.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from tests.support.checks.links import broken_internal_links, malformed_external_links, page_links
from tests.support.site import BuiltSite
from tests.support.checks.spelling import codespell, misspellings

from newsroom.front_matter import check_articles
from newsroom.project import Project


def timed(check: Callable[[], list[Any]]) -> dict[str, Any]:
    """Run one check: its seconds, its problem count and the first few problems."""
    start = time.perf_counter()
    problems = check()
    return {"seconds": time.perf_counter() - start, "problems": len(problems), "sample": [str(p) for p in problems[:3]]}


def front_matter_problems(project: Path) -> list[Any]:
    """The schema check the build and the suite run, with the project's desks and categories."""
    site = Project.load(project)
    return check_articles(site.posts_dir, site.schema_context(now=datetime.now(timezone.utc)), relative_to=site.root)


def spelling(project: Path, site: BuiltSite) -> dict[str, Any]:
    return timed(lambda: misspellings(site, project))


def common_misspellings(project: Path, site: BuiltSite) -> dict[str, Any]:
    return timed(lambda: codespell(project / "docs", project / "overrides", site.root))


def run_checks(project: Path, site: BuiltSite) -> dict[str, Any]:
    """Every site check of the suite on one build: front matter, links, spelling, codespell."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as apart:
        codespell_run = apart.submit(common_misspellings, project, site)
        spelling_run = apart.submit(spelling, project, site)
        reading = time.perf_counter()
        pages = page_links(site)  # both link checks read the same pages: each is parsed once
        reading = time.perf_counter() - reading
        results = {
            "front matter": timed(lambda: front_matter_problems(project)),
            "pages read for links": {"seconds": reading, "problems": 0, "sample": []},
            "internal links": timed(lambda: broken_internal_links(site, pages)),
            "external link form": timed(lambda: malformed_external_links(site, pages)),
        }
        results["spelling (en_GB)"] = spelling_run.result()
        results["codespell"] = codespell_run.result()
    return {"checks": results, "wall_seconds": time.perf_counter() - start}


def main(argv: list[str]) -> None:
    project, site_dir = Path(argv[0]), Path(argv[1])
    site_url = argv[2] if len(argv) > 2 else "http://127.0.0.1:8000/"
    print(json.dumps(run_checks(project, BuiltSite(site_dir, site_url, project))))


if __name__ == "__main__":
    main(sys.argv[1:])
