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
        date = format_datetime(created, format=self._blog.post_url_date_format,
                               locale=self.config.theme["language"].replace("-", "_"))
        return posixpath.join(self.blog_dir, self._blog.post_url_format.format(date=date, slug=slug), "")

    def schema_context(self, now: datetime | None = None) -> dict[str, Any]:
        """What the front matter schema checks against: the known desks and sections, and the
        instant that nothing published may be later than (None: no such check)."""
        return {"authors": sorted(self.desks), "categories": self.categories, "now": now}

    def shown(self, path: Path) -> Path:
        """A file of the project as an editor names it: from the project's folder."""
        try:
            return path.resolve().relative_to(self.root)
        except ValueError:
            return path
