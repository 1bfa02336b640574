"""Every article's front matter against the one schema the build also enforces."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from pydantic import BaseModel

from newsroom.front_matter import ARTICLE_TYPES, Article, Correction, check_articles
from newsroom.project import Project
from tests.support.site import ROOT

from tests.conftest import FIXTURE, ProjectCopy

def problems_of(project_root: Path, now: datetime | None = None) -> list[str]:
    """The hook's own check, with the project's configuration: every front matter problem."""
    project = Project.load(project_root)
    return [str(problem) for problem in check_articles(project.posts_dir, project.schema_context(now or datetime.now(timezone.utc)),
                                                       relative_to=project.root)]


def problems_in(project: ProjectCopy) -> list[str]:
    return problems_of(project.root)


@pytest.mark.editorial
def test_every_article_front_matter_is_valid(real_project: Path) -> None:
    """Every article of the real site (under `make check`, of the change: tests/support/change.py)."""
    problems = problems_of(real_project, now=datetime.now(timezone.utc))
    assert not problems, "\n".join(problems)


CREATED = "created: 2024-05-06 07:15:00+02:00"


def limit(field: str, bound: str, model: type[BaseModel] = Article) -> int:
    """A length limit of a front matter field, as the schema sets it (min_length or max_length)."""
    return next(getattr(rule, bound) for rule in model.model_fields[field].metadata if hasattr(rule, bound))



# Each fault planted in the fixture article: (what to replace, its replacement, text the report must contain).
PLANTED_FAULTS = {
    "missing title": ("title: What the", "headline: What the", "title: required field is missing"),
    "title too long": ("title: What the", "title: " + "Very " * limit("title", "max_length") + "long What the",
                       f"title: String should have at most {limit('title', 'max_length')} characters"),
    "description too short": ("description: A fixture", "description: Short.\nx_description: A fixture",
                              f"description: String should have at least {limit('description', 'min_length')} characters"),
    "missing description": ("description: A fixture", "standfirst: A fixture", "description: required field is missing"),
    "description too long": ("description: A fixture", "description: " + "word " * limit("description", "max_length") + "A fixture",
                             f"description: String should have at most {limit('description', 'max_length')} characters"),
    "title of wrong type": ("title: What the", "title:\n  - What the", "title: Input should be a valid string"),
    "quoted date": (CREATED, "created: '2024-05-06'", "date.created: expected an unquoted date"),
    "impossible date": (CREATED, "created: 2024-02-30", "date: '2024-02-30' is not a real date"),
    "updated before created": (CREATED, f"{CREATED}\n  updated: 2024-01-01", "updated (2024-01-01) is before created (2024-05-06 07:15:00+02:00)"),
    "unknown author": ("- foreign-desk", "- jane-doe", "authors: unknown author 'jane-doe'; expected one of {authors}"),
    "no author": ("authors:\n  - foreign-desk", "authors: []", "authors: List should have at least 1 item"),
    "unknown category": ("- Security", "- Securty", "categories: unknown category 'Securty'; expected one of {categories}"),
    "unknown key": ("slug: geneva", "tag: misplaced\nslug: geneva", "tag: unknown key; did you mean 'tags'?"),
    "bad slug": ("slug: geneva-arms-talks-analysis", "slug: Geneva Talks", "slug: 'Geneva Talks' is not allowed; expected the article's address"),
    "invalid YAML": ("tags:\n", "tags: [unclosed\n", "front matter: not valid YAML"),
    "repeated key": ("slug: geneva", "title: A second title for the same article\nslug: geneva", "title: appears twice (first on line 2); keep one"),
    "updated before created across time zones": (CREATED, "created: 2024-05-06 09:00:00+03:00\n  updated: 2024-05-06", "is before created"),
    "future date": (CREATED, "created: 2099-02-21", "created (2099-02-21) is in the future"),
}


@pytest.mark.parametrize("fault", PLANTED_FAULTS)
def test_planted_front_matter_fault_is_reported_with_file_line_and_field(project: ProjectCopy, fault: str) -> None:
    old, new, expected = PLANTED_FAULTS[fault]
    project.plant(old, new)
    known = Project.load(project.root).schema_context()
    expected = expected.format(authors=", ".join(known["authors"]), categories=", ".join(known["categories"]))
    problems = problems_in(project)
    assert any(problem.startswith(f"{FIXTURE}:") and expected in problem for problem in problems), "\n".join(problems)
    assert all(problem.split(":")[1].isdigit() for problem in problems), "each problem names its line"


# Faults in the fixture's type, dateline and corrections: (what to replace, its replacement, text
# the report must contain, the text of the line it must name).
FIXTURE_FAULTS = {
    "correction before publication": ("- date: 2024-05-07", "- date: 2024-05-01",
                                      "corrections.0.date: 2024-05-01 is before created (2024-05-06 07:15:00+02:00)", "- date: 2024-05-01"),
    "correction in the future": ("- date: 2024-05-09 16:30:00+02:00", "- date: 2099-05-09 16:30:00+02:00",
                                 "corrections.1.date: 2099-05-09 16:30:00+02:00 is in the future", "- date: 2099-05-09"),
    "correction time without zone": ("- date: 2024-05-09 16:30:00+02:00", "- date: 2024-05-09 16:30:00",
                                     "corrections.1.date: 2024-05-09 16:30:00 has no time zone", "- date: 2024-05-09 16:30:00"),
    "quoted correction date": ("- date: 2024-05-07", "- date: '2024-05-07'", "corrections.0.date: expected an unquoted date", "- date: '2024-05-07'"),
    "correction without text": ("    text: An earlier version of this analysis", "    txt: An earlier version of this analysis",
                                "corrections.0.txt: unknown key; did you mean 'text'?", "    txt: An earlier"),
    "correction text too short": ("    text: An earlier version named", "    text: Wrong.\n    x_text: An earlier version named",
                                  f"corrections.1.text: String should have at least {limit('text', 'min_length', Correction)} characters",
                                  "    text: Wrong."),
    "corrections not a list": ("corrections:\n  - date: 2024-05-07", "corrections: 2024-05-07\nx_corrections:\n  - date: 2024-05-07",
                               "corrections: Input should be a valid list; expected a list of corrections", "corrections: 2024-05-07"),
    "unknown type": ("type: analysis", "type: analysys",
                     f"type: unknown type 'analysys'; expected one of {', '.join(ARTICLE_TYPES)}", "type: analysys"),
    "dateline with a date": ("dateline: Geneva", "dateline: Geneva, 6 May 2024",
                             "dateline: 'Geneva, 6 May 2024' is not allowed; expected the place our reporter filed from", "dateline: Geneva, 6"),
}


@pytest.mark.parametrize("fault", FIXTURE_FAULTS)
def test_planted_fault_in_a_fixture_article_is_reported_on_its_line(project: ProjectCopy, fault: str) -> None:
    old, new, expected, line_text = FIXTURE_FAULTS[fault]
    project.plant(old, new)
    lines = project.article.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip().startswith(line_text.strip()))
    problems = problems_in(project)
    assert any(problem.startswith(f"{FIXTURE}:{line}: ") and expected in problem
               for problem in problems), "\n".join(problems)


def test_fixture_articles_are_valid(project: ProjectCopy) -> None:
    project.add_fixtures()
    problems = problems_in(project)
    assert not problems, "\n".join(problems)


def line_of(path: Path, text: str) -> int:
    """The number of the first line of `path` that is `text`."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == text)


def test_invalid_yaml_names_where_the_broken_block_starts(project: ProjectCopy) -> None:
    project.plant("tags:\n", "tags: [unclosed\n")
    problems = "\n".join(problems_in(project))
    opened = line_of(project.article, "tags: [unclosed")
    assert "front matter: not valid YAML:" in problems and f"(while parsing a flow sequence that starts on line {opened})" in problems, problems


def test_front_matter_problems_are_reported_on_the_line_of_their_field(project: ProjectCopy) -> None:
    project.plant("- Security", "- Securty")
    assert f"{FIXTURE}:{line_of(project.article, 'categories:')}: categories:" in "\n".join(problems_in(project))


def test_missing_front_matter_is_reported(project: ProjectCopy) -> None:
    (project.docs / "blog/posts/no-front-matter.md").write_text("# Just a heading\n", encoding="utf-8")
    assert "docs/blog/posts/no-front-matter.md:1: front matter: missing" in "\n".join(problems_in(project))


def test_duplicate_slug_is_reported(project: ProjectCopy) -> None:
    (project.docs / "blog/posts/copy.md").write_text(project.article.read_text(), encoding="utf-8")
    assert f"slug: 'geneva-arms-talks-analysis' is already used by {FIXTURE}" in "\n".join(problems_in(project))


def test_build_stops_naming_every_problem_in_every_article_at_once(project: ProjectCopy) -> None:
    second = project.docs / "blog/posts/second.md"
    second.write_text(project.article.read_text().replace("slug: geneva", "slug: second-geneva"), encoding="utf-8")
    project.plant("- foreign-desk", "- jane-doe")
    project.plant("tags:", "tagz:")
    project.replace(second, "description: A fixture", "description: Too short.\nx: A fixture")

    result = project.build()

    assert result.returncode != 0
    for expected in (f"{FIXTURE}:", "authors: unknown author 'jane-doe'", "tagz: unknown key; did you mean 'tags'?",
                     "tags: required field is missing", "docs/blog/posts/second.md:",
                     f"description: String should have at least {limit('description', 'min_length')}"):
        assert expected in result.stderr, result.stderr
