"""Where in the project an editor fixes what a check finds on a built page: the Markdown, front
matter, configuration and templates the page was made from, as file:line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

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
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key, pattern in patterns.items():
                if pattern.search(line):
                    places[key].append(f"{path.relative_to(project).as_posix()}:{number}")
    return places


def lines_writing(texts: Iterable[str], project: Path) -> dict[str, list[str]]:
    """For each text (a URL, say), every 'file:line' of the project's sources that holds it as it is."""
    return source_lines({text: re.compile(re.escape(text)) for text in sorted(set(texts))}, project)
