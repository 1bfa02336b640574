"""The cache: what a build keeps in .cache for the next one, so that it does not do that work again
(articles' rendered bodies, newsroom/rendered.py; social cards, newsroom/social_cards.py).

Each kind of entry has a folder of its own, and each entry is a file named by a digest of
everything that went into it, so an entry is never stale: what changed is under another name.
Entries are written under another name and then renamed, so builds running side by side (tests
beside `make serve`) never read half of one, and an entry no build has used for UNUSED_DAYS is
removed. Losing the cache costs time only: the next build does the work again.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

# Where builds keep the cache, from the project folder.
CACHE_DIR = ".cache"
# Entries no build has used for this long are removed (a build that uses one touches it).
UNUSED_DAYS = 30


def write_atomically(path: Path, content: bytes) -> None:
    """Write `path` under another name, then rename it: a reader sees all of it or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)


@dataclass
class Cache:
    """One kind of entry: its folder, the suffix of its files, and the entries this build used."""

    folder: Path
    suffix: str
    used: set[Path] = field(default_factory=set)

    def path(self, digest: str) -> Path:
        return self.folder / f"{digest}{self.suffix}"

    def read(self, digest: str) -> bytes | None:
        """The entry, or None if there is none."""
        try:
            return self.path(digest).read_bytes()
        except OSError:
            return None

    def write(self, digest: str, content: bytes) -> None:
        write_atomically(self.path(digest), content)
        self.used.add(self.path(digest))

    def use(self, digest: str) -> None:
        """Mark the entry used by this build, which keeps it UNUSED_DAYS longer."""
        path = self.path(digest)
        os.utime(path)
        self.used.add(path)

    def forget_unused(self) -> None:
        """Remove the entries no build has used for UNUSED_DAYS."""
        if not self.folder.is_dir():
            return
        too_old = time.time() - UNUSED_DAYS * 86400
        for path in self.folder.glob(f"*{self.suffix}"):
            try:
                if path not in self.used and path.stat().st_mtime < too_old:
                    path.unlink()
            except FileNotFoundError:  # another build removed it first
                pass
