"""Files named by the hash of their content (the site stylesheet, the site script): a browser may
keep such a file for good, since a changed file gets a new name."""

from __future__ import annotations

import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

# How many hexadecimal characters of the content's SHA-256 a name carries.
DIGEST_LENGTH = 12


def hashed_file(config: MkDocsConfig, name: str, content: str) -> File:
    """A file of the build holding `content`, at `name` with its "{digest}" replaced."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]
    return File.generated(config, name.format(digest=digest), content=content)


def name_pattern(name: str) -> re.Pattern[str]:
    """What the paths of files named `name` (with "{digest}") look like."""
    return re.compile(re.escape(name).replace(re.escape("{digest}"), f"[0-9a-f]{{{DIGEST_LENGTH}}}"))
