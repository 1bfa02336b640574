"""Articles as editors write them (front matter) beside the pages readers get."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import lxml.html
import yaml
from mkdocs.config import load_config
from mkdocs.utils.meta import YAML_RE

from .links import page_url
from .site import ROOT, BuiltSite, parse

sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from front_matter import DEFAULT_TYPE, ArticleDates, Correction, as_datetime, last_modified, validation_context  # noqa: E402  (the schema lives with the hook that enforces it)

# The blog's URL format for posts (mkdocs.yml: post_url_format "{date}/{slug}").
ARTICLE_PAGE = re.compile(r"^blog/\d{4}/\d{2}/\d{2}/(?P<slug>[a-z0-9-]+)/index\.html$")


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


def front_matter(path: Path) -> dict[str, Any]:
    match = YAML_RE.match(path.read_text(encoding="utf-8"))
    assert match, f"{path}: no front matter"
    return yaml.safe_load(match.group(1))


def schema_context(project: Path, now: datetime | None) -> dict[str, Any]:
    """What the front matter schema checks against (known desks, allowed categories, now), from
    the project's configuration through the hook's own function, as the build gets it."""
    config = load_config(str(project / "mkdocs.yml"))
    return validation_context(config, now=now)


def articles(site: BuiltSite, project: Path) -> list[Article]:
    """Every published article of `project`, paired with its page in `site`."""
    pages = {match["slug"]: page for page in site.pages() if (match := ARTICLE_PAGE.match(site.name(page)))}
    found = []
    for source in sorted((project / "docs" / "blog" / "posts").rglob("*.md")):
        meta = front_matter(source)
        if meta.get("draft"):
            continue
        name = source.relative_to(project).as_posix()
        assert meta["slug"] in pages, f"{name}: no built page for slug {meta['slug']!r}"
        page = pages[meta["slug"]]
        found.append(Article(name, meta, page, page_url(site, site.name(page))))
    return found


def latest(found: list[Article]) -> Article:
    """The newest of these articles by publication time."""
    assert found, "no article was published"
    return max(found, key=lambda article: article.created)


def json_ld(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    return [json.loads(script) for script in root.xpath("//script[@type='application/ld+json']/text()")]


def meta_content(root: lxml.html.HtmlElement, key: str) -> list[str]:
    """Values of <meta property=key> or <meta name=key>, in page order."""
    return root.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")
