"""`make build`: MkDocs builds the site, then Pagefind indexes it for search, one after the other:
`python -m newsroom.build [options of mkdocs build]`.

Pagefind holds the whole index in memory while it writes it (1.9 GB at 10,000 articles) and MkDocs
holds the whole site until it exits (1 GB). Indexing after MkDocs has exited keeps the build's peak
to the larger of the two rather than their sum. The search hook (overrides/hooks/search.py) sees
HANDOVER, names the site and the articles it published instead of indexing them, and this module
indexes them. A bare `mkdocs build` and `mkdocs serve` index inside MkDocs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .search import HANDOVER, SearchIndexError, index_site, taken_over


def main(argv: list[str] | None = None) -> int:
    options = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="newsroom-build-") as folder:
        handover = Path(folder) / "search.json"
        built = subprocess.run([sys.executable, "-m", "mkdocs", "build", *options],
                               env={**os.environ, HANDOVER: str(handover)}, check=False)
        if built.returncode:
            return built.returncode
        start = time.perf_counter()
        try:
            site, articles = taken_over(handover)
            index_site(site, articles=articles)
        except SearchIndexError as error:
            print(f"ERROR   -  {error}", file=sys.stderr)
            return 1
    print(f"INFO    -  Search: {articles} published article{'' if articles == 1 else 's'} indexed by Pagefind "
          f"in {time.perf_counter() - start:.2f} seconds", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
