"""Spelling of what readers see, checked against a British English dictionary, our word list and codespell."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.site import BuiltSite
from tests.support.checks.spelling import WORD_LIST, codespell, misspellings, site_words, word_list

from tests.conftest import FIXTURE, FIXTURE_PAGE, ProjectCopy, SiteUnderTest


def test_every_word_readers_see_is_spelled_correctly(every_site: SiteUnderTest) -> None:
    site, project = every_site.site, every_site.project
    problems = misspellings(site, project)
    assert not problems, "\n".join(problems)


def test_codespell_finds_no_common_misspelling(every_site: SiteUnderTest) -> None:
    site, project = every_site.site, every_site.project
    findings = codespell(project / "docs", project / "overrides", site.root)
    assert not findings, "\n".join(findings)


@pytest.mark.editorial
def test_word_list_is_sorted_without_duplicates() -> None:
    words = word_list()
    assert len(words) == len(set(words)), "duplicates in tests/support/dictionary/words.txt"
    assert words == sorted(words, key=str.casefold), f"sort {WORD_LIST.name} (case-insensitive)"


@pytest.mark.editorial
@pytest.mark.whole_site
def test_every_word_list_entry_is_still_used(site: BuiltSite) -> None:
    seen = {form for word in site_words(site) for form in (word.removesuffix("'s"), word[:1].lower() + word[1:].removesuffix("'s"))}
    unused = [word for word in word_list() if word not in seen]
    assert not unused, f"no page uses these entries of tests/support/dictionary/words.txt any more: {unused}"


# Each planted fault: (text in the article, its misspelt replacement, what the report must say).
UNKNOWN_WORDS = {
    "in the body": ("Officials on both sides said", "Officials on both sides siad", "'siad'"),
    "in a heading": ("## What each side wants", "## What each side wnats", "'wnats'"),
    "in a proper name": ("Delegations met", "Blinkin and delegations met", "'Blinkin'"),
    "in the description": ("description: A fixture article", "description: A fixtrue article", "'fixtrue'"),
    "in an image's alt text": ("## Sources", '![A mpa of Moscow](../../assets/images/logo.png)\n\n## Sources', "'mpa'"),
    "in a title attribute": ("## Sources", '<abbr title="Federal Secuirty Service">FSB</abbr>\n\n## Sources', "'Secuirty'"),
}


@pytest.mark.parametrize("fault", UNKNOWN_WORDS)
def test_planted_unknown_word_is_reported_with_page_source_and_suggestion(project: ProjectCopy, fault: str) -> None:
    old, new, expected = UNKNOWN_WORDS[fault]
    project.plant(old, new)
    problems = misspellings(project.built(), project.root)
    report = "\n".join(problems)
    assert any(FIXTURE_PAGE in problem and expected in problem and "did you mean" in problem
               and f"source: {FIXTURE}:" in problem for problem in problems), report


def test_suggestion_for_a_misspelt_word_is_the_right_word(project: ProjectCopy) -> None:
    project.plant("Officials on both sides said", "Officials on both sides said that oficials")
    assert "(did you mean 'officials'?)" in "\n".join(misspellings(project.built(), project.root))


def test_suggestion_for_a_misspelt_name_comes_from_the_word_list(project: ProjectCopy) -> None:
    project.plant("Delegations met", "Blinkin and delegations met")
    assert "(did you mean 'Blinken'?)" in "\n".join(misspellings(project.built(), project.root))


def test_american_spelling_is_refused(project: ProjectCopy) -> None:
    project.plant("Officials on both sides said", "Officials, each a recognized hardliner, said")
    assert "'recognized'" in "\n".join(misspellings(project.built(), project.root))


def test_codespell_judges_each_file_with_a_flagged_word_in_context(tmp_path: Path) -> None:
    (tmp_path / "plain.md").write_text("A first line.\nA seperate line.\n", encoding="utf-8")
    (tmp_path / "excused.md").write_text("A seperate line. <!-- codespell:ignore seperate -->\n", encoding="utf-8")
    (tmp_path / "page.html").write_text('<p title="the recieved view">Fine words.</p>', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Untill then.\n", encoding="utf-8")
    findings = sorted(finding.removeprefix(f"{tmp_path}/") for finding in codespell(tmp_path))
    assert findings == ["notes.txt:1: Untill ==> Until", "page.html:1: recieved ==> received",
                        "plain.md:2: seperate ==> separate"], findings


def test_planted_common_misspelling_is_caught_by_codespell_in_source_and_page(project: ProjectCopy) -> None:
    project.plant("Officials on both sides said", "Officials on both sides said in a seperate statement")
    findings = "\n".join(codespell(project.docs, project.built().root))
    assert f"{FIXTURE.name}:" in findings and "seperate ==> separate" in findings, findings
    assert f"{FIXTURE_PAGE}:" in findings, findings


def test_planted_unknown_word_in_the_site_footer_names_the_configuration(project: ProjectCopy) -> None:
    project.replace(project.root / "mkdocs.yml", "Quotations belong", "Quotatoins belong")
    problems = "\n".join(misspellings(project.built(), project.root))
    assert "'Quotatoins'" in problems and "source: mkdocs.yml:" in problems, problems
