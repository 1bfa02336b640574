"""`make build` stops if the built site would not fit GitHub Pages, which refuses to publish a
site larger than 1 GB, and otherwise says what takes the room: `python -m newsroom.pages_size SITE`
(from the project's folder)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .front_matter import as_datetime, read_articles
from .project import Project
from .social_cards import CARDS_DIR

# GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB."
PAGES_LIMIT_BYTES = 1_000_000_000


def site_bytes(site: Path) -> int:
    """The size of every file of the built site, as Pages counts what is uploaded."""
    return sum(entry.stat().st_size for entry in _files(site))


@dataclass
class Family:
    """Files of one kind in the built site: how many, their bytes, and the largest."""

    files: int = 0
    bytes: int = 0
    largest: tuple[int, str] = (0, "")

    def add(self, name: str, size: int) -> None:
        self.files += 1
        self.bytes += size
        self.largest = max(self.largest, (size, name))


@dataclass
class Breakdown:
    """The built site's bytes by kind of file."""

    families: dict[str, Family] = field(default_factory=dict)

    @property
    def bytes(self) -> int:
        return sum(family.bytes for family in self.families.values())


# The kinds of file, in the order a breakdown lists them.
FAMILIES = ("article pages", "list pages", "other pages", "social cards", "search", "stylesheets and scripts", "other files")


def _family(name: str, article_pages: set[str], blog_dir: str) -> str:
    if name.endswith(".html"):
        if name in article_pages:
            return "article pages"
        return "list pages" if name.startswith(f"{blog_dir}/") else "other pages"
    if name.startswith(f"{CARDS_DIR}/"):
        return "social cards"
    if name.startswith(("search/", "pagefind/")):
        return "search"
    return "stylesheets and scripts" if name.endswith((".css", ".js", ".wasm")) else "other files"


def breakdown(site: Path, project: Project) -> Breakdown:
    """The site's files by kind: each article's page (a draft's too, where the build rendered
    drafts), the blog's list pages (index, years, sections, desks), other pages, cards, search,
    stylesheets and scripts, the rest."""
    articles = read_articles(project.posts_dir, project.schema_context()).valid.values()
    article_pages = {project.article_path(as_datetime(article.date.created), article.slug) + "index.html"
                     for article in articles}
    result = Breakdown({name: Family() for name in FAMILIES})
    for entry in _files(site):
        name = entry.relative_to(site).as_posix()
        result.families[_family(name, article_pages, project.blog_dir)].add(name, entry.stat().st_size)
    return result


def _files(site: Path) -> Iterable[Path]:
    return (entry for entry in site.rglob("*") if entry.is_file())


def size_problem(site: Path, size: int, limit: int = PAGES_LIMIT_BYTES) -> str | None:
    """Why the site cannot be published, if it cannot: its size against the limit."""
    if size <= limit:
        return None
    return (f"{site} is {size / 1e6:,.1f} MB, over GitHub Pages' limit of {limit / 1e6:,.0f} MB for a published site: "
            "it would not be published")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site's folder")
    site = parser.parse_args(argv).site
    if problem := size_problem(site, site_bytes(site)):
        print(f"pages size: {problem}", file=sys.stderr)
        return 1
    # Within the limit: weigh each file once more, by kind, for the report.
    kinds = breakdown(site, Project.load(Path.cwd()))
    print(f"pages size: {site} is {kinds.bytes / 1e6:,.1f} MB of GitHub Pages' {PAGES_LIMIT_BYTES / 1e6:,.0f} MB:")
    for name, family in kinds.families.items():
        print(f"  {name:<24} {family.files:>7,} files {family.bytes / 1e6:>8,.1f} MB  (largest {family.largest[0] / 1024:,.1f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
