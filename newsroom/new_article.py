"""`make new TITLE="…"`: start an article as a draft, with front matter the schema accepts.

Everything but the description is valid from the start; the description is a placeholder the
checks refuse until an editor writes the standfirst. An existing slug is refused.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

import yaml
from slugify import slugify

from newsroom.front_matter import DEFAULT_TYPE, DESCRIPTION_PLACEHOLDER, Problem, check_article, read_articles, report
from newsroom.project import Project

BODY = """
The lede: who did what, where and when, and why it matters.

Every sentence is ours. Quote officials briefly, saying who said it, when and who reported it,
and link every claim to its source. A dateline only where our reporter was: set `dateline:` in
the front matter (make new DATELINE=Geneva); a report the desk compiles from its sources has none.

## Sources

- Publisher, headline or description, date: [what it supports](https://www.example.org/)
"""


class NewArticleError(Exception):
    """The article cannot be started; the message says why and what to do."""


def front_matter(title: str, slug: str, today: date, desk: str, category: str, dateline: str | None) -> str:
    data = {
        "title": title,
        "description": DESCRIPTION_PLACEHOLDER,
        "date": {"created": today},
        "type": DEFAULT_TYPE,
        **({"dateline": dateline} if dateline else {}),
        "authors": [desk],
        "categories": [category],
        "tags": [category],
        "slug": slug,
        "draft": True,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def new_article(title: str, project: Path | None = None, today: date | None = None, desk: str | None = None,
                category: str | None = None, dateline: str | None = None) -> tuple[Path, list[Problem]]:
    """Write <posts folder>/<slug>.md for `title`; return its path and the problems the other
    articles have (which the build will refuse until they are fixed)."""
    today = today or date.today()
    site = Project.load(project or Path.cwd())
    context = site.schema_context()
    desk = desk or context["authors"][0]
    category = category or context["categories"][0]
    slug = slugify(title, max_length=80, word_boundary=True)
    if not slug:
        raise NewArticleError(f"cannot make an address from the title {title!r}: give it some words")
    existing = read_articles(site.posts_dir, context, relative_to=site.root)
    path = site.posts_dir / f"{slug}.md"
    if slug in existing.slugs or path.exists():
        raise NewArticleError(f"the slug {slug!r} is already used by {existing.slugs.get(slug) or site.shown(path)}: "
                              "choose another title")
    text = f"---\n{front_matter(title, slug, today, desk, category, dateline)}---\n{BODY}"
    path.write_text(text, encoding="utf-8")
    problems = [problem for problem in check_article(path, context, site.shown(path)) if problem.field != "description"]
    if problems:
        path.unlink()
        raise NewArticleError("\n".join(map(str, problems)))
    return path, existing.problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("title", nargs="?", default=os.environ.get("TITLE"), help="the headline (or $TITLE)")
    parser.add_argument("--desk", default=os.environ.get("DESK") or None,
                        help="an author key from docs/blog/.authors.yml (or $DESK; default: the first)")
    parser.add_argument("--category", default=os.environ.get("CATEGORY") or None,
                        help="one of categories_allowed in mkdocs.yml (or $CATEGORY; default: the first)")
    parser.add_argument("--dateline", default=os.environ.get("DATELINE") or None,
                        help="where our reporter filed from, such as Geneva (or $DATELINE); none for a desk-compiled report")
    arguments = parser.parse_args(argv)
    if not arguments.title:
        parser.error('give a headline: make new TITLE="Headline of the article"')
    try:
        path, others = new_article(arguments.title, desk=arguments.desk, category=arguments.category,
                                   dateline=arguments.dateline)
    except NewArticleError as error:
        print(f"make new: {error}", file=sys.stderr)
        return 1
    print(f"Created {path.relative_to(Path.cwd())} (a draft). Next: write the description (the standfirst) "
          "and the body, then `make check` and `make serve`.")
    if others:
        print(f"make new: the build will refuse other articles until they are fixed. {report(others)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
