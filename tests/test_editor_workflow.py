"""An editor's path: `make new`, the preview, drafts, and what the build refuses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.error
from datetime import date
from pathlib import Path

import pytest

from newsroom.project import Project
from tests.support.site import ROOT
from newsroom.new_article import NewArticleError, main, new_article
from tests.support.feeds import JSON_FEEDS, RSS_FEEDS
from tests.support.preview import preview
from tests.support.change import articles_to_check, change_since, commit_on_main, copy_check_parts, git
from tests.support.change import make_check as run_make_check
from tests.support.checks.spelling import misspellings
from tests.support.synthetic import write_synthetic_articles

from tests.conftest import FIXTURE, FIXTURE_URL, ProjectCopy, SiteUnderTest
from tests.test_front_matter import limit, problems_of
from tests.test_metadata import test_pages_that_are_not_articles_are_websites_without_news_article as check_other_pages
from tests.test_social_cards import test_every_article_names_a_card_of_its_own_and_no_other_page_names_one as check_cards
from tests.test_workflows import test_site_size_is_told_by_kind_of_file as check_size_by_kind

TODAY = date(2026, 11, 26)
DRAFT_DESCRIPTION = "A draft article planted by the tests, with a standfirst long enough to pass."


def test_new_article_is_a_draft_whose_only_problem_is_the_unwritten_standfirst(project: ProjectCopy) -> None:
    path, _ = new_article("France and Germany agree a ‘new chapter’ on defence", project.root, TODAY)
    assert path == project.docs / "blog/posts/france-and-germany-agree-a-new-chapter-on-defence.md"
    text = path.read_text(encoding="utf-8")
    first_desk = Project.load(project.root).schema_context()["authors"][0]
    assert "draft: true" in text and "created: 2026-11-26" in text and f"- {first_desk}" in text
    problems = problems_of(project.root)
    assert len(problems) == 1 and "description: still the placeholder that `make new` wrote" in problems[0], problems


def test_new_article_has_a_dateline_only_when_given_one(project: ProjectCopy) -> None:
    compiled = new_article("Desk compiles a report on arms talks", project.root, TODAY)[0].read_text(encoding="utf-8")
    filed = new_article("Reporter files on arms talks from Geneva", project.root, TODAY, dateline="Geneva")[0].read_text(encoding="utf-8")
    compiled_front_matter, compiled_body = compiled.split("---", 2)[1:]
    assert "dateline:" not in compiled_front_matter and "\ndateline: Geneva\n" in filed
    assert "type: news" in compiled_front_matter and "**" not in compiled_body, "the body opens with no hand-written dateline"


def test_new_article_refuses_a_dateline_the_schema_refuses(project: ProjectCopy) -> None:
    with pytest.raises(NewArticleError, match="dateline: 'Geneva, 6 May' is not allowed"):
        new_article("Reporter files on arms talks from Geneva", project.root, TODAY, dateline="Geneva, 6 May")


def test_new_article_refuses_a_slug_already_used(project: ProjectCopy) -> None:
    assert project.article.is_file()
    with pytest.raises(NewArticleError, match=f"'geneva-arms-talks-analysis' is already used by {FIXTURE}"):
        new_article("Geneva arms talks analysis", project.root, TODAY)


def test_new_article_refuses_a_headline_the_schema_refuses(project: ProjectCopy) -> None:
    before = sorted((project.docs / "blog/posts").glob("*.md"))
    longest = limit("title", "max_length")
    with pytest.raises(NewArticleError, match=f"title: String should have at most {longest} characters"):
        new_article("A headline " * longest, project.root, TODAY)
    assert sorted((project.docs / "blog/posts").glob("*.md")) == before, "the refused article was left behind"


def test_new_article_names_problems_of_other_articles_by_file_line_and_field_without_a_traceback(
        project: ProjectCopy, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project.plant("tags:\n", "tags: [unclosed\n")
    project.plant("- foreign-desk", "- jane-doe")
    monkeypatch.chdir(project.root)
    assert main(["Ministers meet in Brussels to discuss aid"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{FIXTURE}:" in err and "front matter: not valid YAML" in err, err
    assert (project.docs / "blog/posts/ministers-meet-in-brussels-to-discuss-aid.md").is_file()


def test_new_article_without_a_title_says_how_to_give_one(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("TITLE", raising=False)
    with pytest.raises(SystemExit, match="2"):
        main([])
    assert 'make new TITLE="Headline of the article"' in capsys.readouterr().err


def plant_draft(project: ProjectCopy, slug: str = "planted-draft") -> None:
    (project.docs / f"blog/posts/{slug}.md").write_text(
        f"---\ntitle: A planted draft about arms control\ndescription: {DRAFT_DESCRIPTION}\n"
        f"date:\n  created: 2023-03-01\nauthors:\n  - foreign-desk\ncategories:\n  - World\n"
        f"tags:\n  - Arms control\nslug: {slug}\ndraft: true\n---\n\n**GENEVA, 1 March 2023** — Draft text.\n",
        encoding="utf-8")


def test_drafts_show_in_the_preview_but_never_in_the_published_site(project: ProjectCopy) -> None:
    plant_draft(project)
    site = project.built()
    published = "\n".join(path.read_text(encoding="utf-8") for path in site.root.rglob("*")
                          if path.is_file() and path.suffix in (".html", ".xml", ".json"))
    assert "planted-draft" not in published and DRAFT_DESCRIPTION not in published
    assert all((site.root / feed).is_file() for feed in {**RSS_FEEDS, **JSON_FEEDS})
    with preview(project.root) as served:
        assert "planted-draft/" in served.get("blog/")
        assert DRAFT_DESCRIPTION in served.get("blog/2023/03/01/planted-draft/")


def test_preview_names_every_problem_and_still_serves_the_good_articles(project: ProjectCopy) -> None:
    plant_draft(project, "bad-one")
    project.replace(project.docs / "blog/posts/bad-one.md", "  - foreign-desk", "  - jane-doe")
    plant_draft(project, "bad-two")
    project.replace(project.docs / "blog/posts/bad-two.md", "tags:", "tagz:")
    assert project.article.is_file()
    with preview(project.root) as served:
        assert "What the Geneva arms talks" in served.get(FIXTURE_URL)
        with pytest.raises(urllib.error.HTTPError, match="404"):
            served.get("blog/2023/03/01/bad-one/")
        log = served.output()
    for expected in ("docs/blog/posts/bad-one.md:", "authors: unknown author 'jane-doe'",
                     "docs/blog/posts/bad-two.md:", "tagz: unknown key; did you mean 'tags'?",
                     "The preview leaves these articles out until they are fixed."):
        assert expected in log, log


def test_missing_field_says_what_is_expected(project: ProjectCopy) -> None:
    project.plant("slug: geneva-arms-talks-analysis\n", "")
    assert any("slug: required field is missing; expected the article's address: lowercase words joined by hyphens"
               in problem for problem in problems_of(project.root))


def test_check_of_drafts_spells_the_draft_too(project: ProjectCopy, monkeypatch: pytest.MonkeyPatch) -> None:
    plant_draft(project)
    project.replace(project.docs / "blog/posts/planted-draft.md", "Draft text.", "Draft txet.")
    monkeypatch.setenv("DRAFTS", "true")  # as `make check` builds
    problems = "\n".join(misspellings(project.built(), project.root))
    assert "'txet'" in problems and "source: docs/blog/posts/planted-draft.md:" in problems, problems


def test_checks_of_every_page_count_a_rendered_draft_as_an_article(project: ProjectCopy,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`make check` renders drafts: an editor's draft is an article's page, with its card, not a
    page that should not name one."""
    plant_draft(project)
    monkeypatch.setenv("DRAFTS", "true")
    under_test = SiteUnderTest(project.built(), project.root)
    assert under_test.draft_pages, "the draft was not rendered"
    check_other_pages(under_test)
    check_cards(under_test)
    check_size_by_kind(under_test)


def test_build_from_a_relative_config_path_reports_front_matter_problems(project: ProjectCopy) -> None:
    project.plant("- Security", "- Securty")
    line = next(number for number, text in enumerate(project.article.read_text().splitlines(), 1) if text == "categories:")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml"],
                            cwd=project.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert f"{FIXTURE}:{line}: categories: unknown category 'Securty'" in result.stderr, result.stderr


# Faults planted in the fixture article, the only article of a copy: (old, new, how the report names
# the place: the file and the line of `new` (or of the front matter's start, where a field is
# missing), then the field; what it says of it).
ONLY_ARTICLE_FAULTS = {
    "misspelt key": ("\ntags:\n", "\ntagz:\n", "{where}: tagz", "tagz: unknown key; did you mean 'tags'?"),
    "impossible date": ("created: 2024-05-06 07:15:00+02:00", "created: 2024-02-30 07:15:00+02:00", "{where}: date",
                        "date: '2024-02-30 07:15:00+02:00' is not a real date"),
    "missing description": ("description: A fixture article of the tests, an analysis filed from Geneva and corrected "
                            "twice, in the Security and Europe sections.\n", "", "{where}: description",
                            "description: required field is missing"),
    "misspelt standfirst": ("description: A fixture article", "description: A fixture artcle",
                            "[source: {where} (description)]", "'artcle' is not in the en_GB dictionary"),
}


def make_check(project: ProjectCopy) -> tuple[int, str]:
    """`make check` in the copy: its exit status and its report."""
    result = run_make_check(project.root)
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def committed(project: ProjectCopy) -> ProjectCopy:
    """A copy with every fixture article, the fixture article linking to another, and six
    generated articles, committed on main: an editor's checkout before their change."""
    copy_check_parts(project.root)
    project.add_fixtures()
    project.plant(SENTENCE, f"neither side expected a deal, as [in December]({LINKED}) showed.")
    write_synthetic_articles(project.docs, 6, seed=5)
    commit_on_main(project.root, "The archive")
    return project


# A sentence of the fixture article, and the fixture article it is made to link to.
SENTENCE = "neither side expected a deal."
LINKED = "2023-12-31-new-year-sanctions.md"


def test_make_check_catches_an_unchanged_article_linking_to_a_renamed_one(committed: ProjectCopy) -> None:
    """The renamed article, its address changed with it: the unchanged one still links to its old file."""
    posts = Project.load(committed.root).posts_dir
    git(committed.root, "mv", str(posts / LINKED), str(posts / "2023-12-31-sanctions-new-year.md"))
    committed.replace(posts / "2023-12-31-sanctions-new-year.md", "slug: new-year-sanctions", "slug: sanctions-new-year")
    status, report = make_check(committed)
    assert status != 0, report
    assert f"Doc file '{FIXTURE.relative_to('docs').as_posix()}' contains a link '{LINKED}', but the target" in report, report


def test_make_check_catches_a_typo_in_a_changed_article(committed: ProjectCopy) -> None:
    committed.plant("Officials on both sides said", "Officials on both sides siad")
    status, report = make_check(committed)
    assert status != 0 and "'siad' is not in the en_GB dictionary" in report and f"source: {FIXTURE}:" in report, report
    assert "1 article changed since main" in report, report


def test_make_check_catches_a_changed_article_taking_an_unchanged_ones_slug(committed: ProjectCopy) -> None:
    posts = Project.load(committed.root).posts_dir
    taken = next(path for path in sorted((posts / "synthetic").glob("*.md")))
    slug = next(line.split(": ", 1)[1] for line in taken.read_text(encoding="utf-8").splitlines() if line.startswith("slug: "))
    committed.plant("slug: geneva-arms-talks-analysis", f"slug: {slug}")
    status, report = make_check(committed)
    assert status != 0 and f"{slug!r} is already used by" in report, report


def test_make_check_leaves_a_typo_in_an_unchanged_article_to_make_test_and_says_so(committed: ProjectCopy) -> None:
    posts = Project.load(committed.root).posts_dir
    generated = sorted((posts / "synthetic").glob("*.md"))
    checked = articles_to_check(committed.root, change_since(committed.root, "main"))
    unchecked = next(path for path in generated if path.relative_to(committed.root) not in checked)
    text = unchecked.read_text(encoding="utf-8")
    body_word = next(word for word in text.split("---", 2)[2].split() if word.isalpha() and word.islower() and len(word) > 4)
    unchecked.write_text(text.replace(f" {body_word} ", f" {body_word}xq ", 1), encoding="utf-8")
    git(committed.root, "commit", "--quiet", "--all", "--message", "A typo slips in")
    committed.plant("Officials on both sides said", "Officials on both sides agreed")
    status, report = make_check(committed)
    assert status == 0, report
    assert f"{body_word}xq" not in report
    assert re.search(r"make check: 1 article changed since main and \d+ linked to or from them checked; front matter, "
                     r"spelling, links and lists of the other \d+ are left to `make test`", report), report


@pytest.mark.parametrize("fault", ONLY_ARTICLE_FAULTS)
def test_make_check_names_the_problem_of_the_only_article(project: ProjectCopy, fault: str) -> None:
    """With one article, and that one broken, `make check` names its problem by file, line and
    field, as it does beside good articles: nothing fails to start for want of a good article."""
    copy_check_parts(project.root)
    for article in Project.load(project.root).posts_dir.glob("*.md"):
        article.unlink()
    old, new, place, expected = ONLY_ARTICLE_FAULTS[fault]
    project.plant(old, new)
    text = project.article.read_text(encoding="utf-8")
    line = text[:text.index(new)].count("\n") + 1 + new.startswith("\n") if new else 1
    status, report = make_check(project)
    assert status != 0 and "ERROR collecting" not in report and "Traceback" not in report, report
    assert place.format(where=f"{FIXTURE}:{line}") in report and expected in report, report
