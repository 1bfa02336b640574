"""Feeds and discovery: the RSS and JSON feeds carry exactly the articles as their front matter
says, every page links both, the sitemap dates each page, and robots.txt names the sitemap."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.feeds import (
    JSON_FEEDS,
    RSS_FEEDS,
    feed_link_problems,
    json_feed_problems,
    robots_problems,
    rss_problems,
    sitemap_problems,
)
from tests.support.articles import Article, articles
from newsroom.project import Project
from tests.support.site import ROOT, BuiltSite, build_or_fail

from tests.conftest import FIXTURE, FIXTURE_PAGE, ProjectCopy, SiteUnderTest

SUBPATH_URL = "https://example.github.io/newsroom/"

SECOND_ARTICLE = """\
---
title: Planted second article for the feeds and the sitemap
description: A second article, planted by the tests, that must reach both feeds and the sitemap with its own dates.
date:
  created: 2023-03-01
authors:
  - foreign-desk
categories:
  - Europe
  - Security
tags:
  - Planted
slug: planted-second-article
---

**LONDON, 1 March 2023** — A planted article.

Its body.
"""


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site as built for a GitHub Pages project site, under a subpath."""
    return build_or_fail(ROOT, tmp_path_factory.mktemp("subpath-site"), SUBPATH_URL)


@pytest.fixture(params=["at the root", "under a subpath"])
def built(request: pytest.FixtureRequest) -> BuiltSite:
    """Each check runs on the site built for the local root and for a subpath."""
    return request.getfixturevalue("site" if request.param == "at the root" else "subpath_site")


def feed_length(project: Path) -> int:
    """How many items each feed carries (the rss plugin's `length` in mkdocs.yml)."""
    return Project.load(project).config.plugins["rss"].config.length


def all_problems(site: BuiltSite, expected: list[Article], project: Path = ROOT) -> list[str]:
    """What every check of this module finds in one built site of `project`."""
    length = feed_length(project)
    return ([problem for name, order in RSS_FEEDS.items() for problem in rss_problems(site, name, order, expected, length)]
            + [problem for name, order in JSON_FEEDS.items()
               for problem in json_feed_problems(site, name, order, expected, length)]
            + feed_link_problems(site) + sitemap_problems(site, expected) + robots_problems(site))


def feeds_and_sitemap_text(site: BuiltSite) -> str:
    return "\n".join((site.root / name).read_text(encoding="utf-8")
                     for name in [*RSS_FEEDS, *JSON_FEEDS, "sitemap.xml"])


@pytest.mark.parametrize(("name", "order"), RSS_FEEDS.items())
def test_rss_feed_carries_exactly_the_articles_as_their_front_matter_says(built: BuiltSite, name: str, order: str) -> None:
    problems = rss_problems(built, name, order, articles(built, ROOT), feed_length(ROOT))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("name", "order"), JSON_FEEDS.items())
def test_json_feed_is_json_feed_1_1_carrying_exactly_the_articles(built: BuiltSite, name: str, order: str) -> None:
    problems = json_feed_problems(built, name, order, articles(built, ROOT), feed_length(ROOT))
    assert not problems, "\n".join(problems)


def test_every_page_links_both_feeds_by_absolute_url(built: BuiltSite) -> None:
    problems = feed_link_problems(built)
    assert not problems, "\n".join(problems)


def test_sitemap_dates_every_absolute_url_and_articles_by_their_front_matter(built: BuiltSite) -> None:
    problems = sitemap_problems(built, articles(built, ROOT))
    assert not problems, "\n".join(problems)


def test_feeds_and_sitemap_carry_every_article_as_its_front_matter_says(every_site: SiteUnderTest) -> None:
    problems = all_problems(every_site.site, every_site.articles, every_site.project)
    assert not problems, "\n".join(problems)


def test_robots_txt_names_the_absolute_sitemap_url(built: BuiltSite) -> None:
    problems = robots_problems(built)
    assert not problems, "\n".join(problems)


# Planted content: what the feeds and the sitemap must pick up, or leave out, by themselves.

def test_planted_articles_reach_both_feeds_and_the_sitemap_with_their_own_dates(project: ProjectCopy) -> None:
    (project.docs / "blog/posts/2023-03-01-planted-second-article.md").write_text(SECOND_ARTICLE, encoding="utf-8")
    assert project.article.is_file()  # and the corrected analysis
    site = project.built()
    expected = {article.meta["slug"]: article for article in articles(site, project.root)}
    assert {"planted-second-article", "geneva-arms-talks-analysis"} <= set(expected)
    # Never updated, so its last update is its creation (2023-03-01), not the day of the build;
    # corrected on 9 May at 16:30 in Geneva, so that is the analysis's last update.
    assert expected["planted-second-article"].last_modified == expected["planted-second-article"].created
    assert expected["geneva-arms-talks-analysis"].last_modified.isoformat() == "2024-05-09T16:30:00+02:00"
    problems = all_problems(site, list(expected.values()))
    assert not problems, "\n".join(problems)


def test_planted_draft_is_in_no_feed_and_not_in_the_sitemap(project: ProjectCopy) -> None:
    draft = SECOND_ARTICLE.replace("---\ntitle:", "---\ndraft: true\ntitle:", 1)
    (project.docs / "blog/posts/2023-03-01-planted-second-article.md").write_text(draft, encoding="utf-8")
    site = project.built()
    assert "planted-second-article" not in feeds_and_sitemap_text(site)
    problems = all_problems(site, articles(site, project.root))
    assert not problems, "\n".join(problems)


# Planted faults: each check reports what it guards, naming the file.

def test_feeds_without_the_feeds_hook_are_reported(project: ProjectCopy) -> None:
    project.replace(project.root / "mkdocs.yml", "  - overrides/hooks/feeds.py\n", "")
    site = project.built()
    problems = all_problems(site, articles(site, project.root))
    assert "feed_rss_created.xml: <url> is 'None'" in problems, "\n".join(problems)
    assert any(problem.startswith("feed_json_created.json: feed.icon is null") for problem in problems), "\n".join(problems)


def test_feeds_dated_without_corrections_are_reported(project: ProjectCopy) -> None:
    project.replace(project.root / "mkdocs.yml", "as_update: last_modified", "as_update: date.created")
    assert project.article.is_file()
    site = project.built()
    problems = all_problems(site, articles(site, project.root))
    assert any(problem.startswith(f"feed_rss_updated.xml: {FIXTURE}: updated date is") for problem in problems), "\n".join(problems)
    assert any(problem.startswith(f"feed_json_updated.json: {FIXTURE}: updated date is") for problem in problems), "\n".join(problems)


def test_sitemap_dated_without_corrections_is_reported(project: ProjectCopy) -> None:
    project.replace(project.root / "overrides/sitemap.xml", """{%- if page.meta.last_modified -%}
    {{- page.meta.last_modified.strftime("%Y-%m-%d") -}}""", """{%- if page.meta.date is mapping -%}
    {{- (page.meta.date.updated or page.meta.date.created).strftime("%Y-%m-%d") -}}""")
    assert project.article.is_file()
    site = project.built()
    problems = sitemap_problems(site, articles(site, project.root))
    assert any(problem.startswith(f"sitemap.xml: {FIXTURE}: <lastmod> is '2024-05-06'") for problem in problems), "\n".join(problems)


def copy_of(site: BuiltSite, name: str, destination: Path) -> BuiltSite:
    """A site holding only one file of `site`, to tamper with."""
    destination.mkdir()
    shutil.copy2(site.root / name, destination / name)
    return BuiltSite(destination, site.url)


# Faults planted in the feeds of the fixture site, each with what the report must say.
RSS_FAULTS = {
    "malformed XML": ("</channel>", "</chanel>", "feed_rss_created.xml: not well-formed"),
    "wrong title": ("<title>What the Geneva", "<title>Why the Geneva", f"feed_rss_created.xml: {FIXTURE}: title is 'Why the Geneva"),
    "wrong summary": ("<description>A fixture article", "<description>A fixtured article", "summary is 'A fixtured article"),
    "wrong date": ("Mon, 06 May 2024", "Tue, 07 May 2024", "created date is 2024-05-07T05:15:00+00:00, the front matter says 2024-05-06T07:15:00+02:00"),
    "missing category": ("<category>Security</category>", "", "categories is ('Europe',), the front matter says ('Europe', 'Security')"),
    "relative link": ("<link>http://127.0.0.1:8000/blog/", "<link>/blog/", "item link '/blog/2024/05/06/geneva-arms-talks-analysis/' is not an absolute URL"),
    "image None": ("<url>http://127.0.0.1:8000/assets/images/favicon.png</url>", "<url>None</url>", "feed_rss_created.xml: <url> is 'None'"),
}


JSON_FAULTS = {
    "JSON Feed 1.0": ('"https://jsonfeed.org/version/1.1"', '"https://jsonfeed.org/version/1"', "not JSON Feed 1.1: version: Input should be 'https://jsonfeed.org/version/1.1'"),
    "null member": ('"tags":', '"image": null, "tags":', "feed.items[0].image is null, which JSON Feed 1.1 does not allow"),
    "undefined member": ('"tags":', '"category": "World", "tags":', "items.0: unknown member(s) category"),
    "no content": ('"content_html":', '"_content_html":', "items.0: neither content_html nor content_text"),
    "date without time zone": ('"date_published": "2024-05-06T07:15:00+02:00"', '"date_published": "2024-05-06T07:15:00"', "is not an RFC 3339 date-time"),
    "wrong modified date": ('"date_modified": "2024-05-09', '"date_modified": "2024-05-10', "updated date is 2024-05-10T16:30:00+02:00, the front matter says 2024-05-09T16:30:00+02:00"),
    "string None": ('"language": "en-GB"', '"language": "None"', "feed_json_created.json: feed.language is 'None'"),
    "summary missing": ('"summary":', '"_summary":', "summary is '', the front matter says 'A fixture article"),
}


# Each tampered feed file with the check that must report it.
FEED_FAULTS = [("feed_rss_created.xml", rss_problems, fault, *change) for fault, change in RSS_FAULTS.items()] + \
              [("feed_json_created.json", json_feed_problems, fault, *change) for fault, change in JSON_FAULTS.items()]


@pytest.mark.parametrize(("name", "check", "fault", "old", "new", "expected"), FEED_FAULTS,
                         ids=[f"{name}: {fault}" for name, _, fault, *_ in FEED_FAULTS])
def test_planted_feed_fault_is_reported(fixture_project: ProjectCopy, tmp_path: Path, name: str, check: Callable,
                                        fault: str, old: str, new: str, expected: str) -> None:
    site = fixture_project.site
    tampered = copy_of(site, name, tmp_path / "site")
    path = tampered.root / name
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    problems = check(tampered, name, "created", articles(site, fixture_project.root), feed_length(fixture_project.root))
    assert any(expected in problem for problem in problems), "\n".join(problems)


def test_pages_without_the_feed_links_are_reported(project: ProjectCopy) -> None:
    (project.root / "overrides/partials/feeds.html").write_text("", encoding="utf-8")
    assert project.article.is_file()
    problems = feed_link_problems(project.built())
    for page in ("index.html", "404.html", FIXTURE_PAGE):
        assert f'{page}: no <link rel="alternate" type="application/feed+json" href="http://127.0.0.1:8000/feed_json_created.json">' \
            in "\n".join(problems), "\n".join(problems)


def test_sitemap_dating_articles_by_the_build_is_reported(project: ProjectCopy) -> None:
    (project.root / "overrides/sitemap.xml").unlink()
    assert project.article.is_file()
    site = project.built()
    problems = sitemap_problems(site, articles(site, project.root))
    assert any(problem.startswith(f"sitemap.xml: {FIXTURE}: <lastmod> is ")
               and problem.endswith("the front matter says '2024-05-09'") for problem in problems), "\n".join(problems)


SITEMAP_FAULTS = {
    "relative loc": ("<loc>http://127.0.0.1:8000/about/</loc>", "<loc>/about/</loc>", "<loc> '/about/' is not an absolute URL under http://127.0.0.1:8000/"),
    "loc of no page": ("<loc>http://127.0.0.1:8000/about/</loc>", "<loc>http://127.0.0.1:8000/abuot/</loc>", "'http://127.0.0.1:8000/abuot/' is no page of the built site"),
    "missing lastmod": ("<lastmod>2023-03-23</lastmod>", "", "has no <lastmod> date (found '')"),
}


@pytest.mark.parametrize("fault", SITEMAP_FAULTS)
def test_planted_sitemap_fault_is_reported(site: BuiltSite, tmp_path: Path, fault: str) -> None:
    old, new, expected = SITEMAP_FAULTS[fault]
    tampered = BuiltSite(tmp_path / "site", site.url)
    shutil.copytree(site.root, tampered.root)
    path = tampered.root / "sitemap.xml"
    assert old in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    problems = sitemap_problems(tampered, articles(site, ROOT))
    assert any(expected in problem for problem in problems), "\n".join(problems)


def test_planted_sitemap_over_search_engines_limit_is_reported(site: BuiltSite, tmp_path: Path) -> None:
    tampered = BuiltSite(tmp_path / "site", site.url)
    shutil.copytree(site.root, tampered.root)
    path = tampered.root / "sitemap.xml"
    entry = f"<url><loc>{site.url}about/</loc><lastmod>2023-03-23</lastmod></url>"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</urlset>", entry * 50_001 + "</urlset>"), encoding="utf-8")
    problems = sitemap_problems(tampered, [])
    urls = text.count("<url>") + 50_001
    assert problems[0].startswith(f"sitemap.xml: {urls:,} URLs in ") and "over a sitemap's 50,000 URLs" in problems[0], problems[:3]


def test_robots_txt_copied_as_an_unrendered_template_is_reported(project: ProjectCopy) -> None:
    # Not listed in theme.static_templates, overrides/robots.txt is published as it is, Jinja and all.
    project.replace(project.root / "mkdocs.yml", "  static_templates:\n    - robots.txt\n", "")
    problems = robots_problems(project.built())
    assert len(problems) == 1 and problems[0].startswith("robots.txt: no line 'Sitemap: http://127.0.0.1:8000/sitemap.xml'")
    assert 'config.site_url ~ "sitemap.xml"' in problems[0], problems


def test_robots_txt_naming_the_local_sitemap_on_a_subpath_site_is_reported(site: BuiltSite) -> None:
    problems = robots_problems(BuiltSite(site.root, SUBPATH_URL))
    assert problems == [f"robots.txt: no line 'Sitemap: {SUBPATH_URL}sitemap.xml' "
                        f"(found ['User-agent: *', 'Disallow:', '', 'Sitemap: http://127.0.0.1:8000/sitemap.xml'])"]
