"""`make build` stops if the built site would not fit GitHub Pages, which refuses to publish a
site larger than 1 GB: `python -m newsroom.pages_size SITE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
PAGES_LIMIT_BYTES = 1_000_000_000


def site_bytes(site: Path) -> int:
    """The size of every file of the built site, as Pages counts what is uploaded."""
    return sum(entry.stat().st_size for entry in site.rglob("*") if entry.is_file())


def size_problem(site: Path, limit: int = PAGES_LIMIT_BYTES) -> str | None:
    """Why the site cannot be published, if it cannot: its size against the limit."""
    size = site_bytes(site)
    if size <= limit:
        return None
    return (f"{site} is {size / 1e6:,.1f} MB, over GitHub Pages' limit of {limit / 1e6:,.0f} MB for a published site: "
            "it would not be published")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    site = parser.parse_args(argv).site
    if problem := size_problem(site):
        print(f"pages size: {problem}", file=sys.stderr)
        return 1
    print(f"pages size: {site} is {site_bytes(site) / 1e6:,.1f} MB of GitHub Pages' {PAGES_LIMIT_BYTES / 1e6:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
