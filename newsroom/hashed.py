"""Files named by the hash of their content (the site stylesheet, the site script): a browser may
keep such a file for good, since a changed file gets a new name."""

from __future__ import annotations

import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# How many hexadecimal characters of the content's SHA-256 a name carries.
DIGEST_LENGTH = 12


def hashed_file(config: MkDocsConfig, name: str, content: str) -> File:
    """A file of the build holding `content`, at `name` with its "{digest}" replaced."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]
    return File.generated(config, name.format(digest=digest), content=content)


def name_pattern(name: str) -> re.Pattern[str]:
    """What the paths of files named `name` (with "{digest}") look like."""
    return re.compile(re.escape(name).replace(re.escape("{digest}"), f"[0-9a-f]{{{DIGEST_LENGTH}}}"))


def join_files(files: Files, config: MkDocsConfig, name: str, parts: list[File], content: str) -> File:
    """The build's `parts` replaced by one file holding `content` (what they join), named `name`
    by its hash; the parts' source maps leave the build with them."""
    joined = hashed_file(config, name, content)
    for file in parts:
        files.remove(file)
        if source_map := files.get_file_from_path(f"{file.src_uri}.map"):
            files.remove(source_map)
    files.append(joined)
    return joined
