"""The Nu HTML Checker (vnu.jar, from the npm package vnu-jar that tests/package-lock.json pins, run
by Java) on built pages: every error it reports, by page, line and column, but those ALLOWED."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.site import ROOT

JAR = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# What the checker reports that the HTML standard allows, each exactly as the checker words it, with
# the reason. An entry no page needs any more fails the tests, so the list stays short.
ALLOWED = {
    "A “link” element with a “blocking” attribute must have a “rel” attribute whose value is “stylesheet”.":
        "<link rel=expect blocking=render> holds a page's first paint until it has arrived (overrides/main.html). "
        "The HTML standard has had rel=expect since 2023 (the 'expect' link type); the checker predates it.",
}


def checker_messages(command: list[str], pages: dict[str, Path]) -> list[dict]:
    """Every error the checker reports on these pages (by name), each with the page's name."""
    missing = [name for name, path in pages.items() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"no such page to check: {', '.join(missing)}")
    names = {path.resolve().as_uri().replace("file:///", "file:/"): name for name, path in pages.items()}
    run = subprocess.run([*command, "--format", "json", "--errors-only", *map(str, pages.values())],
                         capture_output=True, text=True, check=False)
    try:
        messages = json.loads(run.stderr)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise RuntimeError(f"the HTML checker gave no report ({error}):\n{run.stdout}{run.stderr}") from error
    return [{**message, "page": names.get(message.get("url", ""), message.get("url", "?"))} for message in messages]


def html_problems(command: list[str], pages: dict[str, Path]) -> tuple[list[str], set[str]]:
    """The checker's errors on these pages that ALLOWED does not allow, as 'page:line:column: message
    (the markup)'; and the allowed messages it gave."""
    problems, allowed = [], set()
    for message in checker_messages(command, pages):
        text = message.get("message", "")
        if text in ALLOWED:
            allowed.add(text)
            continue
        where = f"{message['page']}:{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
        extract = f" ({message['extract'].strip()})" if message.get("extract") else ""
        problems.append(f"{where}: {text}{extract}")
    return problems, allowed
