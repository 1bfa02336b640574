"""Full-text search of the published articles, by Pagefind, which indexes the built site.

Each article page marks what is searchable (overrides/article.html): its headline, standfirst,
body and Sources (`data-pagefind-body`), what a result shows (`data-pagefind-meta`), the sections
and year a reader can narrow it to (`data-pagefind-filter`) and its date, to list the newest first
(`data-pagefind-sort`). Pagefind leaves out every page without that mark, so lists, About and the
home page are not indexed, and a draft carries no mark. Readers' browsers fetch only the parts of
the index their words need (overrides/partials/site-search.html).

Since it reads built HTML, search does not depend on Material's and would survive a change of
site generator.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from pagefind import service

# Where in the site the index and Pagefind's own script go.
OUTPUT = "pagefind"
# The attribute that marks an article's searchable text.
BODY = "data-pagefind-body"
# Pagefind's ready-made interfaces, which the site does not use (it has its own dialog).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def index_site(site: Path, *, articles: int) -> Path:
    """Index the `articles` published in the built `site` into site/pagefind/, and return that folder.

    With no article published there is nothing to index, and no index: Pagefind would otherwise
    index every page whole.
    """
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    if not articles:
        return output
    program = service.get_executable()  # as `python -m pagefind` finds it
    if program is None:
        version = metadata.version("pagefind")
        raise SearchIndexError(f"Pagefind's program is not installed. Its wheel leaves out some machines (Intel Macs, "
                               f"Windows on ARM); there, install it with npm: npm install --global pagefind@{version}")
    run = subprocess.run([str(program), "--site", str(site), "--output-subdir", OUTPUT], capture_output=True, text=True)
    if run.returncode:
        raise SearchIndexError(f"Pagefind could not index {site}:\n{run.stdout}{run.stderr}")
    indexed = indexed_pages(run.stdout)
    if indexed != articles:
        raise SearchIndexError(f"Pagefind indexed {indexed} pages of {site}, not its {articles} published "
                               f"articles: does every article page carry {BODY}? (overrides/article.html)\n{run.stdout}")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return output


def indexed_pages(report: str) -> int:
    """How many pages Pagefind's report says it indexed ("Indexed 1,000 pages")."""
    counts = [line.split()[1] for line in report.splitlines()
              if line.strip().startswith("Indexed ") and line.strip().endswith(("page", "pages"))]
    return int(counts[-1].replace(",", "")) if counts else 0


def searchable(page: object) -> bool:
    """Whether a page is a published article, which search indexes: a blog post, not a draft."""
    from material.plugins.blog.structure import Post

    return isinstance(page, Post) and page.config.draft is not True


@dataclass(frozen=True)
class Choices:
    """What a reader can narrow search to: the sections and years of the published articles
    (the values of their `section` and `year` filters), newest year first."""

    sections: list[str]
    years: list[int]


def choices(posts: Iterable[Any]) -> Choices:
    published = [post for post in posts if searchable(post)]
    return Choices(sections=sorted({section for post in published for section in post.meta.get("categories", [])}),
                   years=sorted({post.config.date.created.year for post in published}, reverse=True))
