"""Abbreviation tooltips for keyboard readers: a Markdown extension that lets every <abbr> from the
glossary take focus, or, inside a link, gives the link its meaning."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


# Python-Markdown's abbr extension marks abbreviations up at priority 7; run just after it.
AFTER_ABBR = 6


def meaning_in_link(abbreviation: etree.Element) -> str:
    """How a link's title gives the meaning of an abbreviation it holds: "TASS: A Russian state news agency"."""
    return f"{''.join(abbreviation.itertext())}: {abbreviation.get('title')}"


class FocusableAbbreviations(Treeprocessor):
    """Give each abbreviation tabindex=0, so its tooltip shows on keyboard focus as on hover.

    Inside a link, which takes focus itself, an element that takes focus too is not valid HTML, and
    two tooltips would show at once: there the link's title says what each abbreviation it holds
    stands for (after its own title, if it has one), and the abbreviations carry none."""

    def run(self, root: etree.Element) -> None:
        in_links = {abbreviation for link in root.iter("a") for abbreviation in link.iter("abbr")}
        for link in root.iter("a"):
            meanings = dict.fromkeys(meaning_in_link(abbreviation) for abbreviation in link.iter("abbr")
                                     if abbreviation.attrib.get("title"))
            if meanings:
                link.set("title", " · ".join(filter(None, [link.get("title"), *meanings])))
        for abbreviation in in_links:
            abbreviation.attrib.pop("title", None)
        for abbreviation in root.iter("abbr"):
            if abbreviation not in in_links:
                abbreviation.set("tabindex", "0")


class FocusableAbbreviationsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(FocusableAbbreviations(md), "focusable_abbreviations", AFTER_ABBR)
