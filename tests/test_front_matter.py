"""Every article's front matter against the one schema the build also enforces."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from front_matter import check_articles
from support.articles import schema_context
from support.site import ROOT

from conftest import ARTICLE, ProjectCopy

ALLOWED_CATEGORIES = ["World", "Europe", "Asia", "Security"]


def problems_of(project_root: Path, today: date = date(2026, 1, 1)) -> list[str]:
    """The hook's own check, with the project's configuration: every front matter problem."""
    return [str(problem) for problem in check_articles(
        project_root / "docs/blog/posts", schema_context(project_root, today), relative_to=project_root)]


def problems_in(project: ProjectCopy) -> list[str]:
    return problems_of(project.root)


@pytest.mark.editorial
def test_every_article_front_matter_is_valid() -> None:
    problems = problems_of(ROOT, today=date.today())
    assert not problems, "\n".join(problems)


def test_schema_knows_the_desks_and_categories_the_blog_configures() -> None:
    context = schema_context(ROOT, date.today())
    assert context["authors"] == ["foreign-desk"] and context["categories"] == ALLOWED_CATEGORIES


CREATED = "created: 2023-02-21 18:30:00+03:00"
UPDATED = "updated: 2023-03-23 09:00:00+00:00"

# Each planted fault: (what to replace in the article, its replacement, text the report must contain).
PLANTED_FAULTS = {
    "missing title": ("title: Wang Yi", "headline: Wang Yi", "title: required field is missing"),
    "title too long": ("title: Wang Yi", "title: " + "Very " * 25 + "long Wang Yi", "title: String should have at most 110 characters"),
    "description too short": ("description: China", "description: Short.\nx_description: China", "description: String should have at least 50 characters"),
    "missing description": ("description: China", "standfirst: China's", "description: required field is missing"),
    "description too long": ("description: China", "description: " + "word " * 40 + "China's", "description: String should have at most 160 characters"),
    "title of wrong type": ("title: Wang Yi calls", "title:\n  - Wang Yi calls", "title: Input should be a valid string"),
    "quoted date": (CREATED, "created: '2023-02-21'", "date.created: expected an unquoted date"),
    "impossible date": (CREATED, "created: 2023-02-30", "date: '2023-02-30' is not a real date"),
    "updated before created": (UPDATED, "updated: 2023-01-01", "updated (2023-01-01) is before created (2023-02-21 18:30:00+03:00)"),
    "unknown author": ("- foreign-desk", "- jane-doe", "authors: unknown author 'jane-doe'; expected one of foreign-desk"),
    "no author": ("authors:\n  - foreign-desk", "authors: []", "authors: List should have at least 1 item"),
    "unknown category": ("- World", "- Wrold", "categories: unknown category 'Wrold'; expected one of World, Europe, Asia, Security"),
    "unknown key": ("slug: wang", "tag: misplaced\nslug: wang", "tag: unknown key; did you mean 'tags'?"),
    "bad slug": ("slug: wang-yi-patrushev-moscow-talks", "slug: Wang Yi Moscow", "slug: 'Wang Yi Moscow' is not allowed; expected the article's address"),
    "invalid YAML": ("tags:\n", "tags: [unclosed\n", "front matter: not valid YAML"),
    "repeated key": ("slug: wang", "title: A second title for the same article\nslug: wang", "title: appears twice (first on line 2); keep one"),
    "updated before created across time zones": (f"{CREATED}\n  {UPDATED}", "created: 2023-02-21 09:00:00+03:00\n  updated: 2023-02-21", "is before created"),
    "future date": (f"{CREATED}\n  {UPDATED}", "created: 2099-02-21", "created (2099-02-21) is in the future"),
}


@pytest.mark.parametrize("fault", PLANTED_FAULTS)
def test_planted_front_matter_fault_is_reported_with_file_line_and_field(project: ProjectCopy, fault: str) -> None:
    old, new, expected = PLANTED_FAULTS[fault]
    project.plant(old, new)
    problems = problems_in(project)
    assert any(str(ARTICLE) in problem and expected in problem for problem in problems), "\n".join(problems)
    assert all(problem.split(":")[1].isdigit() for problem in problems), "each problem names its line"


def test_invalid_yaml_names_where_the_broken_block_starts(project: ProjectCopy) -> None:
    project.plant("tags:\n", "tags: [unclosed\n")
    problems = "\n".join(problems_in(project))
    assert "front matter: not valid YAML:" in problems and "(while parsing a flow sequence that starts on line 11)" in problems, problems


def test_front_matter_problems_are_reported_on_the_line_of_their_field(project: ProjectCopy) -> None:
    project.plant("- World", "- Wrold")
    line = next(number for number, text in enumerate(project.article.read_text().splitlines(), 1) if text == "categories:")
    assert f"{ARTICLE}:{line}: categories:" in "\n".join(problems_in(project))


def test_missing_front_matter_is_reported(project: ProjectCopy) -> None:
    (project.docs / "blog/posts/no-front-matter.md").write_text("# Just a heading\n", encoding="utf-8")
    assert "docs/blog/posts/no-front-matter.md:1: front matter: missing" in "\n".join(problems_in(project))


def test_duplicate_slug_is_reported(project: ProjectCopy) -> None:
    (project.docs / "blog/posts/copy.md").write_text(project.article.read_text(), encoding="utf-8")
    assert "slug: 'wang-yi-patrushev-moscow-talks' is already used by" in "\n".join(problems_in(project))


def test_build_stops_naming_every_problem_in_every_article_at_once(project: ProjectCopy) -> None:
    second = project.docs / "blog/posts/second.md"
    second.write_text(project.article.read_text().replace("slug: wang-yi", "slug: second-wang-yi"), encoding="utf-8")
    project.plant("- foreign-desk", "- jane-doe")
    project.plant("tags:", "tagz:")
    project.replace(second, "description: China", "description: Too short.\nx: China's")

    result = project.build()

    assert result.returncode != 0
    for expected in (f"{ARTICLE}:", "authors: unknown author 'jane-doe'", "tagz: unknown key; did you mean 'tags'?",
                     "tags: required field is missing", "docs/blog/posts/second.md:", "description: String should have at least 50"):
        assert expected in result.stderr, result.stderr
