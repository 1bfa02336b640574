"""`mkdocs serve`, as `make serve` runs it (not strict), on a free port: for tests of what a
preview shows."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Preview:
    """A running preview: its address, and what it has logged so far."""

    url: str
    log: Path

    def get(self, path: str = "", timeout: float = 30) -> str:
        """The page at `path`, waiting while the preview starts; raises on a 404."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as response:
                    return response.read().decode()
            except urllib.error.HTTPError:
                raise
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the preview did not answer in {timeout} s:\n{self.output()}")
                time.sleep(0.2)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def preview(project: Path) -> Iterator[Preview]:
    """Run `mkdocs serve` for `project` on 127.0.0.1 until the block ends."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    with tempfile.NamedTemporaryFile("w+b", suffix=".log") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            yield Preview(url, Path(log.name))
        finally:
            server.terminate()
            server.wait(timeout=10)
