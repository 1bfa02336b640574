"""Finishes a site MkDocs has built: `python -m newsroom.finish SITE`, from the project's folder,
the second step of `make build`.

1. Pagefind indexes the published articles for search (newsroom/search.py). Pagefind holds the
   whole index in memory while it writes it (1.9 GB at 10,000 articles) and MkDocs holds the whole
   site until it exits (1 GB): run after MkDocs has exited, the build's peak is the larger of the
   two, not their sum.
2. The site's size is checked against GitHub Pages' limit (newsroom/pages_size.py).

What MkDocs knows and the site does not show (how many articles it published, which the index must
hold) it leaves in the site, in MANIFEST (overrides/hooks/finish_site.py), which this step reads and
removes. `mkdocs serve` finishes each build of its own the same way, inside MkDocs; the size check
is for publishing only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from . import pages_size, search

# What MkDocs leaves in the site for this step, which removes it: it is never published.
MANIFEST = ".to-finish.json"


class FinishError(RuntimeError):
    pass


def write_manifest(site: Path, *, articles: int) -> None:
    (site / MANIFEST).write_text(json.dumps({"articles": articles}), encoding="utf-8")


def finish(site: Path) -> str:
    """Index the site MkDocs built into `site` for search; what was done, or FinishError."""
    try:
        manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise FinishError(f"{site} has no {MANIFEST}, which the build leaves (overrides/hooks/finish_site.py): "
                          "is it a site MkDocs built from this project, and not finished already?") from None
    start, articles = time.perf_counter(), manifest["articles"]
    try:
        search.index_site(site, articles=articles)
    except search.SearchIndexError as error:
        raise FinishError(str(error)) from error
    (site / MANIFEST).unlink()
    return (f"Search: {articles} published article{'' if articles == 1 else 's'} indexed by Pagefind "
            f"in {time.perf_counter() - start:.2f} seconds")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    site = parser.parse_args(argv).site
    try:
        print(f"INFO    -  {finish(site)}", file=sys.stderr)
    except FinishError as error:
        print(f"ERROR   -  {error}", file=sys.stderr)
        return 1
    return pages_size.main([str(site)])


if __name__ == "__main__":
    sys.exit(main())
