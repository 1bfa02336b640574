"""What `make check` checks: the editor's change, not the whole archive.

The change is every article that differs from a git ref (main as last pushed, unless the editor
names another),
committed or not, and every article it can break: those it links to, and those that link to it or
to an article it removed or renamed (by the file's name or the old address's slug). A copy of the
project holding only those articles, besides every page that is not an article, is built and
checked as the whole site is; the rest of the archive is left to `make test`. A change to anything
but articles (and the word list) can break any page: then the whole site is checked.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from newsroom.front_matter import LOADER
from newsroom.project import CONFIG_FILE, Project

from .checks.spelling import WORD_LIST
from .site import PROJECT_PARTS, ROOT, copy_parts


@dataclass(frozen=True)
class Change:
    """An editor's change since `ref`: the articles added or changed, the addresses and files of
    those removed or renamed away, and why the whole site must be checked, if it must."""

    ref: str
    articles: list[Path]  # relative to the project, as they are now
    gone: list[str]  # file names and slugs no longer at their old place
    whole_site: str | None = None


# What `make check` reads besides what a build reads: its recipe, the tests it runs, the benchmarks
# their modules import, pytest's settings, and what git leaves out of a change (the built site,
# the cache).
CHECK_PARTS = ("Makefile", "pyproject.toml", "tests", "benchmarks", ".gitignore")


def copy_check_parts(project: Path) -> None:
    """Give a copy of the project (tests/support/site.py) what `make check` reads besides."""
    copy_parts(CHECK_PARTS, project)


def git(project: Path, *arguments: str) -> None:
    """Run git in the project, as a copy desk that commits."""
    subprocess.run(["git", "-c", "user.name=Copy desk", "-c", "user.email=desk@example.org", *arguments],
                   cwd=project, check=True, capture_output=True)


def commit_on_main(project: Path, message: str) -> None:
    """Make the project a git checkout of its own, everything in it committed on main."""
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", message)


def make_check(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`make check` in a copy holding CHECK_PARTS, with this interpreter's venv as installed (`-o`
    keeps make from installing it again)."""
    venv = Path(sys.prefix)
    return subprocess.run(["make", "check", f"VENV={venv}", "-o", str(venv / ".installed-requirements"), *options],
                          cwd=project, capture_output=True, text=True, check=False)


# What a change is compared with unless the editor names a ref: main as last pushed, so that
# articles committed but not yet pushed are still the change, else main as it is here.
DEFAULT_REFS = ("origin/main", "main")


def change_since(project: Path, ref: str | None = None) -> Change:
    """The change in `project` since `ref` (DEFAULT_REFS if None), as git sees it (untracked
    articles included)."""
    git = ["git", "-C", str(project)]
    for candidate in [ref] if ref else DEFAULT_REFS:
        known = subprocess.run([*git, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}"], capture_output=True, text=True)
        if known.returncode == 0:
            ref = candidate
            break
    else:
        return Change(ref or DEFAULT_REFS[-1], [], [], f"there is no commit {ref or DEFAULT_REFS[-1]!r} to compare with here")
    posts = Project.load(project).posts_dir.relative_to(project.resolve()).as_posix() + "/"
    listed = subprocess.run([*git, "diff", "--name-status", "--no-renames", ref, "--", "."], capture_output=True, text=True, check=True)
    untracked = subprocess.run([*git, "ls-files", "--others", "--exclude-standard", "--", "."],
                               capture_output=True, text=True, check=True)
    changes = [line.split("\t") for line in listed.stdout.splitlines()] + [["A", path] for path in untracked.stdout.splitlines()]
    articles, gone, others = [], [], []
    for status, path in changes:
        if not (path.startswith(posts) and path.endswith(".md")):
            if path != WORD_LIST.relative_to(ROOT).as_posix():  # a word listed spells the change's pages
                others.append(path)
            continue
        if status != "A":  # what the article was at `ref`: its file and its address's slug
            gone += [Path(path).name, *_slug(subprocess.run([*git, "show", f"{ref}:{path}"], capture_output=True, text=True).stdout)]
        if status != "D":
            articles.append(Path(path))
    if others:
        return Change(ref, [], [], f"{', '.join(sorted(others)[:3])}{' and more' if len(others) > 3 else ''} changed, "
                                   "which any page may show")
    return Change(ref, articles, gone)


def _front_matter(text: str) -> dict:
    """An article's front matter, or nothing if it cannot be read (the front matter check says why)."""
    try:
        meta = yaml.load(text.split("---", 2)[1], LOADER) if text.startswith("---") else None
    except (yaml.YAMLError, IndexError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _slug(text: str) -> list[str]:
    """The slug in an article's front matter, if it has one."""
    slug = _front_matter(text).get("slug")
    return [slug] if isinstance(slug, str) else []


def articles_to_check(project: Path, change: Change) -> set[Path]:
    """The changed articles, those they link to, those linking to them or to what they were or
    naming their slug (which the front matter check then finds used twice), and those the other
    pages need: every article a page that is not an article links to, and one of
    each desk, section and year, so that every desk's and section's page is there (About links
    them) and search offers every section and year, as on every page of the published site."""
    real = Project.load(project)
    every = {path.relative_to(project): path.read_text(encoding="utf-8") for path in sorted(real.posts_dir.rglob("*.md"))}
    pages = [path.read_text(encoding="utf-8") for path in real.docs_dir.rglob("*.md") if not path.is_relative_to(real.posts_dir)]
    changed = {path for path in change.articles if path in every}
    # What links to a changed article or to what it was, and what shares its slug (a slug used twice).
    needles = {path.name for path in changed} | set(change.gone) | {slug for path in changed for slug in _slug(every[path])}
    linking_out = [*pages, *(every[path] for path in changed)]
    linked = {path for path in every if any(path.name in text for text in linking_out)}
    linking = {path for path, text in every.items() if any(needle in text for needle in needles)}
    one_of_each: dict[tuple[str, str], Path] = {}
    for path, text in every.items():
        meta = _front_matter(text)
        created = (meta.get("date") or {}).get("created") if isinstance(meta.get("date"), dict) else None
        for kind, values in (("authors", meta.get("authors") or []), ("categories", meta.get("categories") or []),
                             ("year", [str(created)[:4]] if created else [])):
            for value in values:
                one_of_each.setdefault((kind, str(value)), path)
    return changed | linked | linking | set(one_of_each.values())


def change_project(project: Path, articles: set[Path], destination: Path) -> Path:
    """A copy of `project` in `destination` with every page but only these articles, linked to
    the project's files (and its cache) rather than copied; its configuration is copied, so the
    copy is a project of its own."""
    real = Project.load(project)
    posts = real.posts_dir.relative_to(project.resolve())
    destination.mkdir(parents=True)
    (project / ".cache").mkdir(exist_ok=True)
    (destination / ".cache").symlink_to((project / ".cache").resolve())
    for part in PROJECT_PARTS:
        if part != "docs" and part != CONFIG_FILE:
            (destination / part).symlink_to((project / part).resolve())
    (destination / CONFIG_FILE).write_bytes((project / CONFIG_FILE).read_bytes())
    _link_all_but(project, destination, posts)
    for path in [*(path.relative_to(project) for path in (project / posts).glob(".*")), *articles]:
        (destination / path).parent.mkdir(parents=True, exist_ok=True)
        (destination / path).symlink_to((project / path).resolve())
    return destination


def _link_all_but(project: Path, destination: Path, posts: Path) -> None:
    """Link every file and folder of docs/ into the copy but the posts folder, which is made
    empty, as are the folders between."""
    chain = [*reversed(posts.parents[:-1]), posts]  # docs, docs/blog, docs/blog/posts
    for folder, inner in zip(chain, chain[1:]):
        (destination / folder).mkdir(parents=True, exist_ok=True)
        for entry in (project / folder).iterdir():
            if entry.name != inner.name:
                (destination / folder / entry.name).symlink_to(entry.resolve())
    (destination / posts).mkdir(parents=True, exist_ok=True)
