"""Where in the project an editor fixes what a check finds on a built page: the Markdown, front
matter, configuration and templates the page was made from, as file:line, with the front matter
field where the line is in one (file:line (field))."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml
from mkdocs.utils.meta import YAML_RE

from newsroom.front_matter import LOADER

# Where the text and links of a page come from.
SOURCE_PATTERNS = ("docs/**/*.md", "docs/**/.*.yml", "mkdocs.yml", "overrides/**/*.html")


def source_lines(patterns: Mapping[str, re.Pattern[str]], project: Path) -> dict[str, list[str]]:
    """For each key, every 'file:line' of the project's sources that its pattern matches, in one
    pass over the sources. Pages are minified, so a line of a built page would tell an editor
    nothing: these are the lines to edit."""
    places: dict[str, list[str]] = {key: [] for key in patterns}
    if not patterns:
        return places
    for path in sorted({path for glob in SOURCE_PATTERNS for path in project.glob(glob)}):
        text = path.read_text(encoding="utf-8")
        fields: dict[int, str] | None = None  # read only for a file with a line to name
        for number, line in enumerate(text.splitlines(), 1):
            for key, pattern in patterns.items():
                if pattern.search(line):
                    if fields is None:
                        fields = front_matter_fields(text) if path.suffix == ".md" else {}
                    field = f" ({fields[number]})" if number in fields else ""
                    places[key].append(f"{path.relative_to(project).as_posix()}:{number}{field}")
    return places


def front_matter_fields(text: str) -> dict[int, str]:
    """The top-level front matter field each line of a Markdown file's front matter belongs to, by
    line number; none if the front matter is not valid YAML (the front matter check says so)."""
    match = YAML_RE.match(text)
    try:
        tree = yaml.compose(match.group(1), Loader=LOADER) if match else None
    except yaml.YAMLError:
        return {}
    fields: dict[int, str] = {}
    if isinstance(tree, yaml.MappingNode):
        for key, value in tree.value:  # the front matter's lines start at line 2, after `---`
            end = value.end_mark.line - (value.end_mark.column == 0 and value.end_mark.line > key.start_mark.line)
            fields.update(dict.fromkeys(range(key.start_mark.line + 2, end + 3), str(key.value)))
    return fields


def lines_writing(texts: Iterable[str], project: Path) -> dict[str, list[str]]:
    """For each text (a URL, say), every 'file:line' of the project's sources that holds it as it is."""
    return source_lines({text: re.compile(re.escape(text)) for text in sorted(set(texts))}, project)
