"""Each built page as newsroom/page_html.py finishes it: its first paint waits for nothing but the
page (stylesheets inlined, Material's bundle loaded after the paint)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from mkdocs.exceptions import PluginError

from newsroom.page_html import finish_page
from newsroom.site import parse
from newsroom.stylesheets import inline_css

from conftest import SiteUnderTest


def test_every_page_inlines_its_stylesheets_and_loads_material_after_the_first_paint(every_site: SiteUnderTest) -> None:
    site = every_site.site
    problems = []
    for page in site.pages():
        root, name = parse(page), site.name(page)
        if linked := root.xpath("//link[@rel='stylesheet']/@href"):
            problems.append(f"{name}: links the stylesheets {linked}")
        if not root.xpath("//head/style"):
            problems.append(f"{name}: has no inline stylesheet")
        if root.xpath("//script[contains(@src, 'bundle.')]") or len(root.xpath(f"//script[{LOADER}]")) != 1:
            problems.append(f"{name}: Material's bundle is not loaded once, after the first paint")
        if root.xpath("//link[@rel='expect']/@href") != ["#__config"] or not root.xpath("//*[@id='__config']"):
            problems.append(f"{name}: its first paint does not wait for the whole page")
    assert not problems, "\n".join(problems)


BUNDLE_TAG = '<script src="assets/javascripts/bundle.0123abcd.min.js"></script>'
LOADER = "contains(., 'bundle.') and contains(., 'DOMContentLoaded')"
SKIP = '<div data-md-component="skip"><a href="#first-subheading" class="md-skip">Skip</a></div>'


def planted_stylesheets(css: str) -> Callable[[str], str | None]:
    """A build whose one stylesheet is assets/news.css, holding `css`."""
    return lambda path: inline_css(path, css) if path == "assets/news.css" else None


def finished(head: str, body: str, css: str = "a{color:red}") -> str:
    return finish_page(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>", "about/index.html",
                       skip_text="Skip to content", stylesheet=planted_stylesheets(css), site_path="/", policy={"default-src": ["'none'"]})


@pytest.mark.parametrize(("css", "head", "body", "expected"), [
    ("a{color:red}", '<link rel="stylesheet" href="../assets/missing.css">', f"{SKIP}<h1>A</h1>{BUNDLE_TAG}",
     "about/index.html links the stylesheet ../assets/missing.css, which the build does not have"),
    ("@font-face{src:url(fonts/serif.woff2)}", '<link rel="stylesheet" href="../assets/news.css">', f"{SKIP}<h1>A</h1>{BUNDLE_TAG}",
     "news.css refers to ['fonts/serif.woff2'], which would break if inlined"),
    ("a{color:red}", '<link rel="stylesheet" href="../assets/news.css">', f"{SKIP}<h1>A</h1>",
     "about/index.html: expected Material's bundle once, found it 0 times"),
    ("a{color:red}", "", f"{SKIP}<h1>A</h1><h1>B</h1>{BUNDLE_TAG}",
     "about/index.html: a page needs exactly one <h1> for the skip link to reach; found 2"),
    ("a{color:red}", "", f"<h1>A</h1>{BUNDLE_TAG}", "about/index.html: Material's skip link container is missing"),
    ("a{color:red}", "", f'{SKIP}<h1>A</h1><p id="headline"></p>{BUNDLE_TAG}', 'the <h1> has no id and id="headline" is taken'),
], ids=["missing stylesheet", "relative url() in a stylesheet", "no bundle", "two headlines", "no skip container",
        "headline id taken"])
def test_planted_page_that_cannot_be_finished_stops_the_build(css: str, head: str, body: str, expected: str) -> None:
    with pytest.raises(PluginError, match=re.escape(expected)):
        finished(head, body, css)


def test_finished_page_keeps_its_stylesheet_text_loads_the_bundle_it_named_and_skips_to_its_headline() -> None:
    html = finished('<link rel="stylesheet" href="../assets/news.css">', f"{SKIP}<h1>A headline</h1>{BUNDLE_TAG}",
                    "a > b { color: red; }")
    assert "<style>a>b{color:red}</style>" in html and "<link" not in html
    assert 'bundle.src = "assets/javascripts/bundle.0123abcd.min.js"' in html and "<script src=" not in html
    assert '<a href="#headline" class="md-skip">Skip to content</a>' in html and "#first-subheading" not in html
    assert '<h1 id="headline" tabindex="-1">A headline</h1>' in html and html.startswith("<!doctype html>")


def test_every_page_skips_to_its_one_headline(every_site: SiteUnderTest) -> None:
    site = every_site.site
    problems = []
    for page in site.pages():
        root, name = parse(page), site.name(page)
        skip, headline = root.xpath("//a[@class='md-skip']/@href"), root.xpath("//h1")
        if len(headline) != 1 or skip != [f"#{headline[0].get('id')}"] or headline[0].get("tabindex") != "-1":
            problems.append(f"{name}: the skip link {skip} does not reach its one focusable headline")
    assert not problems, "\n".join(problems)
