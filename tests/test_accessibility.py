"""Every page meets WCAG 2.2 A and AA as axe-core checks it, light and dark, on a phone and a
desktop, and its headings go down one level at a time."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Browser

from tests.support.a11y import accessibility_problems, axe_violations, browsing, page_paths, skipped_heading_levels
from tests.support.browser import DESKTOP, PHONE, open_page, serve
from tests.support.checks.search import open_search, search_for
from tests.support.site import BuiltSite

from tests.conftest import FIXTURE_PAGE, ProjectCopy, SiteUnderTest

COMBINATIONS = [(palette, viewport) for palette in ("light", "dark") for viewport in (PHONE, DESKTOP)]


@pytest.mark.parametrize(("palette", "viewport"), COMBINATIONS,
                         ids=[f"{palette}-{viewport['width']}px" for palette, viewport in COMBINATIONS])
def test_every_kind_of_page_has_no_wcag_aa_violations(browser: Browser, every_site: SiteUnderTest,
                                                      serving: Callable[[BuiltSite], str], palette: str,
                                                      viewport: dict) -> None:
    problems = accessibility_problems(browser, serving(every_site.site), every_site.browsed_pages(), palette, viewport)
    assert not problems, "\n".join(problems)


def search_dialog_problems(browser: Browser, url: str, palette: str, viewport: dict) -> list[str]:
    """axe's findings on a page with search open and results listed, with the marked passages."""
    with browsing(browser, viewport, palette) as page:
        open_page(page, url)
        open_search(page)
        listed = search_for(page, "the")
        return (axe_violations(page, f"search ({palette}, {viewport['width']} px)")
                + ([] if listed else [f"search ({palette}, {viewport['width']} px): no results to check"]))


@pytest.mark.parametrize(("palette", "viewport"), COMBINATIONS,
                         ids=[f"{palette}-{viewport['width']}px" for palette, viewport in COMBINATIONS])
def test_search_dialog_with_results_has_no_wcag_aa_violations(browser: Browser, proof_site: SiteUnderTest,
                                                               serving: Callable[[BuiltSite], str], palette: str,
                                                               viewport: dict) -> None:
    problems = search_dialog_problems(browser, serving(proof_site.site), palette, viewport)
    assert not problems, "\n".join(problems)


def test_planted_search_field_without_a_label_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/partials/site-search.html", "<span>Words to find</span>", "")
    assert project.article.is_file()
    with serve(project.built().root) as url:
        problems = search_dialog_problems(browser, url, "light", DESKTOP)
    assert any(problem.startswith("search (light, 1280 px): label at ") for problem in problems), "\n".join(problems)


def test_no_page_skips_a_heading_level(every_site: SiteUnderTest) -> None:
    site = every_site.site
    problems = skipped_heading_levels(site)
    assert not problems, "\n".join(problems)


def planted_problems(browser: Browser, project: ProjectCopy) -> list[str]:
    """axe's findings on the article of a project copy with a fault planted, light, on a desktop."""
    assert project.article.is_file()
    site = project.built()
    with serve(site.root) as url:
        return accessibility_problems(browser, url, {FIXTURE_PAGE: page_paths(site)[FIXTURE_PAGE]}, "light", DESKTOP)


def test_planted_low_contrast_text_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.replace(project.root / "docs/assets/stylesheets/news.css",
                    "margin: 0 0 1em;\n  color: var(--md-default-fg-color--light);",
                    "margin: 0 0 1em;\n  color: #b0b0b0;")
    problems = planted_problems(browser, project)
    assert any(problem.startswith(f"{FIXTURE_PAGE} (light, 1280 px): color-contrast at .article-standfirst")
               for problem in problems), "\n".join(problems)


def test_planted_image_without_alt_text_is_caught(browser: Browser, project: ProjectCopy) -> None:
    project.plant("## Sources", '<img src="../../../../../assets/images/logo.png">\n\n## Sources')
    problems = planted_problems(browser, project)
    assert any(problem.startswith(f"{FIXTURE_PAGE} (light, 1280 px): image-alt at ") and "img: " in problem
               for problem in problems), "\n".join(problems)


def test_planted_skipped_heading_level_is_caught(project: ProjectCopy) -> None:
    project.plant("## Sources", "#### Sources")
    problems = skipped_heading_levels(project.built())
    assert f"{FIXTURE_PAGE}: h4 'Sources' follows h2 'What would count as progress', skipping a level" in problems, "\n".join(problems)
