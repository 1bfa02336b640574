"""What builds keep in .cache for the next build (social cards, rendered bodies): written so that
builds running side by side (tests beside `make serve`) never read half of a file, and removed
once no build has used it for UNUSED_DAYS."""

from __future__ import annotations

import os
import time
from pathlib import Path

# Where builds keep files for the next build, from the project folder.
KEPT = ".cache"
# Kept files no build has used for this long are removed (a build that uses one touches it).
UNUSED_DAYS = 30


def write_atomically(path: Path, content: bytes) -> None:
    """Write `path` under another name, then rename it: a reader sees all of it or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)


def forget_unused(kept: Path, used: set[Path], pattern: str) -> None:
    """Remove the files under `kept` matching `pattern` that no build has used for UNUSED_DAYS."""
    if not kept.is_dir():
        return
    too_old = time.time() - UNUSED_DAYS * 86400
    for path in kept.glob(pattern):
        try:
            if path not in used and path.stat().st_mtime < too_old:
                path.unlink()
        except FileNotFoundError:  # another build removed it first
            pass
