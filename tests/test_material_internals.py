"""Each place where the site leans on Material for MkDocs' or MkDocs' own internals
(newsroom/material.py) still holds in the installed versions: these fail the day an upgrade
changes one under us, naming what to look at."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import lxml.html
import material
from material.plugins.blog import structure as blog_structure
from material.plugins.blog.plugin import BlogPlugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.pages import Page

from newsroom import material as internals
from newsroom.project import Project
from tests.support.site import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
BASE = (MATERIAL / "base.html").read_text(encoding="utf-8")


def bundle() -> str:
    [script] = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")
    return script.read_text(encoding="utf-8")


def test_base_template_still_has_the_skip_container_the_bundle_and_the_stylesheets() -> None:
    assert '<div data-md-component="skip">' in BASE, "Material's skip link container moved (newsroom/page_html.py)"
    scripts = re.findall(r"'(assets/javascripts/bundle\.[^']+)'", BASE)
    assert len(scripts) == 1 and internals.BUNDLE.search(scripts[0]), f"Material's bundle is now {scripts}"
    stylesheets = re.findall(r"'(assets/stylesheets/[^']+\.css)'", BASE)
    assert {internals.STYLESHEET.fullmatch(path)["name"] for path in stylesheets if internals.STYLESHEET.fullmatch(path)} \
        == {"main", "palette"}, f"Material's stylesheets are now {stylesheets} (newsroom/stylesheets.py)"
    assert f'lang.t("{internals.SKIP_TEXT_KEY}")' in BASE, "the skip link's text has another key in Material's translations"


def test_title_from_render_still_names_a_page_and_spares_excerpts() -> None:
    assert internals.TITLE_FROM_RENDER in inspect.getsource(Page.__dict__["title"].func), \
        "MkDocs no longer reads Page._title_from_render (overrides/hooks/article_lists.py)"
    assert f"post.{internals.TITLE_FROM_RENDER}" in inspect.getsource(blog_structure), \
        "Material's excerpts no longer check _title_from_render: lists may render every article again"


def test_page_render_still_learns_only_what_cached_bodies_give_back() -> None:
    assigned = set(re.findall(r"self\.(\w+) =", inspect.getsource(Page.render)))
    assert assigned == {"content", *internals.RENDER_RESULTS}, \
        f"MkDocs' Page.render now sets {sorted(assigned)}: newsroom/rendered.py must cache what is new"


def test_blog_plugin_still_hands_list_pages_a_pager_that_writes_html() -> None:
    assert f'context["{internals.PAGER}"] = pager if pagination else None' in inspect.getsource(BlogPlugin.on_page_context), \
        "the blog plugin hands list pages their pager another way: newsroom/templates.py must mark what it writes as HTML"
    pagination = Path(material.__file__).parent / "templates" / "partials" / "pagination.html"
    assert re.search(rf"\{{\{{\s*{internals.PAGER}\(", pagination.read_text(encoding="utf-8")), \
        "partials/pagination.html prints the pager another way"


def test_blog_plugin_still_reads_front_matter_with_the_loader_its_module_names() -> None:
    assert "yaml.load(match.group(1), SafeLoader)" in inspect.getsource(blog_structure.Post.__init__), \
        "the blog plugin reads posts' front matter another way: is newsroom/blog_posts.py's loader still used?"


def test_bundle_still_does_what_our_scripts_expect() -> None:
    script = bundle()
    for expected, why in (('M("link[rel=alternate]")', "reads the alternate links"),
                          ('new URL("sitemap.xml",', "fetches the sitemap beside each"),
                          ("XMLHttpRequest", "fetches with XMLHttpRequest"),
                          ("DOMContentLoaded", "starts on DOMContentLoaded")):
        assert expected in script, f"Material's bundle no longer {why} (docs/assets/javascripts/pages.js, newsroom/page_html.py)"


def test_header_still_has_the_bar_the_search_button_joins() -> None:
    header = (MATERIAL / "partials" / "header.html").read_text(encoding="utf-8")
    assert '<nav class="md-header__inner md-grid"' in header and "<header" in header, \
        "Material's header bar has changed (newsroom/material.py HEADER_BAR, newsroom/page_html.py)"


def test_every_material_class_our_stylesheet_styles_still_exists() -> None:
    ours = set(re.findall(r"\.(md-[\w-]+)", (ROOT / "docs/assets/stylesheets/news.css").read_text(encoding="utf-8")))
    [main_css] = (MATERIAL / "assets" / "stylesheets").glob("main.*.min.css")
    theirs = main_css.read_text(encoding="utf-8") + "".join(path.read_text(encoding="utf-8") for path in MATERIAL.rglob("*.html"))
    missing = sorted(name for name in ours if not re.search(rf"\b{re.escape(name)}\b", theirs))
    assert not missing, f"docs/assets/stylesheets/news.css styles Material classes that are gone: {missing}"


def test_blog_plugin_still_asks_its_list_of_posts_whether_a_page_is_a_post() -> None:
    for event in ("on_page_markdown", "on_page_content"):
        assert "page not in self.blog.posts" in inspect.getsource(getattr(BlogPlugin, event)), \
            f"the blog plugin's {event} no longer asks blog.posts: is newsroom/blog_posts.py still needed?"
    hook = Project.load(ROOT).config.plugins["overrides/hooks/blog_posts.py"]
    ours, theirs = hook.on_nav.mkdocs_priority, BlogPlugin.on_nav.mkdocs_priority
    assert ours < theirs and BlogPlugin.on_files.mkdocs_priority >= theirs, \
        "the posts are indexed before the blog plugin has found them (overrides/hooks/blog_posts.py)"


def test_base_template_still_renders_a_hidden_sidebar_with_the_hidden_attribute() -> None:
    template = (MATERIAL / "base.html").read_text(encoding="utf-8")
    assert template.count('data-md-component="sidebar"') == 2 and template.count("{{ hidden }}>") == 2, \
        "Material's sidebars no longer carry `hidden` when hidden: newsroom/page_html.py may keep them (newsroom/material.py)"


def bundle_sources() -> dict[str, str]:
    """The bundle's TypeScript sources, by path, from its source map."""
    [source_map] = (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js.map")
    sources = json.loads(source_map.read_text(encoding="utf-8"))
    return dict(zip(sources["sources"], sources["sourcesContent"], strict=True))


def test_config_the_pages_leave_out_is_still_read_only_by_material_search_and_version_selector() -> None:
    own = ("/components/search/", "/templates/search/", "/templates/version/", "/integrations/search/")
    readers = {path for path, code in bundle_sources().items() if "/javascripts/" in path and not any(part in path for part in own)
               and (any(f"config.{key}" in code for key in internals.UNUSED_CONFIG)
                    or any(f'translation("{prefix}' in code for prefix in internals.UNUSED_TRANSLATIONS))}
    assert not readers, f"Material's bundle reads what newsroom/page_html.py leaves out of __config in {sorted(readers)}"
    assert "search" not in Project.load(ROOT).config.plugins, \
        "Material's search is on: its worker and translations are left out of __config (newsroom/material.py)"


def test_no_page_can_have_content_tabs_whose_script_the_pages_leave_out() -> None:
    config = Project.load(ROOT).config
    assert "pymdownx.tabbed" not in config.markdown_extensions and "content.tabs.link" not in config.theme.get("features", []), \
        "content tabs are on: overrides/partials/javascripts/content.html leaves out the script that opens them"


def test_base_template_still_renders_its_two_toggles_as_the_pages_expect() -> None:
    toggles = re.findall(r'<input class="md-toggle" data-md-toggle="(\w+)" type="checkbox"[^>]*autocomplete="off">', BASE)
    assert toggles == ["drawer", "search"] and BASE.count('data-md-toggle="') == 2, \
        f"Material's toggles are now {toggles}: newsroom/page_html.py and pages.js may not find them (newsroom/material.py)"
    page = lxml.html.document_fromstring(BASE.replace("{{", "").replace("}}", ""))
    assert len(page.xpath(internals.TOGGLES)) == 2, f"{internals.TOGGLES} no longer finds the toggles"
