"""The generated articles (tests/support/synthetic.py) that the proof copy, the archive and the
benchmarks build: valid for the schema, in the sections and desks mkdocs.yml names, and the same
for the same seed."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from statistics import mean

from newsroom.front_matter import check_articles
from newsroom.front_matter import read as read_front_matter
from newsroom.project import Project
from tests.support.site import copy_project
from tests.support.synthetic import SHAPE, article_shape, shape_problems, write_synthetic_articles

from tests.conftest import ProjectCopy


def test_generated_articles_pass_the_schema_in_configured_sections_and_desks(project: ProjectCopy) -> None:
    paths = write_synthetic_articles(project.docs, 12, seed=7)
    config = Project.load(project.root)
    assert len(paths) == 12
    problems = check_articles(config.posts_dir, config.schema_context(datetime.now(timezone.utc)))
    assert not problems, "\n".join(map(str, problems))
    metas = [read_front_matter(path).data for path in paths]
    assert {name for meta in metas for name in meta["categories"]} <= set(config.categories)
    assert {desk for meta in metas for desk in meta["authors"]} <= set(config.desks)


def test_generated_articles_are_the_same_for_a_seed_and_vary_between_articles(tmp_path: Path) -> None:
    def texts(folder: str, seed: int) -> list[str]:
        docs = copy_project(tmp_path / folder) / "docs"
        return [path.read_text(encoding="utf-8") for path in write_synthetic_articles(docs, 5, seed=seed)]
    first, again, other = texts("first", 1), texts("again", 1), texts("other", 2)
    assert first == again and first != other
    assert len(set(first)) == 5


def test_generated_articles_have_a_real_reports_shape(project: ProjectCopy) -> None:
    paths = write_synthetic_articles(project.docs, 60, seed=3)
    shapes = {path: article_shape(path) for path in paths}
    assert not shape_problems(shapes), "\n".join(shape_problems(shapes))
    for measure, (low, high) in SHAPE.items():
        values = [shape[measure] for shape in shapes.values()]
        assert low <= mean(values) <= high and len(set(values)) > 1, f"{measure}: {values}"
    assert any("!!! update" in path.read_text(encoding="utf-8") for path in paths), "no article carries an update note"


def test_an_article_outside_the_shape_is_named(project: ProjectCopy) -> None:
    short = project.docs / "blog" / "posts" / "short.md"
    short.write_text("---\ntitle: Short\n---\n\nOne [linked](https://www.example.org/a) line.\n\n## Sources\n\n- A: [a](https://www.example.org/b)\n",
                     encoding="utf-8")
    problems = shape_problems({short: article_shape(short)})
    assert problems == [f"{short}: words 3, outside 600–1200", f"{short}: paragraphs 1, outside 8–18",
                        f"{short}: subheadings 0, outside 2–5", f"{short}: links 1, outside 8–25",
                        f"{short}: sources 1, outside 3–12"]
