"""What feed readers and crawlers get: the RSS and JSON feeds, the sitemap and robots.txt, checked
against the articles' front matter. Each check returns problems naming the file and the fault."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from time import struct_time
from typing import Any, Literal
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .articles import Article
from tests.support.checks.links import built_file, page_url
from tests.support.site import BuiltSite, parse

# The rss plugin's files (its default names, which Material's page head also links), each with
# the date its items are sorted and, in RSS, dated by.
RSS_FEEDS = {"feed_rss_created.xml": "created", "feed_rss_updated.xml": "updated"}
JSON_FEEDS = {"feed_json_created.json": "created", "feed_json_updated.json": "updated"}
# The feeds every page's head advertises.
LINKED_FEEDS = {"application/rss+xml": "feed_rss_created.xml", "application/feed+json": "feed_json_created.json"}
SITEMAP_NAMESPACE = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

Order = Literal["created", "updated"]


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed, reduced to what is checked against the front matter."""

    link: str
    title: str
    summary: str
    dates: dict[str, datetime]
    categories: tuple[str, ...]


def item_problems(name: str, items: list[FeedItem], expected: list[Article], site_url: str) -> list[str]:
    """Whether a feed carries exactly the articles, each as its front matter says."""
    problems = [f"{name}: item link {item.link!r} is not an absolute URL under {site_url}"
                for item in items if not item.link.startswith(site_url)]
    by_link = {item.link: item for item in items}
    wanted = {article.url: article for article in expected}
    problems += [f"{name}: item {link!r} is no published article" for link in by_link.keys() - wanted.keys()]
    problems += [f"{name}: {article.source} ({link}) is missing" for link, article in wanted.items() if link not in by_link]
    if len(by_link) < len(items):
        problems.append(f"{name}: an article appears more than once")
    for link in by_link.keys() & wanted.keys():
        item, article = by_link[link], wanted[link]
        fields = {"title": (item.title, article.title), "summary": (item.summary, article.description),
                  "categories": (tuple(sorted(item.categories)), tuple(sorted(article.categories)))}
        fields |= {f"{order} date": (moment, article.date(order)) for order, moment in item.dates.items()}
        problems += [f"{name}: {article.source}: {field} is {_shown(got)}, the front matter says {_shown(want)}"
                     for field, (got, want) in fields.items() if got != want]
    return problems


def _shown(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else repr(value)


def order_problems(name: str, items: list[FeedItem], order: Order) -> list[str]:
    """Items run newest first by the date the feed is named after."""
    moments = [item.dates[order] for item in items]
    return [] if moments == sorted(moments, reverse=True) else [f"{name}: items are not newest first by {order} date"]


def _none_values(values: Iterator[tuple[str, Any]], name: str) -> list[str]:
    """`None` standing for a whole value is Python's None rendered into a template slot."""
    return [f"{name}: {where} is 'None'" for where, value in values if isinstance(value, str) and value.strip() == "None"]


def _xml_values(root: lxml.etree._Element) -> Iterator[tuple[str, str]]:
    for element in root.iter(lxml.etree.Element):
        tag = lxml.etree.QName(element).localname
        if element.text is not None:
            yield f"<{tag}>", element.text
        for attribute, value in element.attrib.items():
            yield f"<{tag} {lxml.etree.QName(attribute).localname}>", value


def _json_values(value: Any, where: str = "feed") -> Iterator[tuple[str, Any]]:
    """Every scalar in a JSON document, with its path."""
    if isinstance(value, dict):
        for key, member in value.items():
            yield from _json_values(member, f"{where}.{key}")
    elif isinstance(value, list):
        for index, member in enumerate(value):
            yield from _json_values(member, f"{where}[{index}]")
    else:
        yield where, value


def html_text(markup: str) -> str:
    """The text an HTML fragment shows a reader (an RSS description, JSON Feed content_html)."""
    return lxml.html.fragment_fromstring(markup, create_parent="div").text_content() if markup.strip() else ""


def _utc(parsed: struct_time) -> datetime:
    """A date feedparser read (it gives UTC) as a datetime."""
    return datetime(*parsed[:6], tzinfo=timezone.utc)


def newest(published: list[Article], order: Order, length: int) -> list[Article]:
    """What a feed of `length` items sorted by `order` carries: the newest articles by that date."""
    return sorted(published, key=lambda article: article.date(order), reverse=True)[:length]


def rss_problems(site: BuiltSite, name: str, order: Order, published: list[Article], length: int) -> list[str]:
    """An RSS feed that feedparser reads without complaint, carrying exactly the newest `length` articles."""
    expected = newest(published, order, length)
    path = site.root / name
    if not path.is_file():
        return [f"{name}: missing from the site"]
    feed = feedparser.parse(path.read_bytes())
    if feed.bozo:
        return [f"{name}: not well-formed ({feed.bozo_exception})"]
    problems = [] if feed.version == "rss20" else [f"{name}: is {feed.version or 'no known format'}, not RSS 2.0"]
    problems += _none_values(_xml_values(lxml.etree.fromstring(path.read_bytes())), name)
    if not feed.feed.get("image", {}).get("href", "").startswith(("https://", "http://")):
        problems.append(f"{name}: the channel <image> has no absolute <url>")
    items = [FeedItem(link=entry.get("link", ""), title=entry.get("title", ""), summary=html_text(entry.get("summary", "")),
                      dates={order: _utc(entry.published_parsed)} if entry.get("published_parsed") else {},
                      categories=tuple(tag.term for tag in entry.get("tags", [])))
             for entry in feed.entries]
    problems += [f"{name}: item {item.link!r} has no <pubDate>" for item in items if not item.dates]
    problems += [f"{name}: item {entry.get('link')!r} has <guid> {entry.get('id')!r}, not its link"
                 for entry in feed.entries if entry.get("id") != entry.get("link")]
    problems += item_problems(name, items, expected, site.url)
    return problems + (order_problems(name, items, order) if all(order in item.dates for item in items) else [])


class _JsonFeedObject(BaseModel):
    """A JSON Feed 1.1 object: its members typed as the spec types them (`None` here stands for
    absent: a null member is reported apart); any member it does not define is an extension,
    whose name starts with an underscore."""

    model_config = ConfigDict(extra="allow", strict=True)

    @model_validator(mode="after")
    def only_extensions_undefined(self) -> _JsonFeedObject:
        unknown = [key for key in self.model_extra or {} if not key.startswith("_")]
        if unknown:
            raise ValueError(f"unknown member(s) {', '.join(unknown)}: not in JSON Feed 1.1, and not an _extension")
        return self


class JsonFeedAuthor(_JsonFeedObject):
    name: str | None = None
    url: str | None = None
    avatar: str | None = None


class JsonFeedItem(_JsonFeedObject):
    id: str
    url: str | None = None
    external_url: str | None = None
    title: str | None = None
    content_html: str | None = None
    content_text: str | None = None
    summary: str | None = None
    image: str | None = None
    banner_image: str | None = None
    date_published: str | None = None
    date_modified: str | None = None
    authors: list[JsonFeedAuthor] | None = None
    tags: list[str] | None = None
    language: str | None = None
    attachments: list[dict[str, Any]] | None = None

    @field_validator("date_published", "date_modified")
    @classmethod
    def dates_are_rfc3339(cls, value: str) -> str:
        if "T" not in value or datetime.fromisoformat(value).tzinfo is None:
            raise ValueError(f"{value!r} is not an RFC 3339 date-time with a time zone")
        return value

    @model_validator(mode="after")
    def has_content(self) -> JsonFeedItem:
        if self.content_html is None and self.content_text is None:
            raise ValueError("neither content_html nor content_text")
        return self


class JsonFeed(_JsonFeedObject):
    version: Literal["https://jsonfeed.org/version/1.1"]
    title: str
    home_page_url: str | None = None
    feed_url: str | None = None
    description: str | None = None
    user_comment: str | None = None
    next_url: str | None = None
    icon: str | None = None
    favicon: str | None = None
    authors: list[JsonFeedAuthor] | None = None
    language: str | None = None
    expired: bool | None = None
    hubs: list[dict[str, Any]] | None = None
    items: list[JsonFeedItem]


def json_feed_problems(site: BuiltSite, name: str, order: Order, published: list[Article], length: int) -> list[str]:
    """A valid JSON Feed 1.1 carrying exactly the newest `length` articles."""
    expected = newest(published, order, length)
    path = site.root / name
    if not path.is_file():
        return [f"{name}: missing from the site"]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        return [f"{name}: not JSON ({error})"]
    problems = [f"{name}: {where} is null, which JSON Feed 1.1 does not allow: omit an optional member"
                for where, value in _json_values(data) if value is None]
    problems += _none_values(_json_values(data), name)
    try:
        feed = JsonFeed.model_validate(data)
    except ValidationError as error:
        return problems + [f"{name}: not JSON Feed 1.1: {'.'.join(map(str, problem['loc'])) or 'feed'}: "
                           f"{problem['msg'].removeprefix('Value error, ')}" for problem in error.errors()]
    problems += [f"{name}: {member} {value!r} is not an absolute URL under {site.url}"
                 for member, value in (("home_page_url", feed.home_page_url), ("feed_url", feed.feed_url))
                 if not (value or "").startswith(site.url)]
    if not (feed.icon or "").startswith(("https://", "http://")):
        problems.append(f"{name}: icon {feed.icon!r} is not an absolute URL")
    problems += [f"{name}: item {item.id!r}: content_html {item.content_html!r} is not its summary as HTML"
                 for item in feed.items if item.summary and html_text(item.content_html or "") != item.summary]
    items = [FeedItem(link=item.url or "", title=item.title or "", summary=item.summary or "",
                      dates={order: datetime.fromisoformat(moment)
                             for order, moment in (("created", item.date_published), ("updated", item.date_modified))
                             if moment},
                      categories=tuple(item.tags or ()))
             for item in feed.items]
    problems += [f"{name}: item {item.id!r} lacks date_published or date_modified"
                 for item in feed.items if not (item.date_published and item.date_modified)]
    problems += [f"{name}: item id {item.id!r} is not its url {item.url!r}" for item in feed.items if item.id != item.url]
    problems += item_problems(name, items, expected, site.url)
    return problems + (order_problems(name, items, order) if all(order in item.dates for item in items) else [])


def feed_link_problems(site: BuiltSite) -> list[str]:
    """Every page's head links both feeds, and the feeds are there."""
    problems = [f"{name}: linked from every page but missing from the site"
                for name in LINKED_FEEDS.values() if not (site.root / name).is_file()]
    for page in site.pages():
        root = parse(page)
        for media_type, name in LINKED_FEEDS.items():
            hrefs = root.xpath(f"/html/head/link[@rel='alternate'][@type='{media_type}']/@href")
            if site.url + name not in {urljoin(page_url(site, site.name(page)), href) for href in hrefs}:
                problems.append(f"{site.name(page)}: no <link rel=\"alternate\" type=\"{media_type}\" "
                                f"href=\"{site.url}{name}\"> in the head (found {hrefs})")
    return problems


def _w3c_date(value: str) -> bool:
    try:
        (datetime if "T" in value else date).fromisoformat(value)
    except ValueError:
        return False
    return True


# What search engines read of one sitemap file (sitemaps.org): 50,000 URLs, 50 MB uncompressed.
SITEMAP_MAX_URLS = 50_000
SITEMAP_MAX_BYTES = 52_428_800


def sitemap_problems(site: BuiltSite, expected: list[Article]) -> list[str]:
    """Every sitemap URL is an absolute address of a built page, with a <lastmod>; an article's
    <lastmod> is its last modification (date.updated or its latest correction, else date.created);
    the file stays within what search engines read of one sitemap (sitemaps.org). Within GitHub
    Pages' 1 GB the archive holds far fewer pages than that, so one sitemap serves."""
    path = site.root / "sitemap.xml"
    if not path.is_file():
        return ["sitemap.xml: missing from the site"]
    urls = lxml.etree.parse(str(path)).getroot().findall("sm:url", SITEMAP_NAMESPACE)
    problems, lastmods = [], {}
    if len(urls) > SITEMAP_MAX_URLS or path.stat().st_size > SITEMAP_MAX_BYTES:
        problems.append(f"sitemap.xml: {len(urls):,} URLs in {path.stat().st_size:,} bytes, over a sitemap's "
                        f"{SITEMAP_MAX_URLS:,} URLs or {SITEMAP_MAX_BYTES:,} bytes: split it under a sitemap index")
    for url in urls:
        loc = url.findtext("sm:loc", default="", namespaces=SITEMAP_NAMESPACE).strip()
        lastmod = url.findtext("sm:lastmod", default="", namespaces=SITEMAP_NAMESPACE).strip()
        lastmods[loc] = lastmod
        if not loc.startswith(site.url):
            problems.append(f"sitemap.xml: <loc> {loc!r} is not an absolute URL under {site.url}")
        elif built_file(site, loc) is None:
            problems.append(f"sitemap.xml: <loc> {loc!r} is no page of the built site")
        if not _w3c_date(lastmod):
            problems.append(f"sitemap.xml: {loc!r} has no <lastmod> date (found {lastmod!r})")
    if len(lastmods) < len(urls):
        problems.append("sitemap.xml: a <loc> appears more than once")
    for article in expected:
        want = article.last_modified.date().isoformat()
        if article.url not in lastmods:
            problems.append(f"sitemap.xml: {article.source} ({article.url}) is missing")
        elif lastmods[article.url] != want:
            problems.append(f"sitemap.xml: {article.source}: <lastmod> is {lastmods[article.url]!r}, "
                            f"the front matter says {want!r}")
    return problems


def robots_problems(site: BuiltSite) -> list[str]:
    """robots.txt at the site root names the sitemap by its absolute URL."""
    path = site.root / "robots.txt"
    if not path.is_file():
        return ["robots.txt: missing from the site root"]
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    sitemap = f"Sitemap: {site.url}sitemap.xml"
    return [] if sitemap in lines else [f"robots.txt: no line {sitemap!r} (found {lines})"]
