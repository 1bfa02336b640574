"""Build the site as `make build` does, into a folder a test chooses, and read its pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
# What a copy of the project needs in order to build: its configuration, content, templates and
# hooks, and the newsroom package they import, which the copy's build imports from the copy.
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "newsroom")
# The blog's URL format for posts: blog/yyyy/MM/dd/slug/.


@dataclass(frozen=True)
class BuiltSite:
    """A built site: its folder, the URL it was built for and, where known, the project folder it
    was built from, in whose sources checks find the lines an editor fixes."""

    root: Path
    url: str
    project: Path | None = None

    @property
    def path_prefix(self) -> str:
        """The URL path the site lives under: '/' locally, '/<repo>/' on a project site."""
        return urlsplit(self.url).path or "/"

    def pages(self) -> Iterator[Path]:
        yield from sorted(self.root.rglob("*.html"))

    def name(self, page: Path) -> str:
        return page.relative_to(self.root).as_posix()


def build_commands(project: Path, site_dir: Path, site_url: str = LOCAL_SITE_URL) -> tuple[list[list[str]], dict[str, str]]:
    """The commands of a strict production build of `project` into `site_dir`, as `make build` runs
    them (MkDocs, then newsroom/finish.py), and their environment (run them in `project`)."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(project), os.environ.get("PYTHONPATH")]))}
    return ([[sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
              "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
             [sys.executable, "-m", "newsroom.finish", str(site_dir)]], env)


def build(project: Path, site_dir: Path, site_url: str = LOCAL_SITE_URL, **run: object) -> subprocess.CompletedProcess[str]:
    """Run a strict production build of `project` into `site_dir`, step by step until one fails,
    with `run`'s options for subprocess.run; never raises on failure. Its output is every step's."""
    commands, env = build_commands(project, site_dir, site_url)
    stdout = stderr = ""
    for command in commands:
        step = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False, **run)
        stdout, stderr = stdout + step.stdout, stderr + step.stderr
        if step.returncode:
            break
    return subprocess.CompletedProcess(commands, step.returncode, stdout, stderr)


def build_or_fail(project: Path, site_dir: Path, site_url: str = LOCAL_SITE_URL) -> BuiltSite:
    result = build(project, site_dir, site_url)
    if result.returncode != 0:
        raise AssertionError(f"the site does not build:\n{result.stderr}")
    return BuiltSite(site_dir, site_url, project)


def copy_project(destination: Path) -> Path:
    """Copy what the build needs, so a test can plant a fault without touching the real tree."""
    destination.mkdir(parents=True)
    copy_parts(PROJECT_PARTS, destination)
    return destination


def copy_parts(parts: Iterable[str], destination: Path) -> None:
    """Copy these files and folders of the project into `destination`, leaving out what Python and
    npm install or cache there."""
    for part in parts:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "node_modules"))
        else:
            shutil.copy2(source, destination / part)


def parse(page: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(page)).getroot()


def edit_page(page: Path, edit: Callable[[lxml.html.HtmlElement], object]) -> None:
    """Plant a fault in a built page, as a broken template or hook would leave it: change it
    through lxml and write it back."""
    tree = lxml.html.parse(str(page))
    edit(tree.getroot())
    page.write_bytes(lxml.html.tostring(tree, doctype="<!DOCTYPE html>", encoding="utf-8"))
