"""Spelling of the text readers see: a British English Hunspell dictionary plus our word list,
and codespell for common misspellings."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import lxml.etree
from spylls.hunspell import Dictionary

from ..site import ROOT, BuiltSite, parse
from .sources import source_lines

DICTIONARY_DIR = Path(__file__).resolve().parents[1] / "dictionary"
WORD_LIST = DICTIONARY_DIR / "words.txt"
# Readers see everything in the body but code; the theme's strings are ours too (en-GB.html).
SKIPPED_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "svg", "template"}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
URL_LIKE = re.compile(r"\b(?:https?://|www\.)\S+")
# Files codespell reads in the built site: the rest is code, data or images.
CODESPELL_SKIP = "*.js,*.css,*.map,*.json,*.xml,*.gz,*.svg,*.png,*.jpg,*.woff,*.woff2,*.ico"


@cache
def dictionary() -> Dictionary:
    return Dictionary.from_files(str(DICTIONARY_DIR / "en_GB"))


def word_list() -> list[str]:
    return [line.strip() for line in WORD_LIST.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


# Text nodes and non-empty `alt`/`title` attributes in the body, once SKIPPED_TAGS are stripped.
_VISIBLE_TEXT = lxml.etree.XPath("//body//text() | //body//@*[(name() = 'alt' or name() = 'title') and . != '']",
                                 smart_strings=False)


def page_text(page: Path) -> Iterator[str]:
    """What a reader reads on a built page: its title, description and body, without code."""
    root = parse(page)
    yield from root.xpath("//title/text()")
    yield from root.xpath("//meta[@name='description']/@content")
    # Stripping the skipped elements (keeping the text after them) in C beats walking the tree.
    lxml.etree.strip_elements(root, *SKIPPED_TAGS, with_tail=False)
    yield from _VISIBLE_TEXT(root)


def words(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        if "http" in text or "www." in text:
            text = URL_LIKE.sub(" ", text)
        for word in WORD.findall(text):
            yield word.replace("’", "'")


def site_words(site: BuiltSite) -> dict[str, set[str]]:
    """Each word readers see, with the pages it is on."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in site.pages():
        name = site.name(page)
        # One string per page: a space between pieces of text keeps them separate words.
        for word in set(words([" ".join(page_text(page))])):
            found[word].add(name)
    return found


def _known(word: str, listed: frozenset[str]) -> bool:
    """In the dictionary, or in the word list as it is or with a capital (a listed lower-case word
    may open a sentence or a label)."""
    bare = word.removesuffix("'s")
    return any(form in listed or form[:1].lower() + form[1:] in listed for form in (word, bare)) or dictionary().lookup(word)


def suggestion(word: str, listed: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, listed, n=1, cutoff=0.8)
    if close:
        return close[0]
    return next(iter(dictionary().suggest(word)), "no suggestion")


def word_pattern(word: str) -> re.Pattern[str]:
    """The word written whole, not inside another."""
    return re.compile(rf"(?<![\w'’]){re.escape(word)}(?![\w'’])")


def misspellings(site: BuiltSite, project: Path) -> list[str]:
    """Every unknown word on every built page, with its pages, source lines and a suggestion."""
    listed = frozenset(word_list())
    unknown = {word: pages for word, pages in sorted(site_words(site).items()) if not _known(word, listed)}
    places = source_lines({word: word_pattern(word) for word in unknown}, project)
    problems = []
    for word, pages in unknown.items():
        where = ", ".join(places[word]) or "not found in the sources"
        shown = sorted(pages)[:3] + ([f"{len(pages) - 3} more"] if len(pages) > 3 else [])
        problems.append(f"{', '.join(shown)}: {word!r} is not in the en_GB dictionary "
                        f"or {WORD_LIST.relative_to(ROOT)} (did you mean {suggestion(word, listed)!r}?) "
                        f"[source: {where}]")
    return problems


def codespell(*paths: Path) -> list[str]:
    """Common misspellings codespell knows, as 'file:line: wrong ==> right'."""
    result = subprocess.run(
        [sys.executable, "-m", "codespell_lib", "--skip", CODESPELL_SKIP,
         "--check-hidden", *map(str, paths)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 65):
        raise RuntimeError(f"codespell failed to run:\n{result.stderr}")
    return result.stdout.splitlines()
