"""Publishing on GitHub Pages: the workflows are valid, pinned, least-privilege and clean under zizmor,
and the site works when Pages serves it under a subpath."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from tests.support.checks.links import page_url
from newsroom.pages_size import PAGES_LIMIT_BYTES, breakdown, site_bytes
from newsroom.cache import CACHE_DIR
from newsroom.finish import write_manifest
from tests.support.site import ROOT, BuiltSite, build, parse
from tests.conftest import SiteUnderTest
from tests.support.workflows import (WORKFLOWS, check_schema, permission_problems, pin_problems, workflow_files,
                               zizmor)

PUBLISH = WORKFLOWS / "publish.yml"
SETUP = WORKFLOWS / "setup.yml"
SUBPATH_URL = "https://example.github.io/newsroom/"
CHECKOUT = "actions/checkout@9c091bb21b7c1c1d1991bb908d89e4e9dddfe3e0 # v7.0.0"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_publish_workflow_is_there() -> None:
    assert PUBLISH in workflow_files()


def test_every_workflow_matches_the_github_workflow_schema() -> None:
    result = check_schema(workflow_files())
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_workflow_and_dependabot_config_is_clean_under_zizmor() -> None:
    result = zizmor([*workflow_files(), WORKFLOWS.parent / "dependabot.yml"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    problems = [problem for path in workflow_files() for problem in pin_problems(path)]
    assert not problems, "\n".join(problems)


def test_only_the_deploy_job_may_write() -> None:
    problems = [problem for path in workflow_files() for problem in permission_problems(path)]
    assert not problems, "\n".join(problems)
    jobs = load(PUBLISH)["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}


def spliced_expressions(paths: list[Path]) -> list[str]:
    """Run blocks that splice an expression into the script with `${{ }}`: values must reach shell
    commands through env, where the shell quotes them."""
    return [f"{path.name}: job {name!r} splices an expression into: {step['run']!r}"
            for path in paths for name, job in load(path)["jobs"].items()
            for step in job.get("steps", ()) if "${{" in step.get("run", "")]


def test_no_run_block_expands_an_expression() -> None:
    problems = spliced_expressions(workflow_files())
    assert not problems, "\n".join(problems)


def test_planted_expression_in_a_run_block_is_caught(tmp_path: Path) -> None:
    workflow = plant(tmp_path, "        run: make test", '        run: echo "${{ github.event.head_commit.message }}" && make test')
    problems = spliced_expressions([workflow])
    assert any(problem.startswith(f"{PUBLISH.name}: job 'build' splices an expression") for problem in problems), problems


def test_publish_workflow_tests_builds_then_deploys_one_run_at_a_time() -> None:
    workflow = load(PUBLISH)
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert triggers["push"] == {"branches": ["main"]} and "workflow_dispatch" in triggers
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build_job, deploy_job = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    commands = [step.get("run") or step["uses"].split("@")[0] for step in build_job["steps"]]
    assert commands == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/cache",
                        "make test", 'SITE_URL="${PAGES_BASE_URL%/}/" make build', "actions/upload-pages-artifact"]
    checkout, python, pages, cache, test, site, upload = build_job["steps"]
    # The cache of the last run (cards and rendered bodies) comes back, and this run's is saved under
    # a key of its own.
    assert cache["with"]["path"] == CACHE_DIR
    assert cache["with"]["key"] == cache["with"]["restore-keys"] + "${{ github.sha }}"
    assert checkout["with"]["persist-credentials"] is False
    assert python["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.txt"}
    assert test["env"]["CI"] == "true"
    assert site["env"]["PAGES_BASE_URL"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
    assert upload["with"]["path"] == "site/"
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert [step["uses"].split("@")[0] for step in deploy_job["steps"]] == ["actions/deploy-pages"]


def setup_problems(path: Path) -> list[str]:
    """The weekly set-up must start from scratch, as a new machine does, on every Python the site
    supports, and run the whole suite as CI does, so that an upstream release that breaks the
    set-up fails here before an editor meets it."""
    workflow = load(path)
    triggers, problems = workflow.get(True) or {}, []
    crons = [entry.get("cron", "") for entry in triggers.get("schedule") or []]
    if len(crons) != 1 or not re.fullmatch(r"\d+ \d+ \* \* [0-6]", crons[0]):
        problems.append(f"{path.name}: scheduled {crons}, not once a week (minute hour * * weekday)")
    if "workflow_dispatch" not in triggers:
        problems.append(f"{path.name}: cannot be run by hand (workflow_dispatch)")
    steps = [step for job in (workflow.get("jobs") or {}).values() for step in job.get("steps") or ()]
    pythons = [step for step in steps if str(step.get("uses", "")).startswith("actions/setup-python@")]
    versions = str(pythons[0].get("with", {}).get("python-version", "")).split() if pythons else []
    if versions[-1:] != ["3.11"] or set(versions) != {"3.11", "3.12", "3.13"}:
        problems.append(f"{path.name}: sets up Python {versions}, not 3.11, 3.12 and 3.13 with 3.11 (the oldest) as python3")
    problems += [f"{path.name}: restores a cache ({step.get('uses')}); the set-up must start from scratch"
                 for step in steps if "cache" in (step.get("with") or {}) or str(step.get("uses", "")).startswith("actions/cache@")]
    if not any(step.get("run") == "make test" and (step.get("env") or {}).get("CI") == "true" for step in steps):
        problems.append(f"{path.name}: does not run `make test` with CI=true, as CI does")
    return problems


def test_weekly_setup_installs_from_scratch_on_every_python_and_runs_the_suite() -> None:
    problems = setup_problems(SETUP)
    assert not problems, "\n".join(problems)
    assert load(SETUP)["jobs"]["setup"]["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('    - cron: "43 5 * * 2"', '    - cron: "43 5 * * *"', "not once a week"),
    ("            3.11\n", "            3.11\n          cache: pip\n", "restores a cache"),
    ("            3.13\n", "", "not 3.11, 3.12 and 3.13"),
    ("        run: make test", "        run: make check", "does not run `make test`"),
], ids=["daily", "cached", "a Python left out", "not the suite"])
def test_planted_setup_that_would_miss_upstream_breakage_is_caught(tmp_path: Path, old: str, new: str,
                                                                   expected: str) -> None:
    workflow = plant(tmp_path, old, new, SETUP)
    problems = setup_problems(workflow)
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(("base_url", "site_url"), [
    ("https://owner.github.io/newsroom", "https://owner.github.io/newsroom/"),
    ("https://owner.github.io/newsroom/", "https://owner.github.io/newsroom/"),
    ("https://news.example.org", "https://news.example.org/"),
])
def test_the_build_step_gives_site_url_one_trailing_slash(tmp_path: Path, base_url: str, site_url: str) -> None:
    """Runs the workflow's own build command, with a stand-in `make` that prints what it was given."""
    stand_in = tmp_path / "make"
    stand_in.write_text('#!/bin/sh\nprintf "%s" "$SITE_URL"\n', encoding="utf-8")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    command = next(step["run"] for step in load(PUBLISH)["jobs"]["build"]["steps"] if "make build" in step.get("run", ""))
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}", "PAGES_BASE_URL": base_url}
    result = subprocess.run(["bash", "-e", "-c", command], env=env, capture_output=True, text=True, check=True)
    assert result.stdout == site_url


# Planted faults: a copy of the workflows with one fault must fail, naming the file and the line.
def plant(tmp_path: Path, old: str, new: str, workflow: Path = PUBLISH) -> Path:
    copy = tmp_path / ".github" / "workflows"
    shutil.copytree(WORKFLOWS, copy)
    target = copy / workflow.name
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {workflow.name}: the planted fault would plant nothing"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if text in line)


def test_planted_tag_instead_of_sha_fails_the_pin_check_and_zizmor(tmp_path: Path) -> None:
    workflow = plant(tmp_path, CHECKOUT, "actions/checkout@v7.0.0")
    where = f"publish.yml:{line_of(workflow, 'actions/checkout@v7.0.0')}"
    assert any(problem.startswith(where) and "not pinned" in problem for problem in pin_problems(workflow))
    result = zizmor([workflow.parent])
    assert result.returncode != 0 and "unpinned-uses" in result.stdout and f"{where}:" in result.stdout, result.stdout


def test_planted_sha_without_version_comment_fails_the_pin_check(tmp_path: Path) -> None:
    workflow = plant(tmp_path, CHECKOUT, CHECKOUT.partition(" #")[0])
    where = f"publish.yml:{line_of(workflow, 'actions/checkout@')}"
    assert any(problem.startswith(where) and "no version comment" in problem for problem in pin_problems(workflow))


@pytest.mark.parametrize(("old", "new"), [
    ("permissions:\n  contents: read\n", "permissions: write-all\n"),
    ("    permissions:\n      contents: read # to check out the repository\n"
     "      pages: read # configure-pages reads the site's address from the Pages settings\n",
     "    permissions: write-all\n"),
], ids=["top level", "build job"])
def test_planted_write_all_fails_the_permission_check_and_zizmor(tmp_path: Path, old: str, new: str) -> None:
    workflow = plant(tmp_path, old, new)
    where = f"publish.yml:{line_of(workflow, 'permissions: write-all')}:"
    problems = permission_problems(workflow)
    assert any(problem.startswith(where) and "'write-all'" in problem for problem in problems), "\n".join(problems)
    result = zizmor([workflow.parent])
    assert result.returncode != 0 and "excessive-permissions" in result.stdout and where in result.stdout, result.stdout


def test_planted_pages_write_on_the_build_job_fails_the_permission_check(tmp_path: Path) -> None:
    workflow = plant(tmp_path, "      pages: read #", "      pages: write #")
    problems = permission_problems(workflow)
    assert any("job 'build' has pages: write" in problem for problem in problems), "\n".join(problems)


def test_planted_structure_fault_fails_check_jsonschema_naming_the_file(tmp_path: Path) -> None:
    workflow = plant(tmp_path, "    needs: build\n    runs-on: ubuntu-latest\n", "    needs: build\n")
    result = check_schema([workflow])
    assert result.returncode != 0 and f"{workflow}::$.jobs.deploy" in result.stdout, result.stdout
    assert zizmor([workflow.parent]).returncode != 0


def test_404_page_loads_its_styles_and_scripts_under_a_subpath(tmp_path: Path) -> None:
    """A project site lives under /<repo>/: the 404 page, served for any wrong address, must still find its assets."""
    result = build(ROOT, tmp_path / "site", SUBPATH_URL)
    assert result.returncode == 0, result.stderr
    site = BuiltSite(tmp_path / "site", SUBPATH_URL)
    page = parse(site.root / "404.html")
    # Material's script is loaded by an inline one (newsroom/page_html.py).
    loaded_later = [src for script in page.xpath("//script[not(@src)]/text()")
                    for src in re.findall(r"bundle\.src=`([^`]+)`", script)]
    stylesheets = page.xpath("//link[@rel='stylesheet']/@href")
    urls = page.xpath("//link[@rel='icon']/@href") + stylesheets + page.xpath("//script/@src") + loaded_later
    assert stylesheets and loaded_later, f"404.html loads no stylesheet or no script: {urls}"
    for url in urls:
        path = urlsplit(urljoin(page_url(site, "404.html"), url)).path
        assert url.startswith(site.path_prefix), f"404.html: {url!r} does not start with {site.path_prefix}"
        assert (site.root / path.removeprefix(site.path_prefix)).is_file(), f"404.html: {url!r} is not in the site"


def test_publication_checks_the_site_fits_github_pages_before_uploading() -> None:
    steps = load(PUBLISH)["jobs"]["build"]["steps"]
    build = next(index for index, step in enumerate(steps) if "make build" in step.get("run", ""))
    upload = next(index for index, step in enumerate(steps) if "upload-pages-artifact" in step.get("uses", ""))
    recipe = re.search(r"^build:.*?(?=^\S|\Z)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)[0]
    assert build < upload and "newsroom.finish site" in recipe, "the site's size is not checked before it is uploaded"


def test_planted_oversize_site_stops_the_build_naming_the_limit_and_the_size(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    with (site / "archive.bin").open("wb") as sparse:  # takes no disk space
        sparse.truncate(PAGES_LIMIT_BYTES + 5_000_000)
    write_manifest(site, articles=0)
    result = subprocess.run([sys.executable, "-m", "newsroom.finish", str(site)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "is 1,005.0 MB, over GitHub Pages' limit of 1,000 MB" in result.stderr, result.stderr


def test_site_size_is_told_by_kind_of_file(every_site: SiteUnderTest) -> None:
    site = every_site.site.root
    weighed = breakdown(site, every_site.config)
    kinds = weighed.families
    rendered = len(every_site.articles) + len(every_site.draft_pages)
    assert kinds["article pages"].files == rendered
    assert weighed.bytes == sum(family.bytes for family in kinds.values()) == site_bytes(site)
    assert kinds["social cards"].files == rendered and kinds["list pages"].files > 0
