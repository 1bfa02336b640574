"""Links readers follow: every internal one resolves in the built site, every external one is well formed."""

from __future__ import annotations

import pytest

from tests.support.checks.links import broken_internal_links, external_link_problem, malformed_external_links
from tests.support.site import BuiltSite

from tests.conftest import FIXTURE, FIXTURE_PAGE, ProjectCopy, SiteUnderTest

SUBPATH_URL = "https://example.github.io/newsroom/"


def test_every_internal_link_resolves(every_site: SiteUnderTest) -> None:
    site = every_site.site
    assert not broken_internal_links(site), "\n".join(broken_internal_links(site))


def test_every_internal_link_resolves_when_served_under_a_subpath(project: ProjectCopy) -> None:
    result = project.build(SUBPATH_URL)
    assert result.returncode == 0, result.stderr
    subpath_site = BuiltSite(project.root / "site", SUBPATH_URL)
    assert not broken_internal_links(subpath_site), "\n".join(broken_internal_links(subpath_site))


def test_every_external_link_is_well_formed(every_site: SiteUnderTest) -> None:
    site = every_site.site
    assert not malformed_external_links(site), "\n".join(malformed_external_links(site))


# Faults MkDocs sees in Markdown: the strict build must stop and name the article and the link.
MARKDOWN_FAULTS = {
    "broken page link": ("[the agenda](https://www.example.org/agenda)", "[the agenda](2024-05-01-agenda.md)", "'2024-05-01-agenda.md'"),
    "broken anchor": ("## Sources", "Our [sources](#sourcse) are listed below.\n\n## Sources", "'#sourcse'"),
    "broken anchor on another page": ("## Sources", "Read [our policy](../../about.md#correction).\n\n## Sources", "'#correction'"),
    "missing image": ("## Sources", "![Map of Geneva](../../assets/images/geneva-map.png)\n\n## Sources", "geneva-map.png"),
    "scheme typo": ("https://www.example.org/", "https//www.example.org/", "https//www.example.org/"),
}


@pytest.mark.parametrize("fault", MARKDOWN_FAULTS)
def test_planted_markdown_link_fault_stops_the_build(project: ProjectCopy, fault: str) -> None:
    old, new, expected = MARKDOWN_FAULTS[fault]
    project.plant(old, new)
    result = project.build()
    assert result.returncode != 0
    assert f"'{FIXTURE.relative_to('docs').as_posix()}'" in result.stderr and expected in result.stderr, result.stderr


# Faults only the built HTML shows: raw HTML links and images, which MkDocs does not validate.
HTML_FAULTS = {
    "raw HTML link to a missing page": ('<a href="../../../../../about-us/">About</a>', "'../../../../../about-us/': no such file"),
    "raw HTML link to a missing anchor": ('<a href="#no-such-section">Jump</a>', "'#no-such-section': no element with id 'no-such-section'"),
    "raw HTML missing image": ('<img src="../../../../../assets/images/missing.png" alt="Map">', "missing.png'"),
    "root-absolute link outside a subpath": ('<a href="/elsewhere/">Out</a>', "no such file (/elsewhere/)"),
}


def written_line(project: ProjectCopy, text: str) -> int:
    """The line of the fixture article that holds `text`: pages are minified, so problems name it."""
    lines = (project.root / FIXTURE).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("fault", HTML_FAULTS)
def test_planted_html_link_fault_is_reported_with_page_and_source_line(project: ProjectCopy, fault: str) -> None:
    snippet, expected = HTML_FAULTS[fault]
    project.plant("## What each side wants", f"<p>{snippet}</p>\n\n## What each side wants")
    problems = broken_internal_links(project.built())
    source = f"[source: {FIXTURE}:{written_line(project, snippet)}]"
    assert any(problem.startswith(f"{FIXTURE_PAGE}: ") and expected in problem and source in problem for problem in problems), \
        "\n".join(problems)


def test_link_outside_a_subpath_site_is_reported(project: ProjectCopy) -> None:
    project.plant("## What each side wants", '<p><a href="/about/">About</a></p>\n\n## What each side wants')
    assert project.build(SUBPATH_URL).returncode == 0
    problems = broken_internal_links(BuiltSite(project.root / "site", SUBPATH_URL))
    assert any("'/about/': outside the site (/about/)" in problem for problem in problems), "\n".join(problems)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.state.gov/page/?utm_source=newsletter", "tracking parameter(s) utm_source"),
    ("https://example.org/story?fbclid=abc123", "tracking parameter(s) fbclid"),
    ("https://exa mple.org/story", "not a well-formed http(s) URL"),
    ("https://localhost/story", "no domain"),
    ("ftp://example.org/file", "not a well-formed http(s) URL"),
])
def test_external_link_problem_names_the_fault(url: str, expected: str) -> None:
    assert expected in (external_link_problem(url) or "")


def test_planted_tracking_parameter_is_reported_with_page_and_source_line(project: ProjectCopy) -> None:
    project.plant("https://www.example.org/agenda", "https://www.example.org/agenda?utm_campaign=x")
    problems = malformed_external_links(project.built())
    source = f"[source: {FIXTURE}:{written_line(project, 'agenda?utm_campaign=x')}]"
    assert any(problem.startswith(f"{FIXTURE_PAGE}: ") and "utm_campaign" in problem and source in problem for problem in problems), \
        "\n".join(problems)
