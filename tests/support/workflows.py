"""GitHub Actions workflows: their structure, their pins and their permissions, each problem named by file and line.

check-jsonschema and zizmor run offline, from the virtual environment that runs the tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.site import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# The tools `make test` installs next to the interpreter running the suite.
BIN = Path(sys.executable).parent
# `uses: owner/repo[/path]@ref  # comment`, quoted or not.
USES = re.compile(r"""^\s*(?:-\s+)?uses:\s*["']?(?P<ref>[^\s"'#]+)["']?\s*(?:#\s*(?P<comment>.*))?$""")
FULL_SHA = re.compile(r"[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"v\d+(\.\d+)*\b")
# Only the job that runs actions/deploy-pages may publish, and only with these two scopes.
DEPLOY_ACTION = "actions/deploy-pages@"
DEPLOY_SCOPES = {"pages": "write", "id-token": "write"}


def workflow_files() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name


def check_schema(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """Validate workflows against the GitHub workflow schema bundled with check-jsonschema."""
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )


def zizmor(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """Audit workflows offline. The pedantic persona also reports, say, a top-level `permissions: write-all`
    that every job overrides, which the regular persona lets pass."""
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--strict-collection",
         "--no-progress", "--color", "never", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )


def pin_problems(path: Path) -> list[str]:
    """Every `uses:` that is not a full commit SHA followed by a version comment such as `# v4.2.2`."""
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = USES.match(line)
        if match is None or match["ref"].startswith(("./", "docker://")):
            continue
        ref, comment = match["ref"], (match["comment"] or "").strip()
        _, _, version = ref.partition("@")
        if not FULL_SHA.fullmatch(version):
            problems.append(f"{_name(path)}:{number}: {ref!r} is not pinned to a full 40-hex commit SHA")
        elif not VERSION_COMMENT.match(comment):
            problems.append(f"{_name(path)}:{number}: {ref!r} has no version comment (# vX.Y.Z)")
    return problems


def _line(node: yaml.Node, *keys: str) -> int:
    """The line of the deepest of `keys` found in a composed YAML document (1 for none)."""
    line = 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if found is None:
            break
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def _deploys_pages(job: dict) -> bool:
    return any(str(step.get("uses", "")).startswith(DEPLOY_ACTION)
               for step in job.get("steps") or () if isinstance(step, dict))


def permission_problems(path: Path) -> list[str]:
    """Top-level permissions must be `contents: read` alone; only the deploy-pages job may write, to Pages."""
    text = path.read_text(encoding="utf-8")
    workflow, tree = yaml.safe_load(text) or {}, yaml.compose(text)
    problems = []
    granted = workflow.get("permissions")
    if granted != {"contents": "read"}:
        problems.append(f"{_name(path)}:{_line(tree, 'permissions')}: top-level permissions are {granted!r}; "
                        "they must be contents: read only")
    for name, job in (workflow.get("jobs") or {}).items():
        scopes = job.get("permissions")
        where = f"{_name(path)}:{_line(tree, 'jobs', name, 'permissions')}: job {name!r}"
        if scopes is None:
            continue
        if not isinstance(scopes, dict):
            problems.append(f"{where} has permissions {scopes!r}; list each scope it needs")
            continue
        allowed = DEPLOY_SCOPES if _deploys_pages(job) else {}
        problems += [f"{where} has {scope}: write; only the job that runs actions/deploy-pages may write, "
                     "and only pages and id-token"
                     for scope, level in scopes.items() if level == "write" and allowed.get(scope) != "write"]
    return problems
