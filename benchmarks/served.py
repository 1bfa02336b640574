"""A production build of the site served as GitHub Pages serves it, for a browser to measure."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.browser import serve
from newsroom.project import Project
from tests.support.site import ROOT, build_or_fail


def pages(project: Path = ROOT) -> dict[str, str]:
    """The pages the benchmarks and screenshots look at, as paths under the site's address: the
    home page and the project's newest article. Read when a run starts, not on import, so that
    a project whose articles have problems still lets the tests that name them run."""
    return {"home": "", "article": Project.load(project).newest_article_path()}


@contextmanager
def served_site(project: Path = ROOT) -> Iterator[str]:
    """Build `project` for the address it is then served at (gzip, like GitHub Pages); yield that address.

    Building for the served address keeps canonical links, feeds and sitemap on the same origin,
    as on the live site.
    """
    with tempfile.TemporaryDirectory(prefix="meridian-bench-") as folder:
        site_dir = Path(folder) / "site"
        site_dir.mkdir()
        with serve(site_dir) as url:
            build_or_fail(project, site_dir, url)
            yield url
