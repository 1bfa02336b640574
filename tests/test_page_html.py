"""Each built page as newsroom/page_html.py finishes it: one cacheable stylesheet named by its
content's hash, Material's bundle loaded after the first paint, a skip link to its headline."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import lxml.html
import pytest
from mkdocs.exceptions import PluginError

from newsroom.material import HIDDEN_SIDEBAR, SEARCH_ASSETS
from newsroom.page_html import finish_page
from newsroom.scripts import PAGES_SCRIPT, SITE_SCRIPT_PATH
from tests.support.site import BuiltSite, parse
from newsroom.stylesheets import SITE_STYLESHEET_PATH, minified_css

from tests.conftest import ProjectCopy, SiteUnderTest


def site_path(site: BuiltSite, name: str, href: str) -> str:
    """The path in the site of what the page `name` links as `href`."""
    return href.removeprefix(site.path_prefix) if href.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(name), href))


def page_problems(site: BuiltSite, page: Path) -> list[str]:
    """What a built page does wrong of what newsroom/page_html.py finishes."""
    problems = []
    root, name = parse(page), site.name(page)
    linked = [site_path(site, name, href) for href in root.xpath("//link[@rel='stylesheet']/@href")]
    if len(linked) != 1 or not SITE_STYLESHEET_PATH.fullmatch(linked[0]) or not (site.root / linked[0]).is_file():
        problems.append(f"{name}: links the stylesheets {linked}, not the one site stylesheet")
    if root.xpath("//style"):
        problems.append(f"{name}: carries an inline stylesheet")
    if root.xpath("//div[@class='article']") and root.xpath("//div[@data-md-component='sidebar']"):
        problems.append(f"{name}: an article is one column, but this one carries a sidebar")
    if root.xpath(HIDDEN_SIDEBAR):
        problems.append(f"{name}: carries a sidebar no reader sees (hidden)")
    loaders = root.xpath(f"//script[{LOADER}]")
    if root.xpath("//script[contains(@src, 'bundle.')]") or len(loaders) != 1:
        problems.append(f"{name}: Material's bundle is not loaded once, after the first paint")
    elif not (src := LOADED.search(loaders[0].text)) or not SITE_SCRIPT_PATH.fullmatch(script := site_path(site, name, src[1])) \
            or not (site.root / script).is_file():
        problems.append(f"{name}: loads {src and src[1]} after the first paint, not the site script")
    if root.xpath("//link[@rel='expect']/@href") != ["#__config"] or not root.xpath("//*[@id='__config']"):
        problems.append(f"{name}: its first paint does not wait for the whole page")
    return problems


def test_every_page_links_the_site_stylesheet_and_loads_material_after_the_first_paint(every_site: SiteUnderTest) -> None:
    site = every_site.site
    problems = [problem for page in site.pages() for problem in page_problems(site, page)]
    assert not problems, "\n".join(problems)


def test_planted_article_with_a_sidebar_is_caught(project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/article.html", "{% block site_nav %}{% endblock %}", "")
    site = project.built()
    article = next(page for page in site.pages() if parse(page).xpath("//div[@class='article']"))
    assert f"{site.name(article)}: an article is one column, but this one carries a sidebar" in page_problems(site, article)


def test_planted_loader_of_another_script_is_caught(project: ProjectCopy) -> None:
    site = project.built()
    home = site.root / "index.html"
    project.replace(home, "assets/javascripts/site.", "assets/javascripts/gone.")
    assert any(problem.startswith("index.html: loads assets/javascripts/gone.") and problem.endswith("not the site script")
               for problem in page_problems(site, home)), page_problems(site, home)


CONFIG = ('<script id="__config" type="application/json">{"base":"..","features":[],"search":"workers/search.js",'
          '"translations":{"clipboard.copy":"Copy","search.result.none":"None","select.version":"Version"}}</script>')
BUNDLE_SCRIPT = '<script src="assets/javascripts/bundle.0123abcd.min.js"></script>'
BUNDLE_TAG = f"{CONFIG}{BUNDLE_SCRIPT}"
LOADER = "contains(., 'bundle.') and contains(., 'DOMContentLoaded')"
# The address the loader gives the script it loads.
LOADED = re.compile(r"bundle\.src=`([^`]+)`")
SKIP = '<div data-md-component="skip"><a href="#first-subheading" class="md-skip">Skip</a></div>'


STYLESHEETS = '<link rel="stylesheet" href="../assets/main.css">\n<link rel="stylesheet" href="../assets/news.css">'


def finished(head: str, body: str) -> str:
    return finish_page(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>", "about/index.html",
                       skip_text="Skip to content", stylesheet="assets/site.0123456789ab.css",
                       joined=["assets/main.css", "assets/news.css"], script="assets/javascripts/site.0123456789ab.js",
                       site_path="/", policy={"default-src": ["'none'"]})


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<link rel="stylesheet" href="../assets/missing.css">', f"{SKIP}<h1>A</h1>{BUNDLE_TAG}",
     "about/index.html links the stylesheet ../assets/missing.css, which is not in the site stylesheet"),
    (STYLESHEETS, f"{SKIP}<h1>A</h1>{CONFIG}", "about/index.html: expected Material's bundle once, found it 0 times"),
    (STYLESHEETS, f"{SKIP}<h1>A</h1>{BUNDLE_SCRIPT}",
     "about/index.html: expected Material's configuration once, found it 0 times"),
    ("", f"{SKIP}<h1>A</h1><h1>B</h1>{BUNDLE_TAG}", "about/index.html: a page needs exactly one <h1> for the skip link to reach; found 2"),
    ("", f"<h1>A</h1>{BUNDLE_TAG}", "about/index.html: Material's skip link container is missing"),
    ("", f'{SKIP}<h1>A</h1><p id="headline"></p>{BUNDLE_TAG}', 'the <h1> has no id and id="headline" is taken'),
], ids=["stylesheet outside the site stylesheet", "no bundle", "no configuration", "two headlines", "no skip container", "headline id taken"])
def test_planted_page_that_cannot_be_finished_stops_the_build(head: str, body: str, expected: str) -> None:
    with pytest.raises(PluginError, match=re.escape(expected)):
        finished(head, body)


def test_planted_relative_url_in_a_stylesheet_stops_the_build() -> None:
    with pytest.raises(PluginError, match=re.escape("news.css refers to ['fonts/serif.woff2'], which would break once joined")):
        minified_css("assets/news.css", "@font-face{src:url(fonts/serif.woff2)}")


def material_search_files(site: Path) -> list[str]:
    """The theme's files for Material's own search in a built site (newsroom/material.py)."""
    return sorted(path.relative_to(site).as_posix() for folder in SEARCH_ASSETS if (site / folder).is_dir()
                  for path in (site / folder).rglob("*") if path.is_file())


def test_site_carries_no_file_of_material_search(every_site: SiteUnderTest) -> None:
    found = material_search_files(every_site.site.root)
    assert not found, f"the site carries Material's own search, which it does not use: {found}"


def test_planted_material_search_file_is_found(tmp_path: Path) -> None:
    (tmp_path / SEARCH_ASSETS[1]).mkdir(parents=True)
    (tmp_path / SEARCH_ASSETS[1] / "search.0123abcd.min.js").write_text("", encoding="utf-8")
    assert material_search_files(tmp_path) == [f"{SEARCH_ASSETS[1]}search.0123abcd.min.js"]


def test_planted_missing_page_script_stops_the_build(project: ProjectCopy) -> None:
    (project.docs / PAGES_SCRIPT).unlink()
    result = project.build()
    assert result.returncode != 0 and f"docs/{PAGES_SCRIPT} is missing: every page loads it" in result.stderr, result.stderr


def test_material_config_keeps_only_what_the_site_uses_and_the_head_no_menu_neighbours() -> None:
    head = f'{STYLESHEETS}<link rel="prev" href="../"><link rel="next" href="../corrections/"><meta name="generator" content="mkdocs">'
    page = lxml.html.document_fromstring(finished(head, f"{SKIP}<h1>A headline</h1>{BUNDLE_TAG}"))
    assert not page.xpath("//link[@rel='prev' or @rel='next'] | //meta[@name='generator']")
    [config] = page.xpath("//script[@id='__config']/text()")
    assert json.loads(config) == {"base": "..", "features": [], "translations": {"clipboard.copy": "Copy"}}


def test_planted_hidden_sidebar_is_left_out_and_a_shown_one_kept() -> None:
    sidebars = ('<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" hidden><nav>Site navigation</nav></div>'
                '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar"><nav>Contents</nav></div>')
    page = lxml.html.document_fromstring(finished(STYLESHEETS, f"{SKIP}{sidebars}<h1>A headline</h1>{BUNDLE_TAG}"))
    assert [nav.text for nav in page.xpath("//div[@data-md-component='sidebar']/nav")] == ["Contents"]


def test_finished_page_links_the_site_stylesheet_loads_the_site_script_and_skips_to_its_headline() -> None:
    html = finished(STYLESHEETS, f"{SKIP}<h1>A headline</h1>{BUNDLE_TAG}")
    page = lxml.html.document_fromstring(html)
    assert [(link.get("rel"), link.get("href")) for link in page.iter("link")] == [("stylesheet", "../assets/site.0123456789ab.css")]
    assert page.xpath("//script[contains(., 'bundle.src=`assets/javascripts/site.0123456789ab.js`')]") and not page.xpath("//script[@src]")
    assert [(a.get("href"), a.text) for a in page.xpath("//a[@class='md-skip']")] == [("#headline", "Skip to content")]
    assert "#first-subheading" not in html and html.startswith("<!doctype html>")
    assert [(h1.get("id"), h1.get("tabindex"), h1.text) for h1 in page.iter("h1")] == [("headline", "-1", "A headline")]


def test_every_page_skips_to_its_one_headline(every_site: SiteUnderTest) -> None:
    site = every_site.site
    problems = []
    for page in site.pages():
        root, name = parse(page), site.name(page)
        skip, headline = root.xpath("//a[@class='md-skip']/@href"), root.xpath("//h1")
        if len(headline) != 1 or skip != [f"#{headline[0].get('id')}"] or headline[0].get("tabindex") != "-1":
            problems.append(f"{name}: the skip link {skip} does not reach its one focusable headline")
    assert not problems, "\n".join(problems)
