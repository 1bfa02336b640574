"""Articles as editors write them (front matter) beside the pages readers get."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html

from tests.support.checks.links import page_url
from newsroom.front_matter import DEFAULT_TYPE, ArticleDates, Correction, as_datetime, last_modified
from newsroom.front_matter import read as read_front_matter
from newsroom.project import Project
from tests.support.site import BuiltSite, parse


@dataclass(frozen=True)
class Article:
    """One published article: its source file, front matter, built page and address."""

    source: str
    meta: dict[str, Any]
    page: Path
    url: str

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def description(self) -> str:
        return self.meta["description"]

    @property
    def type(self) -> str:
        return self.meta.get("type", DEFAULT_TYPE)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(self.meta["categories"])

    @property
    def created(self) -> datetime:
        return as_datetime(self.meta["date"]["created"])

    @property
    def last_modified(self) -> datetime:
        """`date.updated` or the latest correction, else `date.created`, as the schema works it out."""
        return last_modified(ArticleDates.model_validate(self.meta["date"]), self.corrections)

    @property
    def corrections(self) -> list[Correction]:
        return [Correction.model_validate(item) for item in self.meta.get("corrections") or []]

    def date(self, order: str) -> datetime:
        """The date feeds sort by: `created`, or `updated` (the article's last modification)."""
        return self.created if order == "created" else self.last_modified

    def html(self) -> lxml.html.HtmlElement:
        return parse(self.page)

    def json_ld(self) -> list[dict[str, Any]]:
        return json_ld(self.html())


def _written(project: Path) -> Iterator[tuple[Project, Path, dict[str, Any], str]]:
    """Every article of `project`, drafts included: its source, its front matter and the path of
    its page in a site."""
    config = Project.load(project)
    for source in sorted(config.posts_dir.rglob("*.md")):
        meta = read_front_matter(source).data
        assert meta is not None, f"{source}: no readable front matter"
        yield config, source, meta, config.article_path(as_datetime(meta["date"]["created"]), meta["slug"])


def articles(site: BuiltSite, project: Path) -> list[Article]:
    """Every published article of `project`, paired with its page in `site`: what editors wrote
    beside what readers get."""
    found = []
    for config, source, meta, path in _written(project):
        if meta.get("draft"):
            continue
        name = config.shown(source).as_posix()
        page = site.root / path / "index.html"
        assert page.is_file(), f"{name}: no built page at {path}"
        found.append(Article(name, meta, page, page_url(site, site.name(page))))
    return found


def draft_pages(site: BuiltSite, project: Path) -> set[Path]:
    """The pages of the drafts of `project` that `site` holds: none in a production build, every
    draft's in one with drafts rendered (`make check`, `make serve`)."""
    pages = (site.root / path / "index.html" for _, _, meta, path in _written(project) if meta.get("draft"))
    return {page for page in pages if page.is_file()}


def latest(found: list[Article]) -> Article:
    """The newest of these articles by publication time."""
    assert found, "no article was published"
    return max(found, key=lambda article: article.created)


def json_ld(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    return [json.loads(script) for script in root.xpath("//script[@type='application/ld+json']/text()")]


def meta_content(root: lxml.html.HtmlElement, key: str) -> list[str]:
    """Values of <meta property=key> or <meta name=key>, in page order."""
    return root.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")
