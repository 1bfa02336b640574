"""The supply chain: every Python package installed from a lock with its hashes that agrees with
what pyproject.toml declares, the benchmarks' npm packages locked with integrity hashes and
installed with `npm ci` only, Dependabot configured to keep all three up to date, and a security
policy readers and researchers can find."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from newsroom.site import ROOT
from support.workflows import BIN

LOCK = ROOT / "requirements.txt"
PYPROJECT = ROOT / "pyproject.toml"
MAKEFILE = ROOT / "Makefile"
NPM_LOCK = ROOT / "benchmarks" / "package-lock.json"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
# A pin of the lock: `name==version \` then its `--hash=` lines and uv's `# via` lines.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)")


def declared(pyproject: Path) -> dict[str, Requirement]:
    """Every dependency pyproject.toml declares, its extras' included, by canonical name."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    return {canonicalize_name(Requirement(text).name): Requirement(text) for text in requirements}


def locked(lock: Path) -> dict[str, tuple[str, int, int, bool]]:
    """Every pin of the lock by canonical name: its version, line, number of hashes, and whether
    uv says pyproject.toml asks for it directly."""
    pins: dict[str, tuple[str, int, int, bool]] = {}
    current = None
    for number, line in enumerate(lock.read_text(encoding="utf-8").splitlines(), 1):
        if match := PIN.match(line):
            current = canonicalize_name(match["name"])
            pins[current] = (match["version"], number, 0, False)
        elif current and "--hash=sha256:" in line:
            version, at, hashes, direct = pins[current]
            pins[current] = (version, at, hashes + 1, direct)
        elif current and "newsroom (pyproject.toml)" in line:
            version, at, hashes, _ = pins[current]
            pins[current] = (version, at, hashes, True)
    return pins


def lock_problems(lock: Path, pyproject: Path, makefile: Path) -> list[str]:
    """Where the lock and the declared dependencies disagree, or a pin has no hash."""
    options = re.search(r"^LOCK_OPTIONS := (.+)$", makefile.read_text(encoding="utf-8"), re.MULTILINE)[1]
    problems = [] if f"uv pip compile {options}" in lock.read_text(encoding="utf-8") else \
        [f"{lock.name}: not made by `make lock` (uv pip compile {options}): run it"]
    wants, pins = declared(pyproject), locked(lock)
    for name, requirement in wants.items():
        if name not in pins:
            problems.append(f"{lock.name}: {requirement} is declared in {pyproject.name} but not locked: run `make lock`")
        elif not requirement.specifier.contains(pins[name][0], prereleases=True):
            problems.append(f"{lock.name}:{pins[name][1]}: {name}=={pins[name][0]} does not satisfy {requirement} "
                            f"({pyproject.name}): run `make lock`")
    for name, (version, line, hashes, direct) in pins.items():
        if hashes == 0:
            problems.append(f"{lock.name}:{line}: {name}=={version} has no hash")
        if direct and name not in wants:
            problems.append(f"{lock.name}:{line}: {name} is locked as a dependency of {pyproject.name}, which no longer "
                            "declares it: run `make lock`")
    return problems


def test_lock_pins_with_hashes_exactly_what_pyproject_declares() -> None:
    problems = lock_problems(LOCK, PYPROJECT, MAKEFILE)
    assert not problems, "\n".join(problems)


def test_every_package_is_installed_from_the_lock_checking_its_hashes() -> None:
    makefile = MAKEFILE.read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes -r requirements.txt" in line or "--no-deps" in line for line in installs), installs


# Faults planted in copies of the lock and pyproject.toml: (file, old, new, what the report says).
LOCK_FAULTS = {
    "declared but not locked": ("pyproject.toml", '    "requests",', '    "requests",\n    "humanize",',
                                "humanize is declared in pyproject.toml but not locked"),
    "locked outside the declared range": ("pyproject.toml", '"mkdocs<2"', '"mkdocs<1.6"', "does not satisfy mkdocs<1.6"),
    "no longer declared": ("pyproject.toml", '    "requests",', "", "requests is locked as a dependency of pyproject.toml"),
    "pin without a hash": ("requirements.txt", "codespell==", "codespell-planted==0.0.1\n    # via newsroom (pyproject.toml)\ncodespell==",
                           "codespell-planted==0.0.1 has no hash"),
}


@pytest.mark.parametrize("fault", LOCK_FAULTS)
def test_planted_disagreement_between_lock_and_declaration_is_caught(tmp_path: Path, fault: str) -> None:
    where, old, new, expected = LOCK_FAULTS[fault]
    for source in (LOCK, PYPROJECT):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / where
    assert old in target.read_text(encoding="utf-8"), f"{old!r} is not in {where}"
    target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = lock_problems(tmp_path / LOCK.name, tmp_path / PYPROJECT.name, MAKEFILE)
    assert any(expected in problem for problem in problems), problems


def npm_lock_problems(lock: Path) -> list[str]:
    """npm packages without an integrity hash in the lock."""
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    return [f"{lock.name}: {name} has no sha512 integrity hash" for name, package in packages.items()
            if name and not package.get("integrity", "").startswith("sha512-")]


def test_benchmark_packages_are_locked_with_integrity_hashes_and_installed_with_npm_ci() -> None:
    problems = npm_lock_problems(NPM_LOCK)
    assert not problems, "\n".join(problems)
    npm = [line.strip() for line in MAKEFILE.read_text(encoding="utf-8").splitlines() if re.search(r"\bnpm \w", line)]
    assert npm and all(" ci " in f"{line} " for line in npm), f"npm used otherwise than `npm ci`: {npm}"


def test_planted_npm_package_without_integrity_is_caught(tmp_path: Path) -> None:
    lock = json.loads(NPM_LOCK.read_text(encoding="utf-8"))
    name = next(name for name in lock["packages"] if name)
    del lock["packages"][name]["integrity"]
    (planted := tmp_path / NPM_LOCK.name).write_text(json.dumps(lock), encoding="utf-8")
    assert npm_lock_problems(planted) == [f"{NPM_LOCK.name}: {name} has no sha512 integrity hash"]


def dependabot_problems(path: Path) -> list[str]:
    """dependabot.yml against the schema check-jsonschema bundles, offline, and weekly grouped
    updates of every ecosystem the project uses."""
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path)],
                            capture_output=True, text=True, check=False)
    problems = [] if result.returncode == 0 else [f"{path.name}: {result.stdout.strip()}"]
    try:
        updates = {update["package-ecosystem"]: update for update in yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]}
    except (yaml.YAMLError, KeyError, TypeError) as error:
        return problems + [f"{path.name}: {error}"]
    for ecosystem in ("github-actions", "pip", "npm"):
        update = updates.get(ecosystem)
        if update is None:
            problems.append(f"{path.name}: no updates for {ecosystem}")
        elif update.get("schedule", {}).get("interval") != "weekly" or not update.get("groups"):
            problems.append(f"{path.name}: {ecosystem} is not updated weekly in one group")
    return problems


def test_dependabot_updates_actions_python_and_npm_weekly_in_groups() -> None:
    problems = dependabot_problems(DEPENDABOT)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("interval: weekly", "interval: hourly", "dependabot.yml: "),
    ("  - package-ecosystem: npm", "  - package-ecosystem: npm-planted", "no updates for npm"),
], ids=["schema", "ecosystem missing"])
def test_planted_dependabot_fault_is_caught(tmp_path: Path, old: str, new: str, expected: str) -> None:
    planted = tmp_path / DEPENDABOT.name
    planted.write_text(DEPENDABOT.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = dependabot_problems(planted)
    assert any(expected in problem for problem in problems), problems


def test_security_policy_says_how_to_report_and_what_the_site_promises() -> None:
    policy = (ROOT / "SECURITY.md").read_text(encoding="utf-8").lower()
    for promise in ("report", "third-party", "cookies", "tracking", "content security policy"):
        assert promise in policy, f"SECURITY.md says nothing of {promise!r}"
