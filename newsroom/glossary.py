"""Abbreviation tooltips for keyboard readers: a Markdown extension that lets every <abbr> from the
glossary take focus."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


# Python-Markdown's abbr extension marks abbreviations up at priority 7; run just after it.
AFTER_ABBR = 6


class FocusableAbbreviations(Treeprocessor):
    """Give each abbreviation tabindex=0, so its tooltip shows on keyboard focus as on hover."""

    def run(self, root: etree.Element) -> None:
        for abbreviation in root.iter("abbr"):
            abbreviation.set("tabindex", "0")


class FocusableAbbreviationsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(FocusableAbbreviations(md), "focusable_abbreviations", AFTER_ABBR)
