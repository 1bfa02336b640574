"""Spelling of the text readers see: a British English Hunspell dictionary plus our word list,
and codespell for common misspellings."""

from __future__ import annotations

import difflib
import os
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
# What codespell reads as a word (its own default), given to it so that `codespell` splits files alike.
CODESPELL_WORD = r"[\w\-'’]+"
_CODESPELL_WORD = re.compile(CODESPELL_WORD)
# The files `codespell` screens by their distinct words first: most of what it reads.
SCREENED = (".md", ".html")


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


def words(text: str) -> set[str]:
    """The distinct words of a text, URLs left out, each apostrophe written straight."""
    if "http" in text or "www." in text:
        text = URL_LIKE.sub(" ", text)
    return {word.replace("’", "'") for word in set(WORD.findall(text))}


def page_words(page: Path) -> set[str]:
    """Every word readers see on a built page."""
    # One string per page: a space between pieces of text keeps them separate words.
    return words(" ".join(page_text(page)))


def site_words(site: BuiltSite) -> set[str]:
    """Every word readers see on the site."""
    found: set[str] = set()
    for page in site.pages():
        found |= page_words(page)
    return found


def pages_using(site: BuiltSite, wanted: set[str]) -> dict[str, list[str]]:
    """The pages each of these words is on, read again: only a report of problems needs them."""
    found: dict[str, list[str]] = defaultdict(list)
    for page in site.pages():
        for word in page_words(page) & wanted:
            found[word].append(site.name(page))
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
    unknown = sorted(word for word in site_words(site) if not _known(word, listed))
    if not unknown:
        return []
    pages = pages_using(site, set(unknown))
    places = source_lines({word: word_pattern(word) for word in unknown}, project)
    problems = []
    for word in unknown:
        where = ", ".join(places[word]) or "not found in the sources"
        shown = pages[word][:3] + ([f"{len(pages[word]) - 3} more"] if len(pages[word]) > 3 else [])
        problems.append(f"{', '.join(shown)}: {word!r} is not in the en_GB dictionary "
                        f"or {WORD_LIST.relative_to(ROOT)} (did you mean {suggestion(word, listed)!r}?) "
                        f"[source: {where}]")
    return problems


def _codespell(*arguments: str, text: str | None = None) -> list[str]:
    """codespell's findings, one per line, on the files or (`text`, given '-') text it is given."""
    result = subprocess.run([sys.executable, "-m", "codespell_lib", "--regex", CODESPELL_WORD, *arguments],
                            input=text, capture_output=True, encoding="utf-8", check=False,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    if result.returncode not in (0, 65):
        raise RuntimeError(f"codespell failed to run:\n{result.stderr}")
    return result.stdout.splitlines()


def _screened_files(paths: tuple[Path, ...]) -> list[Path]:
    """The Markdown and HTML files among these files and folders."""
    found = []
    for path in paths:
        candidates = [path] if path.is_file() else path.rglob("*")
        found.extend(file for file in candidates if file.suffix in SCREENED and file.is_file())
    return sorted(found)


def _codespell_words(file: Path) -> list[str]:
    return _CODESPELL_WORD.findall(file.read_text(encoding="utf-8", errors="replace"))


def codespell(*paths: Path) -> list[str]:
    """Common misspellings codespell knows in these files and folders, as 'file:line: wrong ==> right'.

    Articles and built pages share most of their words (the masthead, menus, markup, everyday
    English), so codespell first reads each distinct word of the Markdown and HTML files once; the
    files holding a word it flags are then given to it whole, to be judged in context as it judges
    every other file."""
    screened = _screened_files(paths)
    distinct: set[str] = set()
    for file in screened:
        distinct.update(_codespell_words(file))
    listed = sorted(distinct)
    # One word a line, so each finding's line number ('7: wrong ==> right') names its word.
    flagged = {listed[int(finding.split(":", 1)[0]) - 1]
               for finding in _codespell("--stdin-single-line", "-", text="\n".join(listed))}
    holding = [str(file) for file in screened if flagged and not flagged.isdisjoint(_codespell_words(file))]
    others = _codespell("--skip", ",".join([CODESPELL_SKIP, *(f"*{suffix}" for suffix in SCREENED)]),
                        "--check-hidden", *map(str, paths))
    return (_codespell(*holding) if holding else []) + others
