"""The supply chain: the installer installed first from a lock of its own, then every Python
package from a lock with its hashes that agrees with what pyproject.toml declares and holds every
package the locked ones ask for; a fresh venv set up that way, whatever pip its interpreter
bundles; the tests' and benchmarks' npm packages locked with integrity hashes and installed with
`npm ci` only, Dependabot configured to keep them all up to date, and a security policy readers
and researchers can find."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.site import ROOT
from tests.support.workflows import BIN

LOCK = ROOT / "requirements.txt"
# The site's part of the lock (what `make build`, `make serve` and `make new` install), made with
# the extras it names.
SITE_LOCK = ROOT / "requirements-site.txt"
SITE_EXTRAS = ("tools",)
INSTALLER_LOCK = ROOT / "requirements-installer.txt"
# What `make` installs first, from INSTALLER_LOCK, to install the rest.
INSTALLER = "pip"
PYPROJECT = ROOT / "pyproject.toml"
MAKEFILE = ROOT / "Makefile"
NPM_LOCKS = [ROOT / "benchmarks" / "package-lock.json", ROOT / "tests" / "package-lock.json"]
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
# A pin of the lock: `name==version [; marker] \` then its `--hash=` lines and uv's `# via` lines.
PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s;]+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def declared(pyproject: Path, extras: tuple[str, ...] | None = None) -> dict[str, Requirement]:
    """Every dependency pyproject.toml declares, with those of `extras` (all of them if None), by
    canonical name."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    optional = project["optional-dependencies"]
    requirements = [*project["dependencies"], *(r for extra in (optional if extras is None else extras) for r in optional[extra])]
    return {canonicalize_name(Requirement(text).name): Requirement(text) for text in requirements}


@dataclass
class Pin:
    """A pin of a lock: its version, line, the platforms it is for (uv's marker, if any), its number
    of hashes, and whether uv says pyproject.toml asks for it directly."""

    version: str
    line: int
    marker: Marker | None
    hashes: int = 0
    direct: bool = False


def locked(lock: Path) -> dict[str, Pin]:
    """Every pin of the lock, by canonical name."""
    pins: dict[str, Pin] = {}
    current = None
    for number, line in enumerate(lock.read_text(encoding="utf-8").splitlines(), 1):
        if match := PIN.match(line):
            current = pins[canonicalize_name(match["name"])] = Pin(
                match["version"], number, Marker(match["marker"]) if match["marker"] else None)
        elif current and "--hash=sha256:" in line:
            current.hashes += 1
        elif current and "newsroom (pyproject.toml)" in line:
            current.direct = True
    return pins


def lock_problems(lock: Path, pyproject: Path, makefile: Path, options_name: str = "LOCK_OPTIONS",
                  extras: tuple[str, ...] | None = None) -> list[str]:
    """Where the lock and the dependencies declared with `extras` (all if None) disagree, or a pin
    has no hash; `options_name` names the Makefile's options `make lock` makes this lock with."""
    options = re.search(rf"^{options_name} := (.+)$", makefile.read_text(encoding="utf-8"), re.MULTILINE)[1]
    problems = [] if f"uv pip compile {options}" in lock.read_text(encoding="utf-8") else \
        [f"{lock.name}: not made by `make lock` (uv pip compile {options}): run it"]
    wants, pins = declared(pyproject, extras), locked(lock)
    for name, requirement in wants.items():
        if name not in pins:
            problems.append(f"{lock.name}: {requirement} is declared in {pyproject.name} but not locked: run `make lock`")
        elif not requirement.specifier.contains(pins[name].version, prereleases=True):
            problems.append(f"{lock.name}:{pins[name].line}: {name}=={pins[name].version} does not satisfy {requirement} "
                            f"({pyproject.name}): run `make lock`")
    for name, pin in pins.items():
        if pin.hashes == 0:
            problems.append(f"{lock.name}:{pin.line}: {name}=={pin.version} has no hash")
        if pin.direct and name not in wants:
            problems.append(f"{lock.name}:{pin.line}: {name} is locked as a dependency of {pyproject.name}, which no longer "
                            "declares it: run `make lock`")
    return problems


def test_lock_pins_with_hashes_exactly_what_pyproject_declares() -> None:
    problems = lock_problems(LOCK, PYPROJECT, MAKEFILE)
    assert not problems, "\n".join(problems)


def site_lock_problems(site_lock: Path, lock: Path) -> list[str]:
    """Where the site's lock pins a package otherwise than the whole lock does."""
    whole = locked(lock)
    problems = []
    for name, pin in locked(site_lock).items():
        if name not in whole or whole[name].version != pin.version:
            problems.append(f"{site_lock.name}:{pin.line}: {name}=={pin.version}, which {lock.name} pins "
                            f"{'not at all' if name not in whole else '==' + whole[name].version}: run `make lock`")
    return problems


def test_the_site_lock_pins_what_the_site_declares_as_the_whole_lock_pins_it() -> None:
    problems = (lock_problems(SITE_LOCK, PYPROJECT, MAKEFILE, "SITE_LOCK_OPTIONS", SITE_EXTRAS)
                + site_lock_problems(SITE_LOCK, LOCK) + unmet_requirements(SITE_LOCK, PYPROJECT, SITE_EXTRAS))
    assert not problems, "\n".join(problems)


def test_planted_site_lock_pin_that_the_whole_lock_pins_otherwise_is_caught(tmp_path: Path) -> None:
    pin = locked(SITE_LOCK)["mkdocs"]
    planted = tmp_path / SITE_LOCK.name
    planted.write_text(SITE_LOCK.read_text(encoding="utf-8").replace(f"mkdocs=={pin.version} ", "mkdocs==1.0.0 ", 1), encoding="utf-8")
    assert f"{SITE_LOCK.name}:{pin.line}: mkdocs==1.0.0, which requirements.txt pins =={pin.version}: run `make lock`" \
        in site_lock_problems(planted, LOCK)


def test_make_build_installs_no_browser_driver_or_test_tool() -> None:
    """`make build`, `make serve` and `make new` install the installer, then the site's lock; the
    site's lock pins no package of the `test` extra that the site itself does not need."""
    commands = install_commands(MAKEFILE, "SITE_INSTALLED")
    assert [command.split(" -r ")[-1] for command in commands if " -r " in command] == [INSTALLER_LOCK.name, SITE_LOCK.name], commands
    needed = {requirement.name for requirement in closure(PYPROJECT, SITE_EXTRAS)}
    tools = [name for name in declared(PYPROJECT, ("test",)) if name in locked(SITE_LOCK) and name not in needed]
    assert not tools, f"{SITE_LOCK.name} pins {tools}, which only the tests need"
    assert "playwright" not in locked(SITE_LOCK)


def install_commands(makefile: Path, marker: str = "INSTALLED") -> list[str]:
    """The commands of the Makefile's install step (the one making `marker`) that install packages,
    as `make` runs them in a new checkout (`make --dry-run`, which runs nothing)."""
    installed = re.search(rf"^{marker} := (.+)$", makefile.read_text(encoding="utf-8"), re.MULTILINE)[1]
    run = subprocess.run(["make", "--dry-run", "--always-make", "-f", makefile.name, installed.replace("$(VENV)", ".venv")],
                         cwd=makefile.parent, capture_output=True, text=True, check=True)
    return [line.strip() for line in run.stdout.splitlines() if re.search(r"\bpip\b.* install ", line)]


def install_problems(makefile: Path, installer_lock: Path) -> list[str]:
    """The install step must first install the installer from its own lock, checking its hashes,
    and only then, with it, the lock; nothing else may install a package by name."""
    problems = []
    commands = install_commands(makefile)
    first = commands[0] if commands else ""
    if f"--require-hashes -r {installer_lock.name}" not in first:
        problems.append(f"{makefile.name}: the install step installs {first or 'nothing'!r} first; it must install "
                        f"{INSTALLER} from {installer_lock.name} with --require-hashes, so that the pip a new venv "
                        "brings installs nothing else")
    for command in commands[1:]:
        if not re.search(r"--require-hashes -r requirements(-site)?\.txt", command) and "--no-deps" not in command:
            problems.append(f"{makefile.name}: {command!r} installs without checking the lock's hashes")
    if not any("--require-hashes -r requirements.txt" in command for command in commands[1:]):
        problems.append(f"{makefile.name}: the install step does not install requirements.txt after the installer")
    pins = locked(installer_lock) if installer_lock.is_file() else {}
    if INSTALLER not in pins or pins[INSTALLER].hashes == 0:
        problems.append(f"{installer_lock.name}: {INSTALLER} is not pinned with its hashes: run `make lock`")
    problems += [f"{installer_lock.name}:{pin.line}: {name} is pinned beside {INSTALLER}; this lock holds the installer alone"
                 for name, pin in pins.items() if name != INSTALLER]
    return problems


def test_the_installer_is_installed_first_from_its_own_lock_then_every_package_from_the_lock() -> None:
    problems = install_problems(MAKEFILE, INSTALLER_LOCK)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("where", "old", "new", "expected"), [
    ("requirements-installer.txt", "pip==", "# pip==", "requirements-installer.txt: pip is not pinned with its hashes"),
    ("Makefile", "\t$(PIP) install --require-hashes -r $(INSTALLER_LOCK)\n", "",
     "it must install pip from requirements-installer.txt with --require-hashes"),
], ids=["the installer's pin removed", "the installer not installed first"])
def test_planted_install_without_the_pinned_installer_is_caught(tmp_path: Path, where: str, old: str, new: str,
                                                                 expected: str) -> None:
    for source in (MAKEFILE, INSTALLER_LOCK, LOCK, SITE_LOCK, PYPROJECT):
        shutil.copy2(source, tmp_path / source.name)
    target = tmp_path / where
    assert old in target.read_text(encoding="utf-8"), f"{old!r} is not in {where}"
    target.write_text(target.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = install_problems(tmp_path / MAKEFILE.name, tmp_path / INSTALLER_LOCK.name)
    assert any(expected in problem for problem in problems), problems


# Where the lock must hold: every interpreter from 3.11 (uv's --python-version 3.11 --universal) on
# the platforms people run `make` on, as packaging's markers read them.
PLATFORMS = {
    "Linux x86-64": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"},
    "Linux ARM": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "aarch64"},
    "Apple silicon Mac": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"},
    "Intel Mac": {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "x86_64"},
    "Windows x64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
    "Windows on ARM": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "ARM64"},
}
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


def _applies(marker: Marker | None, environment: dict[str, str], extras: frozenset[str]) -> bool:
    """Whether a requirement holds in `environment` for a package asked for with these extras."""
    return marker is None or any(marker.evaluate({**environment, "extra": extra}) for extra in {"", *extras})


def unmet_requirements(lock: Path, pyproject: Path, extras: tuple[str, ...] | None = None) -> list[str]:
    """Every requirement that a package the lock installs declares (for the extras it is asked for
    with, on every interpreter and platform of PLATFORMS and PYTHONS) which the lock does not meet:
    its package not pinned there, or pinned at a version outside the range. The installer then finds
    every package it needs in the lock and never reaches for an unpinned release.

    The requirements come from the packages' own metadata, as installed in the environment running
    this: a package that this machine does not install (one for Windows alone, say) is checked for
    being pinned, and its own requirements on a machine that installs it."""
    pins = locked(lock)
    requires: dict[str, list[Requirement]] = {}  # each installed package's requirements, read once

    def requirements_of(name: str) -> list[Requirement]:
        if name not in requires:
            try:
                requires[name] = [Requirement(text) for text in metadata.distribution(name).requires or ()]
            except metadata.PackageNotFoundError:
                requires[name] = []  # not installed here: see the docstring
        return requires[name]

    problems: dict[str, list[tuple[str, str]]] = {}
    for python in PYTHONS:
        for platform, facts in PLATFORMS.items():
            environment = {**facts, "python_version": python, "python_full_version": f"{python}.0"}
            queue = [(requirement, pyproject.name, frozenset()) for requirement in declared(pyproject, extras).values()]
            seen: set[tuple[str, frozenset[str]]] = set()
            while queue:
                requirement, asker, asker_extras = queue.pop()
                if not _applies(requirement.marker, environment, asker_extras):
                    continue
                name, extras = canonicalize_name(requirement.name), frozenset(map(canonicalize_name, requirement.extras))
                wanted = f"{_with_extras(requirement.name, extras)}{requirement.specifier}"
                pin = pins.get(name)
                if pin is None or not _applies(pin.marker, environment, frozenset()):
                    problems.setdefault(f"{lock.name}: {asker} needs {wanted}, which the lock does not pin",
                                        []).append((platform, python))
                    continue
                if not requirement.specifier.contains(pin.version, prereleases=True):
                    problems.setdefault(f"{lock.name}: {asker} needs {wanted}, but the lock pins {name}=={pin.version}",
                                        []).append((platform, python))
                if (name, extras) in seen:
                    continue
                seen.add((name, extras))
                queue += [(needed, f"{_with_extras(name, extras)} {pin.version}", extras) for needed in requirements_of(name)]
    return [f"{problem} ({_where(where)}): run `make lock`" for problem, where in problems.items()]


def closure(pyproject: Path, extras: tuple[str, ...] | None = None) -> list[Requirement]:
    """Every requirement reached from what pyproject.toml declares with `extras`, through the
    installed packages' own requirements, on any platform and Python (markers not read)."""
    queue, seen, reached = list(declared(pyproject, extras).values()), set(), []
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        reached.append(Requirement(name))
        try:
            queue += [Requirement(text) for text in metadata.distribution(name).requires or () if "extra ==" not in text]
        except metadata.PackageNotFoundError:
            pass
    return reached


def _with_extras(name: str, extras: frozenset[str]) -> str:
    return f"{name}[{','.join(sorted(extras))}]" if extras else name


def _where(places: list[tuple[str, str]]) -> str:
    """Where a requirement is unmet, said shortly: anywhere, on some platforms, or platform and Python."""
    if len(places) == len(PLATFORMS) * len(PYTHONS):
        return "anywhere"
    platforms = dict.fromkeys(platform for platform, _ in places)
    if len(places) == len(platforms) * len(PYTHONS):
        return ", ".join(platforms)
    return "; ".join(f"{platform}, Python {python}" for platform, python in places)


def test_the_lock_holds_every_package_the_locked_packages_ask_for_extras_included() -> None:
    problems = unmet_requirements(LOCK, PYPROJECT)
    assert not problems, "\n".join(problems)


def without_pin(lock: Path, name: str) -> str:
    """The lock's text without the pin of `name` (its line, hashes and `# via` lines)."""
    kept, skipping = [], False
    for line in lock.read_text(encoding="utf-8").splitlines(keepends=True):
        if match := PIN.match(line):
            skipping = canonicalize_name(match["name"]) == name
        if not skipping:
            kept.append(line)
    return "".join(kept)


@pytest.mark.parametrize(("removed", "expected"), [
    ("filelock", "cachecontrol[filecache] 0.14.4 needs filelock>=3.8.0, which the lock does not pin"),
    ("requests", "needs requests"),
], ids=["an extra's dependency", "a dependency"])
def test_planted_package_missing_from_the_lock_is_caught(tmp_path: Path, removed: str, expected: str) -> None:
    planted = tmp_path / LOCK.name
    planted.write_text(without_pin(LOCK, removed), encoding="utf-8")
    assert planted.read_text(encoding="utf-8") != LOCK.read_text(encoding="utf-8"), f"{removed} is not in the lock"
    problems = unmet_requirements(planted, PYPROJECT)
    assert any(expected in problem for problem in problems), "\n".join(problems)


def interpreters() -> dict[str, str]:
    """The interpreters to set up a venv with, by version: the one running this suite's venv (which
    `make` made it with), and any other of 3.11, 3.12 and 3.13 on the PATH that runs."""
    found = {f"{sys.version_info.major}.{sys.version_info.minor}": sys._base_executable}
    for version in ("3.11", "3.12", "3.13"):
        program = shutil.which(f"python{version}")
        if version not in found and program and subprocess.run([program, "-c", ""], capture_output=True).returncode == 0:
            found[version] = program
    return dict(sorted(found.items()))


def test_a_fresh_venv_with_its_bundled_pip_sets_up_with_the_pinned_installer(tmp_path: Path) -> None:
    """As a new user meets it: a venv made by each interpreter's own `venv`, its bundled pip not
    upgraded, then the Makefile's install step, in a copy of what it reads, with no cache of the
    developer's and nothing of their .venv. It downloads the packages, so it needs the package
    index (PyPI), as `make` does on a new machine; CI has it."""
    parts = (MAKEFILE, INSTALLER_LOCK, LOCK, SITE_LOCK, PYPROJECT, ROOT / "newsroom")
    installer_version = locked(INSTALLER_LOCK)[INSTALLER].version
    ours = Path(sys.prefix) / "bin"
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(entry for entry in env["PATH"].split(os.pathsep) if Path(entry) != ours)
    env["PIP_CACHE_DIR"] = str(tmp_path / "pip-cache")  # the interpreters' runs share it, and nothing else
    problems = []
    for version, interpreter in interpreters().items():
        copy = tmp_path / f"python{version}"
        copy.mkdir()
        for part in parts:
            (shutil.copytree if part.is_dir() else shutil.copy2)(part, copy / part.name)
        subprocess.run([interpreter, "-m", "venv", ".venv"], cwd=copy, env=env, check=True)
        bundled = subprocess.run([".venv/bin/python", "-m", "pip", "--version"], cwd=copy, env=env,
                                 capture_output=True, text=True, check=True).stdout.split()[1]
        step = subprocess.run(["make", f"PYTHON={interpreter}", ".venv/.installed-requirements"], cwd=copy, env=env,
                              capture_output=True, text=True, check=False)
        if step.returncode != 0:
            problems.append(f"Python {version} (bundled pip {bundled}): the install step failed:\n{step.stdout}{step.stderr}")
            continue
        installer = subprocess.run([".venv/bin/python", "-m", "pip", "--version"], cwd=copy, env=env,
                                   capture_output=True, text=True, check=True).stdout.split()[1]
        consistent = subprocess.run([".venv/bin/python", "-m", "pip", "check"], cwd=copy, env=env, capture_output=True, text=True)
        runs = subprocess.run([".venv/bin/python", "-c", "import newsroom.finish, material.plugins.blog.plugin"],
                              cwd=copy, env=env, capture_output=True, text=True)
        if installer != installer_version:
            problems.append(f"Python {version}: installed with pip {installer}, not the pinned {installer_version}")
        if consistent.returncode or runs.returncode:
            problems.append(f"Python {version} (bundled pip {bundled}): {consistent.stdout}{runs.stderr}")
    assert not problems, "\n".join(problems)


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


# What only the tests, the checks and the benchmarks use (tests/support/): never the site's build.
TEST_TOOLS = ("playwright", "requests", "codespell", "spylls", "pytest")
# How a module's imports are tried with the test tools missing, in a fresh interpreter: each
# module of the package imported, and each failure named with its file.
_IMPORT_EACH = """
import importlib, pathlib, sys
blocked, package = sys.argv[1].split(","), pathlib.Path(sys.argv[2])
sys.modules.update({name: None for name in blocked})
sys.path.insert(0, str(package.parent))
for path in sorted(package.rglob("*.py")):
    name = ".".join(path.relative_to(package.parent).with_suffix("").parts).removesuffix(".__init__")
    try:
        importlib.import_module(name)
    except ImportError as error:
        print(f"{path.relative_to(package.parent)}: {error}")
"""


def runtime_problems(pyproject: Path, package: Path) -> list[str]:
    """Where the site's package needs a test tool: declared among its dependencies, or imported by
    one of its modules."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    declared_tools = [name for name in (canonicalize_name(Requirement(text).name) for text in dependencies)
                      if name in {canonicalize_name(tool) for tool in TEST_TOOLS}]
    problems = [f"{pyproject.name}: {name} is a dependency of the package; it belongs in the `test` extra"
                for name in declared_tools]
    modules = {"codespell": "codespell_lib", "pytest": "pytest"}
    run = subprocess.run([sys.executable, "-c", _IMPORT_EACH, ",".join(modules.get(tool, tool) for tool in TEST_TOOLS),
                          str(package)], capture_output=True, text=True, check=False)
    problems += [f"{line} (only tests/support/ may use a test tool)" for line in run.stdout.splitlines()]
    if run.returncode:
        problems.append(f"the package's modules could not be tried:\n{run.stderr}")
    return problems


def test_the_site_package_needs_no_test_tool() -> None:
    """`make build` needs no browser driver, link checker or spelling dictionary."""
    problems = runtime_problems(PYPROJECT, ROOT / "newsroom")
    assert not problems, "\n".join(problems)


def test_planted_test_tool_in_the_site_package_is_caught(tmp_path: Path) -> None:
    package = tmp_path / "newsroom"
    shutil.copytree(ROOT / "newsroom", package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "screenshots.py").write_text("from playwright.sync_api import sync_playwright\n", encoding="utf-8")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT.read_text(encoding="utf-8").replace('    "PyYAML",', '    "PyYAML",\n    "requests",', 1),
                         encoding="utf-8")
    problems = runtime_problems(pyproject, package)
    assert "pyproject.toml: requests is a dependency of the package; it belongs in the `test` extra" in problems, problems
    assert any(problem.startswith("newsroom/screenshots.py: ") and "playwright" in problem for problem in problems), problems


def npm_lock_problems(lock: Path) -> list[str]:
    """npm packages without an integrity hash in the lock."""
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    return [f"{lock.name}: {name} has no sha512 integrity hash" for name, package in packages.items()
            if name and not package.get("integrity", "").startswith("sha512-")]


def test_npm_packages_are_locked_with_integrity_hashes_and_installed_with_npm_ci() -> None:
    problems = [problem for lock in NPM_LOCKS for problem in npm_lock_problems(lock)]
    assert not problems, "\n".join(problems)
    npm = [line.strip() for line in MAKEFILE.read_text(encoding="utf-8").splitlines()
           if re.search(r"\bnpm \w", line) and not line.lstrip().startswith("#")]
    assert all(" ci " in f"{line} " for line in npm), f"npm used otherwise than `npm ci`: {npm}"
    for lock in NPM_LOCKS:
        assert any(f"cd {lock.parent.name} && npm ci " in line for line in npm), f"{lock.parent.name}'s packages are not installed by `npm ci`"


def test_planted_npm_package_without_integrity_is_caught(tmp_path: Path) -> None:
    lock = json.loads(NPM_LOCKS[0].read_text(encoding="utf-8"))
    name = next(name for name in lock["packages"] if name)
    del lock["packages"][name]["integrity"]
    (planted := tmp_path / NPM_LOCKS[0].name).write_text(json.dumps(lock), encoding="utf-8")
    assert npm_lock_problems(planted) == [f"{planted.name}: {name} has no sha512 integrity hash"]


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
