"""Articles cannot carry active content: the build refuses a script, frame, object, embed or form,
an on… event attribute or a javascript: URL in an article, naming the file, the line and the
element, every problem at once; the preview leaves such an article out (newsroom/active_content.py)."""

from __future__ import annotations

import urllib.error

import pytest

from newsroom.active_content import active_content
from newsroom.project import Project
from tests.support.preview import preview

from tests.conftest import FIXTURE, FIXTURE_URL, ProjectCopy, SiteUnderTest

# Each kind of active content, planted on its own line of the fixture: (what, the element the report names).
ACTIVE = {
    "script": ("<script>alert(1)</script>", "<script>"),
    "iframe": ('<iframe src="https://www.example.org/video"></iframe>', "<iframe>"),
    "object": ('<object data="https://www.example.org/chart.swf"></object>', "<object>"),
    "embed": ('<embed src="https://www.example.org/chart.swf">', "<embed>"),
    "form": ('<form action="https://www.example.org/subscribe"><input name="email"></form>', "<form>"),
    "event attribute": ('<p onmouseover="alert(1)">Hover here.</p>', "<p onmouseover>"),
    "javascript: URL in raw HTML": ('<a href="java\tscript:alert(1)">a link</a>', "<a href>"),
    "javascript: URL in a Markdown link": ("[a link](javascript:alert(1))", "link"),
}


def test_no_article_carries_active_content(every_site: SiteUnderTest) -> None:
    config = every_site.config
    problems = [str(problem) for path in sorted(config.posts_dir.rglob("*.md")) for problem in active_content(path, config.shown(path))]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ACTIVE)
def test_planted_active_content_is_named_with_file_line_and_element(project: ProjectCopy, kind: str) -> None:
    snippet, element = ACTIVE[kind]
    project.plant("## What each side wants", f"{snippet}\n\n## What each side wants")
    line = next(number for number, text in enumerate(project.article.read_text().splitlines(), 1) if text == snippet)
    problems = [str(problem) for problem in active_content(project.article, Project.load(project.root).shown(project.article))]
    assert problems and problems[0].startswith(f"{FIXTURE}:{line}: {element}: "), problems


def test_build_stops_naming_every_piece_of_active_content_at_once(project: ProjectCopy) -> None:
    for snippet, _ in ACTIVE.values():
        project.plant("## What each side wants", f"{snippet}\n\n## What each side wants")
    result = project.build()
    assert result.returncode != 0
    assert f"Article content has {len(ACTIVE)} problem(s)" in result.stderr, result.stderr
    assert all(f"{FIXTURE}:" in line for line in result.stderr.splitlines() if ": <" in line or ": link:" in line)


def test_active_attribute_added_by_markdown_stops_the_build(project: ProjectCopy) -> None:
    project.plant("## What each side wants", 'A planted paragraph.\n{: onclick="alert(1)" }\n\n## What each side wants')
    result = project.build()
    assert result.returncode != 0 and f"{FIXTURE}:" in result.stderr and "onclick>: an event attribute" in result.stderr, result.stderr


def test_preview_leaves_an_article_with_active_content_out_and_names_it(project: ProjectCopy) -> None:
    project.plant("## What each side wants", "<script>alert(1)</script>\n\n## What each side wants")
    with preview(project.root) as served:
        with pytest.raises(urllib.error.HTTPError, match="404"):
            served.get(FIXTURE_URL)
        assert served.get() and f"{FIXTURE}:" in served.output() and "<script>: active content" in served.output()
