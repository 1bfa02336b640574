"""A missing browser fails the browser tests in CI and skips them elsewhere, saying how to get one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.site import ROOT

BROWSER_TEST = "tests/test_article_in_browser.py::test_dark_palette_follows_the_reader_setting"


@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 error"), ("", "1 skipped")], ids=["in CI", "elsewhere"])
def test_missing_browser_fails_in_ci_and_is_skipped_elsewhere(ci: str, outcome: str) -> None:
    env = {**os.environ, "CI": ci, "CHROMIUM": "/nonexistent/chromium"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rfs", BROWSER_TEST],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert outcome in result.stdout and "no browser to run" in result.stdout, result.stdout[-2000:]
