"""A build gives an unchanged article the body an earlier build rendered it to
(overrides/hooks/rendered_bodies.py): the pages must read exactly as if it had rendered every
article again, and every broken link must still stop the build."""

from __future__ import annotations

from pathlib import Path

from tests.support.site import parse
from newsroom.rendered import RENDERED_CACHE, link_targets, settings_digest, site_addresses

from tests.conftest import FIXTURE, FIXTURE_PAGE, ProjectCopy

# A link from the fixture article to a heading of another fixture article.
OTHER = "2023-12-31-new-year-sanctions.md"
LINKED_HEADING = "## What happened next"
LINK_TO_HEADING = f"[in December]({OTHER}#what-happened-next)"
LINK_TO_PAGE = f"[in December]({OTHER})"
SENTENCE = "neither side expected a deal."


def cached_bodies(project: ProjectCopy) -> set[Path]:
    return set((project.root / RENDERED_CACHE).glob("*.json"))


def pages(project: ProjectCopy) -> dict[str, bytes]:
    """Every page the build wrote, by its path in the site."""
    return {page.relative_to(project.site.root).as_posix(): page.read_bytes() for page in project.site.pages()
            if not page.relative_to(project.site.root).as_posix().startswith("pagefind/")}


def linked_project(project: ProjectCopy, link: str = LINK_TO_HEADING) -> ProjectCopy:
    """A copy with every fixture article, the fixture article linking to another, built once, so
    that every article's body is cached."""
    project.add_fixtures()
    project.plant(SENTENCE, f"neither side expected a deal, as {link} showed.")
    project.built()
    return project


def test_cached_bodies_build_the_same_pages(project: ProjectCopy) -> None:
    linked_project(project)
    first, cached = pages(project), cached_bodies(project)
    assert cached, f"the build cached no rendered body in {RENDERED_CACHE}"
    project.built()
    assert cached_bodies(project) == cached, "an unchanged article was rendered again"
    second = pages(project)
    assert second.keys() == first.keys()
    changed = [name for name in first if first[name] != second[name]]
    assert not changed, f"a page built from cached bodies differs from the page rendered afresh: {changed}"


def test_a_cached_body_linking_to_a_removed_article_stops_the_build(project: ProjectCopy) -> None:
    linked_project(project, LINK_TO_PAGE)
    (project.docs / "blog" / "posts" / OTHER).unlink()
    result = project.build()
    assert result.returncode != 0, "an article cached from an earlier build links to an article no longer there"
    assert FIXTURE.name in result.stderr and OTHER in result.stderr, result.stderr


def test_a_cached_body_linking_to_a_heading_no_longer_there_stops_the_build(project: ProjectCopy) -> None:
    linked_project(project)
    project.replace(project.docs / "blog" / "posts" / OTHER, LINKED_HEADING, "## What came next")
    result = project.build()
    assert result.returncode != 0, "an article cached from an earlier build links to a heading no longer there"
    assert FIXTURE.name in result.stderr and "#what-happened-next" in result.stderr, result.stderr


def test_an_article_whose_rendering_warned_is_never_cached(project: ProjectCopy) -> None:
    """A link MkDocs warns about only while rendering (an absolute link, to a page that exists)
    must stop every build, not only the first."""
    project.plant(SENTENCE, "neither side expected a deal, as [our About page](/about/) says.")
    for build in ("first", "second"):
        result = project.build()
        assert result.returncode != 0, f"the {build} build published an article with an absolute link"
        assert FIXTURE.name in result.stderr and "/about/" in result.stderr, result.stderr


def test_a_changed_glossary_renders_the_articles_again(project: ProjectCopy) -> None:
    linked_project(project)
    meaning = "The rivalry between the United States and the Soviet Union"
    glossary = project.docs / ".glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + f"*[Cold War]: {meaning}\n", encoding="utf-8")
    project.built()
    page = next(name for name, html in pages(project).items() if b"Cold War" in html and name.endswith("/index.html")
                and "geneva" in name)
    assert f'title="{meaning}"'.encode() in pages(project)[page], \
        "an article cached from before the glossary changed lacks the new abbreviation"


def test_link_targets_are_the_site_addresses_a_body_links_to() -> None:
    html = ('<p><a href="../../../../../about/">About</a> <a href="../../../../../">Home</a> '
            '<a href="../other-story/#sources">a story</a> <img src="../../../../../assets/images/map.png" alt="">'
            ' <a href="https://example.org/x/">out</a> <a href="#sources">down</a> <a href="mailto:desk@example.org">mail</a></p>')
    assert link_targets(html, "blog/2023/02/21/story/") == [
        "", "about/", "assets/images/map.png", "blog/2023/02/21/other-story/"]
    assert link_targets('<a href="../about.html">About</a>', "blog/story.html") == ["about.html"]
    assert set(link_targets(html, "blog/2023/02/21/story/")) <= site_addresses(
        ["", "about/", "assets/images/map.png", "blog/2023/02/21/other-story/"])


def test_bodies_cached_by_other_code_are_not_used(tmp_path: Path) -> None:
    keeper = tmp_path / "keeper.py"
    keeper.write_text("# caches bodies\n")
    before = settings_digest(["toc"], {"toc": {"permalink": True}}, "warn", True, tmp_path, keeper)
    assert settings_digest(["toc"], {"toc": {"permalink": True}}, "warn", True, tmp_path, keeper) == before
    keeper.write_text("# caches bodies another way\n")
    assert settings_digest(["toc"], {"toc": {"permalink": True}}, "warn", True, tmp_path, keeper) != before, \
        "a change in the code that caches bodies would reuse bodies cached by the old code"


def test_bodies_rendered_by_an_older_markdown_extension_of_ours_are_not_used(project: ProjectCopy) -> None:
    """A hook adds our own extension (newsroom/glossary.py) after MkDocs reads mkdocs.yml: a change
    to its code must render every article again, not give them bodies the old code rendered."""
    project.plant("Officials on both sides said", "TASS reported that officials on both sides said")
    page = project.root / "site" / FIXTURE_PAGE
    project.built()
    assert parse(page).xpath("//abbr[.='TASS']/@tabindex") == ["0"]
    project.replace(project.root / "newsroom/glossary.py", 'abbreviation.set("tabindex", "0")',
                    'abbreviation.set("tabindex", "0"); abbreviation.set("data-planted", "")')
    project.built()
    assert parse(page).xpath("//abbr[.='TASS']/@data-planted") == [""], "the page cached the body the old extension rendered"
