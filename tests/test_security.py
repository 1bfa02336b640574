"""Every page declares a strict Content Security Policy (newsroom/csp.py): only the site's own
scripts, styles, images and connections, each inline script and stylesheet by its hash; and in a
real browser nothing a reader does on a page makes the policy refuse anything."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.support.browser import DESKTOP, PHONE, serve
from newsroom.csp import REFERRER_POLICY, inline_hashes, policy
from tests.support.site import BuiltSite, edit_page, parse
from tests.support.security import policy_problems

from tests.conftest import FIXTURE_PAGE, FIXTURE_URL, ProjectCopy, SiteUnderTest

COMBINATIONS = [(palette, viewport) for palette in ("light", "dark") for viewport in (PHONE, DESKTOP)]


def declared_policy_problems(every_site: SiteUnderTest) -> list[str]:
    """Pages whose policy is missing, late, loose, or not the configured one with their own hashes."""
    site, directives = every_site.site, every_site.config.config.extra["content_security_policy"]
    problems = []
    for page in site.pages():
        root, name = parse(page), site.name(page)
        declared = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        if len(declared) != 1:
            problems.append(f"{name}: {len(declared)} Content-Security-Policy <meta> elements, not one")
            continue
        head = root.find("head")
        first_active = next((index for index, element in enumerate(head) if element.tag in ("script", "style", "link")), len(head))
        if head.index(root.xpath("//meta[@http-equiv='Content-Security-Policy']")[0]) > first_active:
            problems.append(f"{name}: the policy comes after a script or stylesheet it should govern")
        if declared[0] != policy(directives, *inline_hashes(root)):
            problems.append(f"{name}: the policy is not the configured one with its own inline hashes: {declared[0]}")
        # 'wasm-unsafe-eval' lets search run WebAssembly; it allows no eval() of JavaScript.
        if {"'unsafe-inline'", "'unsafe-eval'"} & set(declared[0].replace(";", " ").split()):
            problems.append(f"{name}: the policy allows unsafe-inline or unsafe-eval")
        if root.xpath("//meta[@name='referrer']/@content") != [REFERRER_POLICY]:
            problems.append(f"{name}: no referrer policy {REFERRER_POLICY!r}")
    return problems


def test_every_page_declares_the_policy_with_the_hashes_of_its_own_inline_code(every_site: SiteUnderTest) -> None:
    problems = declared_policy_problems(every_site)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("palette", "viewport"), COMBINATIONS,
                         ids=[f"{palette}-{viewport['width']}px" for palette, viewport in COMBINATIONS])
def test_reading_searching_and_toggling_break_no_rule_of_the_policy(browser: Browser, real_site: SiteUnderTest,
                                                                  serving: Callable[[BuiltSite], str], palette: str,
                                                                  viewport: dict) -> None:
    problems = policy_problems(browser, serving(real_site.site), real_site.browsed_pages(), viewport, palette)
    assert not problems, "\n".join(problems)


def test_reading_any_set_of_articles_breaks_no_rule_of_the_policy(browser: Browser, proof_site: SiteUnderTest,
                                                                 serving: Callable[[BuiltSite], str]) -> None:
    problems = policy_problems(browser, serving(proof_site.site), proof_site.browsed_pages(), PHONE, "dark")
    assert not problems, "\n".join(problems)


# Faults planted into a built page after the build, which its policy must refuse: (the change, what is refused).
PLANTED = {
    "inline script without its hash": ("</body>", '<script>document.title = "planted"</script></body>', "script-src-elem refused inline"),
    "inline style attribute": ('<article class="md-content__inner', '<article style="color: red" class="md-content__inner', "style-src-attr refused inline"),
    "image from another origin": ("</body>", '<img src="https://www.example.org/tracker.png" alt=""></body>', "img-src refused https://www.example.org/tracker.png"),
}


@pytest.mark.parametrize("fault", PLANTED)
def test_planted_code_or_content_the_policy_does_not_allow_is_refused(browser: Browser, fixture_project: ProjectCopy,
                                                                     tmp_path: Path, fault: str) -> None:
    old, new, refused = PLANTED[fault]
    site = shutil.copytree(fixture_project.site.root, tmp_path / "site")
    page = site / FIXTURE_PAGE
    html = page.read_text(encoding="utf-8")
    assert old in html, f"{old!r} is not in the page: the planted fault would plant nothing"
    page.write_text(html.replace(old, new, 1), encoding="utf-8")
    with serve(site) as url:
        problems = policy_problems(browser, url, {FIXTURE_PAGE: FIXTURE_URL}, DESKTOP, "light")
    assert any(problem.startswith(f"{FIXTURE_PAGE} (light, 1280 px): the policy refused: {refused}") for problem in problems), problems


def test_planted_page_without_its_policy_is_caught(project: ProjectCopy) -> None:
    site = project.built()
    edit_page(site.root / "index.html", lambda page: [meta.drop_tree() for meta in
                                                     page.xpath("//meta[@http-equiv='Content-Security-Policy']")])
    problems = declared_policy_problems(SiteUnderTest(site, project.root))
    assert "index.html: 0 Content-Security-Policy <meta> elements, not one" in problems, problems
