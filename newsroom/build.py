"""`make build`: MkDocs builds the site; once it has exited, Pagefind indexes the site for search
while the social cards MkDocs left undrawn are drawn beside it: `python -m newsroom.build [options
of mkdocs build]`.

Pagefind holds the whole index in memory while it writes it (1.9 GB at 10,000 articles) and MkDocs
holds the whole site until it exits (1 GB). Indexing after MkDocs has exited keeps the build's peak
to the larger of the two rather than their sum. Pagefind keeps one core busy, and the cards, drawn
only on CPU nothing else wants (newsroom/social_cards.py), take up another.

MkDocs runs in a process of its own and is told, by HANDOVER, the folder to leave its remaining
work in: overrides/hooks/search.py names the site and the articles it published instead of
indexing them, and overrides/hooks/social_cards.py lists the cards it has not drawn instead of
waiting for them. A bare `mkdocs build` and `mkdocs serve` index and draw inside MkDocs.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The environment variable naming the folder MkDocs leaves its remaining work in.
HANDOVER = "NEWSROOM_HANDOVER"
# How this module runs MkDocs, in a process of its own.
_MKDOCS_BUILD = "import sys; from newsroom.build import mkdocs_build; mkdocs_build(sys.argv[1:])"


def handover_folder() -> Path | None:
    """The folder this build leaves its remaining work in, if `make build` runs it; else None."""
    folder = os.environ.get(HANDOVER)
    return Path(folder) if folder else None


def main(argv: list[str] | None = None) -> int:
    options = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory(prefix="newsroom-build-") as folder:
        built = subprocess.run([sys.executable, "-c", _MKDOCS_BUILD, *options],
                               env={**os.environ, HANDOVER: folder}, check=False)
        if built.returncode:
            return built.returncode
        problems = _finish(Path(folder))
    for problem in problems:
        print(f"ERROR   -  {problem}", file=sys.stderr)
    return 1 if problems else 0


def _finish(folder: Path) -> list[str]:
    """Index the site MkDocs built and draw the cards it left, side by side; every problem found."""
    from . import search, social_cards

    start, problems = time.perf_counter(), []
    try:
        cards = social_cards.taken_over(folder)
    except social_cards.CardsError as error:
        cards = []
        problems.append(str(error))
    try:
        site, articles = search.taken_over(folder)
    except search.SearchIndexError as error:
        problems.append(str(error))
        return problems
    workers = social_cards.drawing_thread(cards[0].kept.parent) if cards else None
    try:
        if workers is not None:
            social_cards.draw_all(workers, cards)
        try:
            search.index_site(site, articles=articles)
        except search.SearchIndexError as error:
            problems.append(str(error))
        indexed = time.perf_counter() - start
        social_cards.finish(cards)
    except social_cards.CardsError as error:
        problems.append(str(error))
    finally:
        if workers is not None:
            workers.shutdown(cancel_futures=True)
    if not problems:
        print(f"INFO    -  Search: {articles} published article{'' if articles == 1 else 's'} indexed by Pagefind in "
              f"{indexed:.2f} seconds, and {len(cards)} social card{'' if len(cards) == 1 else 's'} drawn beside it",
              file=sys.stderr)
    return problems


def mkdocs_build(options: list[str]) -> None:
    """In MkDocs' own process: `mkdocs build`. As Python exits it looks for garbage among every
    object once more (16 s at 10,000 articles) for a process about to end: those of the site are
    frozen out of that search."""
    from mkdocs.__main__ import cli

    try:
        cli.main(["build", *options], prog_name="mkdocs")
    finally:
        gc.freeze()


if __name__ == "__main__":
    sys.exit(main())
