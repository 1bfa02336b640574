"""Fixtures: the site built once per session, and disposable copies of the project to break."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest
import yaml
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.support.browser import CHROMIUM_FLAGS, chromium_path, serve
from tests.support.change import articles_to_check, change_project, change_since
from tests.support.articles import Article, articles, draft_pages, latest
from tests.support.html_checker import JAR as HTML_CHECKER_JAR
from newsroom.project import Project
from tests.support.site import LOCAL_SITE_URL, ROOT, BuiltSite, build, build_or_fail, copy_project
from tests.support.synthetic import write_synthetic_articles


# Articles of the tests' own, to plant in copies of the project: tests/fixtures/posts/.
FIXTURE_POSTS = Path(__file__).parent / "fixtures" / "posts"
FIXTURE_DESKS = Path(__file__).parent / "fixtures" / "desks.yml"
# The one planted faults go into, in a copy, and where the blog builds it: its address and its file.
FIXTURE = Path("docs/blog/posts/2024-05-06-geneva-arms-talks.md")
FIXTURE_URL = "blog/2024/05/06/geneva-arms-talks-analysis/"
FIXTURE_PAGE = FIXTURE_URL + "index.html"


@dataclass(frozen=True)
class Scope:
    """What the checks of the real site read: the whole project or, under `make check`
    (`--change REF`), the articles of the editor's change and those it can break
    (tests/support/change.py); and what is left to `make test`."""

    articles: set[Path] | None  # None: the whole site
    note: str


SCOPE = pytest.StashKey[Scope]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--change", metavar="REF", help="check the real site's articles that differ from the git ref REF "
                     "(empty: main as last pushed), and those they can break, not the whole archive (`make check`)")


def pytest_configure(config: pytest.Config) -> None:
    ref = config.getoption("--change")
    if ref is None:
        config.stash[SCOPE] = Scope(None, "")
        return
    change = change_since(ROOT, ref or None)
    if change.whole_site:
        config.stash[SCOPE] = Scope(None, f"make check: {change.whole_site}: the whole site is checked")
        return
    chosen = articles_to_check(ROOT, change)
    total = sum(1 for _ in Project.load(ROOT).posts_dir.rglob("*.md"))
    config.stash[SCOPE] = Scope(chosen, (
        f"make check: {len(change.articles):,} article{'' if len(change.articles) == 1 else 's'} changed since {change.ref} "
        f"and {len(chosen) - len(change.articles):,} linked to or from them checked; front matter, spelling, links and "
        f"lists of the other {total - len(chosen):,} are left to `make test`"))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if note := config.stash[SCOPE].note:
        terminalreporter.write_line(note)


@pytest.fixture(scope="session")
def real_project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project the real site's checks build: the real one or, under `make check`, a copy with
    only the articles of the change (tests/support/change.py)."""
    articles_checked = request.config.stash[SCOPE].articles
    if articles_checked is None:
        return ROOT
    return change_project(ROOT, articles_checked, tmp_path_factory.mktemp("change") / "project")


@pytest.fixture(scope="session")
def site(real_project: Path, tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site exactly as `make build` makes it, built once for the whole session."""
    return build_or_fail(real_project, tmp_path_factory.mktemp("site"))


@dataclass
class ProjectCopy:
    """A throwaway copy of the project in which a test plants one fault."""

    root: Path

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def article(self) -> Path:
        """The fixture article faults are planted in, added to the copy on first use."""
        path = self.root / FIXTURE
        if not path.exists():
            self.add_fixture(FIXTURE.name)
        return path

    def replace(self, path: Path, old: str, new: str) -> None:
        """Swap the first `old` for `new` in a file of the copy; `old` must be there."""
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path.name}: the planted fault would plant nothing"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def plant(self, old: str, new: str) -> None:
        """Swap `old` for `new` in the fixture article (added to the copy first)."""
        self.replace(self.article, old, new)

    def add_fixture(self, name: str) -> Path:
        """Copy the fixture article `name` (from tests/fixtures/posts/) into the copy's articles,
        and the fixtures' desks (tests/fixtures/desks.yml) into its desks file."""
        project = Project.load(self.root)
        desks = yaml.safe_load(project.desks_file.read_text(encoding="utf-8"))
        fixture_desks = yaml.safe_load(FIXTURE_DESKS.read_text(encoding="utf-8"))
        if not fixture_desks.keys() <= desks["authors"].keys():
            desks["authors"].update(fixture_desks)
            project.desks_file.write_text(yaml.safe_dump(desks, allow_unicode=True, sort_keys=False), encoding="utf-8")
        path = project.posts_dir / name
        path.write_text((FIXTURE_POSTS / name).read_text(encoding="utf-8"), encoding="utf-8")
        return path

    def add_fixtures(self) -> list[Path]:
        """Every fixture article, and the fixtures' desks."""
        return [self.add_fixture(path.name) for path in sorted(FIXTURE_POSTS.glob("*.md"))]

    def build(self, site_url: str | None = None):
        return build(self.root, self.root / "site", *([site_url] if site_url else []))

    def built(self) -> BuiltSite:
        return build_or_fail(self.root, self.root / "site")

    @property
    def site(self) -> BuiltSite:
        """What the last build of the copy wrote."""
        return BuiltSite(self.root / "site", LOCAL_SITE_URL, self.root)


@pytest.fixture
def project(tmp_path: Path) -> ProjectCopy:
    return ProjectCopy(copy_project(tmp_path / "project"))


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> ProjectCopy:
    """A copy of the project with every fixture article added, built once into its `site` folder:
    for tests that tamper with what the build wrote."""
    copy = ProjectCopy(copy_project(tmp_path_factory.mktemp("fixtures") / "project"))
    copy.add_fixtures()
    copy.built()
    return copy


@pytest.fixture(scope="session")
def article_url(site: BuiltSite, real_project: Path) -> str:
    """The newest published article's address in the site, as a path from its root: the page a
    reader lands on most."""
    return latest(articles(site, real_project)).url.removeprefix(site.url)


# How many generated articles the archive holds, beside the project's own; and the proof copy.
ARCHIVE_ARTICLES = 1000
GENERATED_ARTICLES = 50


@pytest.fixture(scope="session")
def generated_project(tmp_path_factory: pytest.TempPathFactory) -> ProjectCopy:
    """A copy of the project with 50 generated articles (tests.support.synthetic), built once."""
    copy = ProjectCopy(copy_project(tmp_path_factory.mktemp("generated") / "project"))
    write_synthetic_articles(copy.docs, GENERATED_ARTICLES, seed=5)
    copy.built()
    return copy


@dataclass(frozen=True)
class SiteUnderTest:
    """A built site and the project it was built from, whose articles the checks derive from."""

    site: BuiltSite
    project: Path

    @functools.cached_property
    def articles(self) -> list[Article]:
        return articles(self.site, self.project)

    @functools.cached_property
    def config(self) -> Project:
        return Project.load(self.project)

    @functools.cached_property
    def draft_pages(self) -> set[Path]:
        """The drafts' pages, where this build rendered drafts (`make check`)."""
        return draft_pages(self.site, self.project)

    def browsed_pages(self) -> dict[str, str]:
        """The pages the browser checks read, by name, with the path a browser asks for: one of
        each kind a reader lands on (the home page, the newest article of each type, each kind
        of list, About, Corrections and the not-found page), so that they take as long with ten
        thousand articles as with one."""
        newest_first = sorted(self.articles, key=lambda article: article.created, reverse=True)
        newest_of_type = {}
        for article in newest_first:
            newest_of_type.setdefault(article.type, article)
        paths = ["", *(article.url.removeprefix(self.site.url) for article in newest_of_type.values()),
                 "about/", "corrections/", self.config.blog_dir + "/"]
        if newest_first:
            newest = newest_first[0]
            paths += [self.config.list_path("category", newest.categories[0]),
                      self.config.list_path("desk", newest.meta["authors"][0]),
                      self.config.list_path("archive", newest.created)]
        names = {path + "index.html": path for path in dict.fromkeys(paths)}
        return {**names, "404.html": "404.html"}


# The sites every rule-based check runs on: the real one (also in `make check`), one with the
# fixture articles (other sections, a second desk, several years and time zones, a draft), and
# one with 50 generated articles. The rules hold for any valid set of articles.
SITES_UNDER_TEST = [pytest.param("the real site", marks=pytest.mark.editorial), "fixture articles", "generated articles"]


@pytest.fixture(scope="session")
def real_site(site: BuiltSite, real_project: Path) -> SiteUnderTest:
    return SiteUnderTest(site, real_project)


@pytest.fixture(scope="session", params=SITES_UNDER_TEST[1:])
def proof_site(request: pytest.FixtureRequest) -> SiteUnderTest:
    """The two copies only: for the slowest browser checks, which read the real site more ways."""
    copy = request.getfixturevalue("fixture_project" if request.param == "fixture articles" else "generated_project")
    return SiteUnderTest(copy.site, copy.root)


@pytest.fixture(scope="session", params=SITES_UNDER_TEST)
def every_site(request: pytest.FixtureRequest) -> SiteUnderTest:
    if request.param == "the real site":
        return SiteUnderTest(request.getfixturevalue("site"), request.getfixturevalue("real_project"))
    copy = request.getfixturevalue("fixture_project" if request.param == "fixture articles" else "generated_project")
    return SiteUnderTest(copy.site, copy.root)


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuiltSite]:
    """The project with 1,000 more articles (tests.support.synthetic), built once."""
    project = copy_project(tmp_path_factory.mktemp("archive") / "project")
    write_synthetic_articles(project / "docs", ARCHIVE_ARTICLES, seed=1)
    return project, build_or_fail(project, project / "site")


@pytest.fixture(scope="session")
def archive_articles(archive: tuple[Path, BuiltSite]) -> list:
    return articles(archive[1], archive[0])


@pytest.fixture(scope="session")
def archive_served(archive: tuple[Path, BuiltSite]) -> Iterator[str]:
    with serve(archive[1].root) as url:
        yield url


@pytest.fixture(scope="session")
def serving() -> Iterator[Callable[[BuiltSite], str]]:
    """Serves any built site over HTTP, once per session: gives its base URL."""
    with ExitStack() as stack:
        urls: dict[Path, str] = {}

        def url_of(built: BuiltSite) -> str:
            if built.root not in urls:
                urls[built.root] = stack.enter_context(serve(built.root))
            return urls[built.root]
        yield url_of


@pytest.fixture(scope="session")
def served(site: BuiltSite) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1, as a browser reads it."""
    with serve(site.root) as url:
        yield url


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that reads pages in Chromium `browser`, and every one that runs the Nu HTML
    Checker `html_checker`: `make check` leaves them out, so an editor's quick checks take seconds,
    and `make test` runs them. A check of the change leaves out the checks only the whole site
    can answer (`whole_site`)."""
    for item in items:
        for tool in ("browser", "html_checker"):
            if tool in getattr(item, "fixturenames", ()):
                item.add_marker(getattr(pytest.mark, tool))
    if config.stash[SCOPE].articles is not None:
        left = [item for item in items if item.get_closest_marker("whole_site")]
        if left:
            config.hook.pytest_deselected(items=left)
            items[:] = [item for item in items if item not in left]


def unavailable(message: str) -> NoReturn:
    """A program a test needs is not on this machine: CI must have it (.ci/run installs it), so
    there the test fails; elsewhere it is skipped, saying what to install."""
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def html_checker() -> list[str]:
    """The command that runs the Nu HTML Checker: Java, and the jar `make test` installs with npm
    (tests/package-lock.json)."""
    java = shutil.which("java")
    if java is None or not HTML_CHECKER_JAR.is_file():
        unavailable(f"no HTML checker to run: it needs Java (on Debian, `apt-get install default-jre-headless`) and "
                    f"{HTML_CHECKER_JAR.relative_to(ROOT)}, which `make test` installs with npm")
    return [java, "-jar", str(HTML_CHECKER_JAR)]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium: the one chromium_path() finds, else Playwright's own if installed.

    CI must have one (.ci/run installs Debian's); elsewhere, without one, the test is skipped.
    """
    executable = chromium_path()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        except PlaywrightError as error:
            unavailable(f"no browser to run ({error.message.splitlines()[0]}): install Debian's chromium, "
                        "set CHROMIUM to a Chromium or Chrome binary, or run `playwright install chromium`")
        yield launched
        launched.close()
