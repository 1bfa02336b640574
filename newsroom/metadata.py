"""Page metadata for search engines, social networks and feed readers, all read from front matter.

Articles get Open Graph article fields and one schema.org NewsArticle (or the subtype their
`type` names, with their corrections); the home page gets WebSite and Organization. The template (overrides/partials/metadata.html) only prints them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .front_matter import ARTICLE_TYPES, LAST_MODIFIED, as_datetime

SCHEMA = "https://schema.org"


def absolute(config: MkDocsConfig, url: str) -> str:
    """The absolute address of a site-relative URL, under site_url (which may be a subpath)."""
    if not config.site_url:
        raise PluginError("site_url is not set: metadata needs absolute URLs (set SITE_URL)")
    return urljoin(config.site_url, url)


def image_url(card: str | None, config: MkDocsConfig) -> str:
    """The page's social card (overrides/hooks/social_cards.py) if it has one, else the publication's logo."""
    return absolute(config, card or config.extra["publisher"]["logo"])


def publisher(config: MkDocsConfig) -> dict[str, Any]:
    return {
        "@type": "NewsMediaOrganization",
        "name": config.site_name,
        "url": absolute(config, ""),
        "logo": {"@type": "ImageObject", "url": absolute(config, config.extra["publisher"]["logo"])},
    }


def article_metadata(post: Any, card: str | None, config: MkDocsConfig) -> dict[str, Any]:
    """What Open Graph and JSON-LD say about an article, from its front matter."""
    # The blog plugin makes every date time-zone aware (a bare date is midnight UTC).
    created = post.config.date.created
    # With authors_profiles on, the blog plugin points each author's url at their profile page.
    authors = [{"name": author.name, "url": absolute(config, author.url)} for author in post.authors]
    return {
        "url": post.canonical_url,
        "title": post.meta["title"],
        "description": post.meta["description"],
        "published": created.isoformat(),
        "modified": post.meta[LAST_MODIFIED].isoformat(),
        "type": ARTICLE_TYPES[post.meta["type"]],
        "corrections": [{"date": as_datetime(correction["date"]).isoformat(), "text": correction["text"]}
                        for correction in post.meta.get("corrections") or []],
        "section": post.config.categories[0],
        "tags": list(post.meta.get("tags", [])),
        "image": image_url(card, config),
        "authors": authors,
    }


def news_article(article: dict[str, Any], config: MkDocsConfig) -> dict[str, Any]:
    corrections = [{"@type": "CorrectionComment", "datePublished": correction["date"], "text": correction["text"]}
                   for correction in article["corrections"]]
    return {
        "@context": SCHEMA,
        "@type": article["type"],
        "headline": article["title"],
        "description": article["description"],
        "datePublished": article["published"],
        "dateModified": article["modified"],
        "author": [{"@type": "Organization", **author} for author in article["authors"]],
        "publisher": publisher(config),
        "image": [article["image"]],
        "mainEntityOfPage": {"@type": "WebPage", "@id": article["url"]},
        "articleSection": article["section"],
        "keywords": article["tags"],
        "inLanguage": config.theme["language"],
        **({"correction": corrections} if corrections else {}),
    }


def home_graph(config: MkDocsConfig) -> list[dict[str, Any]]:
    return [
        {"@context": SCHEMA, "@type": "WebSite", "name": config.site_name, "url": absolute(config, ""),
         "description": config.site_description, "inLanguage": config.theme["language"]},
        {"@context": SCHEMA, **publisher(config)},
    ]
