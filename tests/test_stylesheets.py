"""Material's stylesheets hold only the colours configured and the components this site shows
(newsroom/stylesheets.py), and the pages look pixel for pixel as they do with the whole stylesheets."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser

from tests.support.browser import DESKTOP, PHONE, open_page, screenshot, serve
from tests.support.checks.search import open_search, search_for
from tests.support.sandbox import patching_python_path
from tests.support.site import BuiltSite, parse
from newsroom.stylesheets import UNUSED_COMPONENTS, slim_main, slim_palette

from tests.conftest import FIXTURE_PAGE, FIXTURE_URL, ProjectCopy, SiteUnderTest


CLASSES_IN_DOM = "() => [...new Set([...document.querySelectorAll('[class]')].flatMap(e => [...e.classList]))]"


def cut_components(classes: Iterable[str]) -> list[str]:
    return sorted(name for name in set(classes) if name.startswith(UNUSED_COMPONENTS))


def pages_using_cut_components(site: BuiltSite) -> list[str]:
    problems = []
    for page in site.pages():
        classes = (name for value in parse(page).xpath("//@class") for name in value.split())
        if used := cut_components(classes):
            problems.append(f"{site.name(page)}: uses {used}, whose styles newsroom/stylesheets.py cuts: "
                            "take them off UNUSED_COMPONENTS there")
    return problems


def test_no_page_uses_a_component_whose_styles_are_cut(every_site: SiteUnderTest) -> None:
    site = every_site.site
    assert not pages_using_cut_components(site)


def test_planted_content_tabs_are_caught(project: ProjectCopy) -> None:
    project.plant("## Sources", '<div class="tabbed-set"><div class="tabbed-labels">Tab</div></div>\n\n## Sources')
    assert pages_using_cut_components(project.built()) == [
        f"{FIXTURE_PAGE}: uses ['tabbed-labels', 'tabbed-set'], whose "
        "styles newsroom/stylesheets.py cuts: take them off UNUSED_COMPONENTS there"]


def test_material_script_adds_no_component_whose_styles_are_cut(browser: Browser, fixture_project: ProjectCopy,
                                                               serving: Callable[[BuiltSite], str]) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_page(page, serving(fixture_project.site) + FIXTURE_URL)
    page.locator("abbr").first.hover()
    page.locator(".md-tooltip2").first.wait_for(state="attached", timeout=5000)
    open_search(page)
    search_for(page, "Geneva")
    classes = page.evaluate(CLASSES_IN_DOM)
    context.close()
    assert not cut_components(classes)


# Two shots of one page may differ by a few shades where a colour was still settling (seen: up to
# 22 of 255 in the header after the palette is applied); a rule the cut lost moves things or
# changes colours outright.
SHADE_NOISE = 32


def stylesheet_bytes(site: BuiltSite) -> int:
    return sum(path.stat().st_size for path in (site.root / "assets" / "stylesheets").glob("*.css"))


def test_cut_stylesheet_draws_the_pages_as_the_whole_one_does(browser: Browser, site: BuiltSite, served: str,
                                                             article_url: str, project: ProjectCopy, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The site as built against the same site with every component of Material's stylesheets kept."""
    monkeypatch.setenv("PYTHONPATH", patching_python_path(tmp_path / "python", {"newsroom.stylesheets.UNUSED_COMPONENTS": "()"}))
    whole_site = project.built()
    assert stylesheet_bytes(whole_site) > stylesheet_bytes(site), "the whole stylesheet is no larger than the cut one"
    with serve(whole_site.root) as whole:
        for path in ("", article_url):
            for viewport in (PHONE, DESKTOP):
                for scheme in ("light", "dark"):
                    where = f"{path or 'home'} ({viewport['width']} px, {scheme})"
                    shots = [tmp_path / f"{n}.png" for n in range(2)]
                    for base, shot in zip((served, whole), shots):
                        screenshot(browser, base + path, viewport, scheme, shot)
                    with Image.open(shots[0]) as cut, Image.open(shots[1]) as full:
                        difference = ImageChops.difference(cut.convert("RGB"), full.convert("RGB")) if cut.size == full.size else None
                        assert difference is not None and difference.point(lambda level: level > SHADE_NOISE and 255).getbbox() is None, \
                            f"{where} looks different with the cut stylesheet"


def test_main_stylesheet_cut_keeps_every_rule_that_styles_something_used() -> None:
    css = (".md-tabs{--a:1}.md-typeset .tabbed-set,.md-typeset details{--b:2}.md-header:not(.md-tabs){--c:3}"
           "@media screen{.highlight code{--d:4}.md-nav{--e:5}}@media print{.md-source{--f:6}}")
    assert slim_main(css) == ".md-typeset details{--b:2}.md-header:not(.md-tabs){--c:3}@media screen{.md-nav{--e:5}}"


def test_palette_keeps_the_configured_colours_and_drops_the_rest() -> None:
    used = {"scheme": {"default", "slate"}, "primary": {"black"}, "accent": {"indigo"}}
    css = ("[data-md-color-primary=red]{--a:1}"
           "[data-md-color-accent=blue],[data-md-color-accent=indigo]{--b:2}"
           "@media screen{[data-md-color-scheme=slate][data-md-color-primary=pink]{--c:3}}"
           "[data-md-color-primary=lime]:not([data-md-color-scheme=slate]){--d:4}"
           "[data-md-color-primary=black]:not([data-md-color-scheme=dusk]){--e:5}")
    assert slim_palette(css, used) == ("[data-md-color-accent=indigo]{--b:2}"
                                       "[data-md-color-primary=black]:not([data-md-color-scheme=dusk]){--e:5}")
