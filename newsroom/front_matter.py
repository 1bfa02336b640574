"""Article front matter: the one schema, and the one reader of an article's front matter, used by
the build (overrides/hooks/front_matter.py), `make new`, the tests and the benchmarks.

Every problem is named with its file, its line and its field, all at once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Annotated, Any

import yaml
from mkdocs.utils.meta import YAML_RE
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# `make new` writes this as the description; the schema refuses it until an editor replaces it.
DESCRIPTION_PLACEHOLDER_START = "TODO:"
DESCRIPTION_PLACEHOLDER = f"{DESCRIPTION_PLACEHOLDER_START} the standfirst, one sentence saying what happened and why it matters."
# The page metadata key of an article's last-modified date (mkdocs.yml names it for the feeds).
LAST_MODIFIED = "last_modified"
# libyaml's parser when PyYAML has it (its wheels do): the same YAML, marks and errors, ten times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _real_date(value: object) -> date:
    """Accept a YAML date or date-time; refuse anything else, quoted dates included."""
    if isinstance(value, date):
        return value
    raise ValueError("expected an unquoted date such as 2023-02-21 (or 2023-02-21 09:30:00+00:00)")


PublicationDate = Annotated[date, PlainValidator(_real_date)]


def as_datetime(value: date) -> datetime:
    """A date as the blog plugin reads it: midnight UTC for a bare date, UTC for a naive time."""
    moment = value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _zoned_date(value: object) -> date:
    """A YAML date, or a date-time that says its time zone (a correction is an instant)."""
    moment = _real_date(value)
    if isinstance(moment, datetime) and moment.tzinfo is None:
        raise ValueError(f"{value} has no time zone; expected a date such as 2023-03-05 or a time with its zone, "
                         "such as 2023-03-05 14:00:00+00:00")
    return moment


ZonedDate = Annotated[date, PlainValidator(_zoned_date)]

# What an article is, as readers are told beside its section (`type:` in front matter), and the
# schema.org type its structured data declares. The first is the default.
ARTICLE_TYPES = {
    "news": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "explainer": "BackgroundNewsArticle",
    "opinion": "OpinionNewsArticle",
}
DEFAULT_TYPE = next(iter(ARTICLE_TYPES))


def long_date(value: date) -> str:
    """A date as readers read it on our pages: 21 February 2023."""
    return f"{value.day} {value:%B %Y}"


class ArticleDates(BaseModel):
    """When an article was first published and, if it carries an update note, last updated."""

    model_config = ConfigDict(extra="forbid", strict=True)

    created: PublicationDate
    updated: PublicationDate | None = None

    @model_validator(mode="after")
    def updated_not_before_created(self) -> ArticleDates:
        if self.updated is not None and as_datetime(self.updated) < as_datetime(self.created):
            raise ValueError(
                f"updated ({self.updated}) is before created ({self.created}); "
                "expected updated on or after created"
            )
        return self


class Correction(BaseModel):
    """One published correction: when it was made, and what was wrong and what is right."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    date: ZonedDate = Field(description="the day (or time, with its zone) the correction was made")
    text: str = Field(min_length=30, max_length=400,
                      description="what was wrong and what is right, in one or two sentences (30 to 400 characters)")


def last_modified(dates: ArticleDates, corrections: list[Correction]) -> datetime:
    """When an article last changed for readers: `updated`, else `created`, or its latest
    correction if that is later. The byline, feeds, sitemap and structured data all use this."""
    moments = [as_datetime(dates.updated or dates.created), *(as_datetime(c.date) for c in corrections)]
    return max(moments)


class Article(BaseModel):
    """The front matter every article in the blog's posts folder must carry."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)

    # Declared first so that the date check below can read it.
    draft: bool = Field(False, description="true or false: true keeps the article out of the published site")
    title: str = Field(min_length=10, max_length=110, description="the headline, 10 to 110 characters")
    description: str = Field(min_length=50, max_length=160,
                             description="the standfirst: one sentence of 50 to 160 characters")
    date: ArticleDates = Field(description="created: 2023-02-21 (and updated: once the article carries an update note)")
    authors: list[str] = Field(min_length=1, description="a list of desks from docs/blog/.authors.yml")
    categories: list[str] = Field(min_length=1, description="a list of categories from categories_allowed in mkdocs.yml")
    tags: list[str] = Field(min_length=1, description="a list of topics")
    slug: str = Field(pattern=SLUG_PATTERN, max_length=80,
                      description="the article's address: lowercase words joined by hyphens, at most 80 characters")
    type: str = Field(DEFAULT_TYPE, description=f"what the article is: one of {', '.join(ARTICLE_TYPES)}")
    dateline: str | None = Field(None, min_length=2, max_length=40, pattern=r"^[^\W\d_][^\d:;!?]*$",
                                 description="the place our reporter filed from, such as Geneva; "
                                             "leave it out when the desk compiled the report from its sources")
    corrections: list[Correction] = Field(default_factory=list,
                                          description="a list of corrections, each with a date and a text")

    @field_validator("description")
    @classmethod
    def description_is_written(cls, description: str) -> str:
        if description.startswith(DESCRIPTION_PLACEHOLDER_START):
            raise ValueError("still the placeholder that `make new` wrote; write the standfirst: one sentence of 50 to 160 characters")
        return description

    @field_validator("authors")
    @classmethod
    def authors_are_known(cls, authors: list[str], info: ValidationInfo) -> list[str]:
        return _known(authors, (info.context or {}).get("authors"), "author", ".authors.yml")

    @field_validator("categories")
    @classmethod
    def categories_are_allowed(cls, categories: list[str], info: ValidationInfo) -> list[str]:
        return _known(categories, (info.context or {}).get("categories"), "category", "categories_allowed")

    @field_validator("type")
    @classmethod
    def type_is_known(cls, kind: str) -> str:
        return _known([kind], list(ARTICLE_TYPES), "type", "the front matter schema")[0]

    @field_validator("date")
    @classmethod
    def published_not_in_future(cls, dates: ArticleDates, info: ValidationInfo) -> ArticleDates:
        now = (info.context or {}).get("now")
        is_draft = info.data.get("draft", False)
        if now is not None and not is_draft and as_datetime(dates.created) > now:
            raise ValueError(f"created ({dates.created}) is in the future; set draft: true until it is published")
        return dates

    @field_validator("corrections")
    @classmethod
    def corrections_after_publication(cls, corrections: list[Correction], info: ValidationInfo) -> list[Correction]:
        """A correction is made once the article is out, and not later than now."""
        dates, now = info.data.get("date"), (info.context or {}).get("now")
        if dates is None:
            return corrections  # `date` has its own problem
        errors = []
        for number, correction in enumerate(corrections):
            moment = as_datetime(correction.date)
            if moment < as_datetime(dates.created):
                message = f"{correction.date} is before created ({dates.created}); expected a date on or after it"
            elif now is not None and moment > now:
                message = f"{correction.date} is in the future; expected the day the correction was made"
            else:
                continue
            errors.append(InitErrorDetails(type=PydanticCustomError("correction_date", message), loc=(number, "date"),
                                           input=correction.date))
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return corrections

    @property
    def last_modified(self) -> datetime:
        return last_modified(self.date, self.corrections)


def date_lists(pages: Iterable[Any]) -> None:
    """Give each page that lists articles (the blog index, a year, a section, a desk: a page with
    `posts`) the newest last_modified of its articles, unless it has its own. Every page of a
    paginated list holds the same list of posts, so each list's date is worked out once: the
    sitemap reads it for every page without going through the list again."""
    newest: dict[int, datetime] = {}
    for page in pages:
        posts = getattr(page, "posts", None)
        if not posts or LAST_MODIFIED in page.meta:
            continue
        if id(posts) not in newest:
            newest[id(posts)] = max(post.meta[LAST_MODIFIED] for post in posts)
        page.meta[LAST_MODIFIED] = newest[id(posts)]


def _known(values: list[str], allowed: list[str] | None, kind: str, source: str) -> list[str]:
    if allowed is None:
        return values
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise ValueError(f"unknown {kind} {', '.join(map(repr, unknown))}; expected one of {', '.join(allowed)} ({source})")
    return values


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one article, located as precisely as the source allows."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


Location = tuple[str | int, ...]


def _key_lines(root: yaml.Node, first_line: int) -> list[tuple[str, int]]:
    """Each top-level key of the front matter with its line number in the file, in order."""
    if not isinstance(root, yaml.MappingNode):
        return []
    return [(key.value, first_line + key.start_mark.line) for key, _ in root.value]


def _value_lines(root: yaml.Node, first_line: int) -> dict[Location, int]:
    """The line of every key and list item, by its location as pydantic names it
    (("date", "created"), ("corrections", 0, "text")): a problem is reported where it is."""
    lines: dict[Location, int] = {}
    nodes: list[tuple[Location, yaml.Node]] = [((), root)]
    while nodes:
        location, node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines.setdefault((*location, key.value), first_line + key.start_mark.line)
                nodes.append(((*location, key.value), value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*location, index)] = first_line + item.start_mark.line
                nodes.append(((*location, index), item))
    return lines


def _line_of(location: Location, lines: dict[Location, int]) -> int:
    """The line of the deepest part of `location` the front matter has (a missing key: its parent's)."""
    for end in range(len(location), 0, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return 1


def _repeated_keys(keys: list[tuple[str, int]], path: Path) -> list[Problem]:
    """YAML keeps the last of two equal keys without a word: say so instead."""
    first: dict[str, int] = {}
    problems = []
    for key, line in keys:
        if key in first:
            problems.append(Problem(path, line, key, f"appears twice (first on line {first[key]}); keep one"))
        first.setdefault(key, line)
    return problems


def _impossible_dates(root: yaml.Node, first_line: int, path: Path) -> list[Problem]:
    """YAML refuses a date such as 2023-02-30 without saying where: find it and say so."""
    problems = []
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.MappingNode):
            nodes.extend(value for pair in node.value for value in pair)
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif node is not None and node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.load(node.value, Loader=LOADER)
            except ValueError as error:
                problems.append(Problem(path, first_line + node.start_mark.line, "date",
                                        f"{node.value!r} is not a real date ({error})"))
    return problems


# Errors whose pydantic message does not say what is expected: the field's description does.
EXPLAINED_ERRORS = {"missing", "string_pattern_mismatch", "too_short"}


def _fields_at(location: Location) -> dict[str, Any]:
    """The fields the schema allows where `location` ends: an article's, its dates' or a correction's."""
    nested = {("date",): ArticleDates, ("corrections", int): Correction}
    parent = tuple(int if isinstance(part, int) else part for part in location[:-1])
    return (nested.get(parent) or Article).model_fields


def _expected(location: Location) -> str | None:
    """What a field should hold, from the schema's field descriptions."""
    if not location:
        return None
    field = _fields_at(location).get(str(location[-1]))
    if field is None or field.description is None:  # a list item, or a date: the top field says
        field = Article.model_fields.get(str(location[0]))
    return field.description if field else None


def _problems_from_errors(error: ValidationError, path: Path, lines: dict[Location, int]) -> list[Problem]:
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "front matter"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            key, known = str(item["loc"][-1]), _fields_at(item["loc"])
            guess = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else f"; expected only {', '.join(known)}"
            message = f"unknown key{hint}"
        elif item["type"] == "missing":
            message = "required field is missing"
        elif item["type"] == "string_pattern_mismatch":
            message = f"{item['input']!r} is not allowed"
        expected = _expected(item["loc"])
        if expected and (item["type"] in EXPLAINED_ERRORS or item["type"].endswith("_type")):
            message = f"{message}; expected {expected}"
        problems.append(Problem(path, _line_of(item["loc"], lines), field, message))
    return problems


@dataclass(frozen=True)
class FrontMatter:
    """An article's front matter, read once: its data (None when YAML cannot give it), the line of
    each key and list item, and what stops it being checked against the schema."""

    data: dict[str, Any] | None
    lines: dict[Location, int]
    unreadable: list[Problem]


def read(path: Path, shown: Path | None = None) -> FrontMatter:
    """The front matter of the article in `path`; problems name the file as `shown` (default: path)."""
    shown = shown or path
    text = path.read_text(encoding="utf-8")
    match = YAML_RE.match(text)
    if match is None:
        return FrontMatter(None, {}, [Problem(shown, 1, "front matter",
                                               "missing; expected a block between two '---' lines at the top")])
    front_matter, first_line = match.group(1), 2
    try:
        root = yaml.compose(front_matter, Loader=LOADER)
        keys = _key_lines(root, first_line)
        unreadable = _impossible_dates(root, first_line, shown) + _repeated_keys(keys, shown)
        try:
            data = yaml.load(front_matter, Loader=LOADER)
        except (yaml.YAMLError, ValueError):
            if not unreadable:
                raise
            data = None  # what stops it is reported already
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        opened = (f" ({error.context} that starts on line {first_line + error.context_mark.line})"
                  if error.context and error.context_mark and error.problem_mark else "")
        return FrontMatter(None, {}, [Problem(shown, line, "front matter", f"not valid YAML: {error.problem or error}{opened}")])
    if not isinstance(data, dict):
        return FrontMatter(None, {}, unreadable or [Problem(shown, first_line, "front matter", "expected key: value pairs")])
    return FrontMatter(data, _value_lines(root, first_line), unreadable)


def _validate(front_matter: FrontMatter, context: dict[str, Any], shown: Path) -> Article | list[Problem]:
    """The article's front matter as the schema reads it, or every problem that stops it."""
    if front_matter.unreadable:
        return front_matter.unreadable
    try:
        return Article.model_validate(front_matter.data, context=context)
    except ValidationError as error:
        return _problems_from_errors(error, shown, front_matter.lines)


def check_article(path: Path, context: dict[str, Any], shown_as: Path | None = None) -> list[Problem]:
    """Every front matter problem of one article file; an empty list when it is valid."""
    shown = shown_as or path
    result = _validate(read(path, shown), context, shown)
    return result if isinstance(result, list) else []


@dataclass(frozen=True)
class Articles:
    """Every article of a posts folder, read: the valid ones by their file, every problem of the
    others, and the slug index (each slug with the first file that uses it)."""

    valid: dict[Path, Article]
    problems: list[Problem]
    slugs: dict[str, Path]


def read_articles(posts_dir: Path, context: dict[str, Any], relative_to: Path | None = None) -> Articles:
    """Every article under posts_dir, in file order; a slug used twice is a problem of the second."""
    valid, problems, repeated_slugs, slugs = {}, [], [], {}
    for path in sorted(posts_dir.rglob("*.md")):
        shown = path.relative_to(relative_to) if relative_to else path
        front_matter = read(path, shown)
        result = _validate(front_matter, context, shown)
        if isinstance(result, list):
            problems += result
        else:
            valid[path] = result
        slug = front_matter.data.get("slug") if front_matter.data else None
        if not isinstance(slug, str):
            continue
        if slug in slugs:
            repeated_slugs.append(Problem(shown, front_matter.lines.get(("slug",), 1), "slug",
                                          f"{slug!r} is already used by {slugs[slug]}"))
        else:
            slugs[slug] = shown
    return Articles(valid, problems + repeated_slugs, slugs)


def check_articles(posts_dir: Path, context: dict[str, Any], relative_to: Path | None = None) -> list[Problem]:
    """Every front matter problem of every article under posts_dir (see read_articles)."""
    return read_articles(posts_dir, context, relative_to).problems


def report(problems: list[Problem], what: str = "Article front matter") -> str:
    """One message for an editor: every problem, one a line."""
    listing = "\n".join(f"  {problem}" for problem in problems)
    return f"{what} has {len(problems)} problem(s):\n{listing}"
