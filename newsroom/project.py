"""The project as its configuration describes it: where articles live, which desks may sign them,
which sections exist, and the site's address. Everything is read from mkdocs.yml and the desks
file it names, so that each fact is said once, there."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_datetime
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

CONFIG_FILE = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    """One copy of the site's sources: its folder and its loaded configuration."""

    root: Path
    config: MkDocsConfig

    @classmethod
    def load(cls, root: Path, **overrides: Any) -> Project:
        """The project in `root`, its configuration loaded as `mkdocs build` loads it."""
        return cls(root.resolve(), load_config(str(root / CONFIG_FILE), **overrides))

    @classmethod
    def of(cls, config: MkDocsConfig) -> Project:
        """The project a running build's configuration belongs to."""
        return cls(Path(config.config_file_path).resolve().parent, config)

    @property
    def _blog(self) -> Any:
        return self.config.plugins["material/blog"].config

    @property
    def docs_dir(self) -> Path:
        return Path(self.config.docs_dir)

    @property
    def posts_dir(self) -> Path:
        """The folder of the articles (the blog plugin's post_dir)."""
        return self.docs_dir / self._blog.post_dir.format(blog=self._blog.blog_dir)

    @property
    def desks_file(self) -> Path:
        """The file of the desks that sign articles (the blog plugin's authors_file)."""
        return self.docs_dir / self._blog.authors_file.format(blog=self._blog.blog_dir)

    @cached_property
    def desks(self) -> dict[str, dict[str, Any]]:
        """Every desk by its key, as the desks file describes it."""
        return yaml.safe_load(self.desks_file.read_text(encoding="utf-8"))["authors"]

    @property
    def categories(self) -> list[str]:
        """The sections an article may be filed in (the blog plugin's categories_allowed)."""
        return list(self._blog.categories_allowed)

    @property
    def blog_dir(self) -> str:
        return self._blog.blog_dir

    def article_path(self, created: datetime, slug: str) -> str:
        """Where the blog plugin builds an article, from the site's root ("blog/2023/02/21/slug/"):
        post_url_format with its date in the article's own time zone, as the plugin formats it."""
        date = self._date(created, self._blog.post_url_date_format)
        return posixpath.join(self.blog_dir, self._blog.post_url_format.format(date=date, slug=slug), "")

    def _date(self, moment: datetime, format: str) -> str:
        return format_datetime(moment, format=format, locale=self.config.theme["language"].replace("-", "_"))

    def list_path(self, kind: str, value: str | datetime) -> str:
        """Where the blog plugin lists the articles of a section ("category"), a desk ("desk") or a
        year ("archive", from an article's date in its own time zone), from the site's root."""
        blog = self._blog
        if kind == "category":
            path = blog.categories_url_format.format(slug=blog.categories_slugify(value, blog.categories_slugify_separator))
        elif kind == "desk":
            path = blog.authors_profiles_url_format.format(slug=self.desks[value].get("slug", value))
        elif kind == "archive":
            path = blog.archive_url_format.format(date=self._date(value, blog.archive_url_date_format))
        else:
            raise ValueError(f"no list of kind {kind!r}")
        return posixpath.join(self.blog_dir, path, "")

    def list_pages(self, site_root: Path, path: str) -> list[Path]:
        """The built pages of a paginated list, first page first."""
        first = site_root / path / "index.html"
        further = sorted(site_root.glob(posixpath.join(path, self._blog.pagination_url_format.format(page="*"), "index.html")),
                         key=lambda page: int(page.parent.name))
        return [first, *further] if first.is_file() else further

    @property
    def latest_count(self) -> int:
        """How many of the latest articles the home page lists (extra.latest_articles)."""
        return self.config.extra["latest_articles"]

    def newest_article_path(self) -> str:
        """Where the newest published article is, from the site's root: the page readers land on most."""
        from .front_matter import as_datetime, read_articles  # the schema reads nothing of the project

        articles = read_articles(self.posts_dir, self.schema_context()).valid.values()
        published = [article for article in articles if not article.draft]
        if not published:
            raise ValueError(f"{self.posts_dir} holds no published article")
        newest = max(published, key=lambda article: as_datetime(article.date.created))
        return self.article_path(as_datetime(newest.date.created), newest.slug)

    def schema_context(self, now: datetime | None = None) -> dict[str, Any]:
        """What the front matter schema checks against: the known desks and sections, and the
        instant that nothing published may be later than (None: no such check)."""
        return {"authors": sorted(self.desks), "categories": self.categories, "now": now}

    def leave_out(self, files: Files, paths: set[Path]) -> Files:
        """The build's files without these articles (paths as `shown` names them)."""
        for path in sorted(paths):
            bad = files.get_file_from_path((self.root / path).relative_to(self.docs_dir).as_posix())
            if bad is not None:
                files.remove(bad)
        return files

    def shown(self, path: Path) -> Path:
        """A file of the project as an editor names it: from the project's folder."""
        try:
            return path.resolve().relative_to(self.root)
        except ValueError:
            return path
