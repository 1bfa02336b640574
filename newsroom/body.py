"""What an article's front matter adds to its body: the dateline at its head, where our reporter
was (`dateline:`), and its corrections, each a dated note after the report and before Sources.

Both are written into the rendered body through an HTML parser, so every value is escaped; an
article with neither is left byte for byte as Markdown rendered it.
"""

from __future__ import annotations

from typing import Any

import lxml.html
from lxml.html import builder as E
from mkdocs.exceptions import PluginError

from .front_matter import as_datetime, long_date

# The id of the corrections' heading, and of the heading they go before.
CORRECTIONS_ID = "corrections"
SOURCES_ID = "sources"


def dateline(place: str, created: Any) -> str:
    """A dateline: the place in capitals and the day of publication where it was filed."""
    return f"{place.upper()}, {long_date(as_datetime(created))}"


def corrections_section(corrections: list[dict[str, Any]]) -> lxml.html.HtmlElement:
    """The dated correction notes, oldest first, under one heading."""
    notes = []
    for correction in sorted(corrections, key=lambda item: as_datetime(item["date"])):
        moment = as_datetime(correction["date"])
        time = E.TIME(long_date(moment), datetime=moment.isoformat())
        time.tail = f" — {correction['text']}"
        notes.append(E.P(time, E.CLASS("article-correction")))
    heading = "Correction" if len(corrections) == 1 else "Corrections"
    return E.SECTION(E.H2(heading, id=CORRECTIONS_ID), *notes,
                     {"class": "article-corrections", "aria-labelledby": CORRECTIONS_ID})


def with_front_matter(html: str, where: str, place: str | None, created: Any,
                      corrections: list[dict[str, Any]]) -> str:
    """The rendered body with its dateline and corrections, if the front matter gives any."""
    if not place and not corrections:
        return html
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    if place:
        lede = body.find("p")
        if lede is None:
            raise PluginError(f"{where}: dateline: the body has no paragraph to open with it")
        mark = E.STRONG(dateline(place, created), E.CLASS("article-dateline"))
        mark.tail = f" — {lede.text or ''}"
        lede.text = None
        lede.insert(0, mark)
    if corrections:
        if body.xpath(f"//*[@id='{CORRECTIONS_ID}']"):
            raise PluginError(f"{where}: corrections: the body already has an element with id "
                              f"'{CORRECTIONS_ID}'; rename that heading")
        section = corrections_section(corrections)
        sources = body.find(f"h2[@id='{SOURCES_ID}']")
        if sources is None:
            body.append(section)
        else:
            sources.addprevious(section)
    return (body.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
