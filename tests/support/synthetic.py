"""Synthetic articles for benchmarks and scale tests: varied, deterministic, and valid.

`write_synthetic_articles(posts_dir, count, seed=...)` writes `count` Markdown articles that pass
the front matter schema (overrides/hooks/front_matter.py), build strictly, and pass every site
check: words come from the en_GB dictionary's own stems (minus those codespell would flag),
drawn with a Zipf-like skew so that, as in real copy, unique words grow more slowly than text.
The same seed and count always give the same files.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path

from .site import ROOT

DICTIONARY = ROOT / "tests" / "spelling" / "en_GB.dic"
# Hunspell flags of en_GB.aff that make a stem unusable alone: only in compounds, or not suggested
# (the offensive words).
UNUSABLE_FLAGS = set("c!")
STEM = re.compile(r"^[a-z]{3,12}$")
# codespell's default dictionaries ("clear,rare"): a word in them would be reported as a typo.
CODESPELL_DICTIONARIES = ("dictionary.txt", "dictionary_rare.txt")

CATEGORIES = ("World", "Europe", "Asia", "Security")
AUTHORS = ("foreign-desk",)
CITIES = ("LONDON", "PARIS", "BERLIN", "MOSCOW", "BEIJING", "TOKYO", "WARSAW", "ROME", "MADRID",
          "VIENNA", "DELHI", "CAIRO", "SEOUL", "GENEVA", "BRUSSELS", "ISTANBUL")
TAGS = ("Diplomacy", "Trade", "Elections", "Energy", "Defence", "Climate", "Migration", "Economy",
        "Health", "Courts", "Technology", "Agriculture")
SOURCE_HOSTS = ("https://example.org", "https://example.com", "https://example.net")
# The commonest words of English, ranked first; then stems in a seeded order, ever rarer.
FUNCTION_WORDS = ("the", "of", "and", "to", "in", "that", "for", "was", "with", "said", "on", "as",
                  "by", "its", "from", "which", "were", "after", "would", "their")
ZIPF_OFFSET = 10
FIRST_DAY = date(2019, 1, 1)
MONTH_FORMAT = "%B %Y"


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article: its file name, front matter values and body."""

    file_name: str
    slug: str
    title: str
    description: str
    created: datetime
    updated: datetime | None
    category: str
    tags: tuple[str, ...]
    body: str

    def markdown(self) -> str:
        """The article file: front matter as the schema wants it, then the body."""
        dates = f"  created: {self.created.isoformat(sep=' ')}\n"
        if self.updated:
            dates += f"  updated: {self.updated.isoformat(sep=' ')}\n"
        tags = "".join(f"  - {tag}\n" for tag in self.tags)
        authors = "".join(f"  - {author}\n" for author in AUTHORS)
        return (f"---\ntitle: {self.title}\ndescription: {self.description}\ndate:\n{dates}"
                f"authors:\n{authors}categories:\n  - {self.category}\ntags:\n{tags}slug: {self.slug}\n---\n\n"
                f"{self.body}")


@cache
def _codespell_words() -> frozenset[str]:
    """Every word codespell's default dictionaries call a misspelling."""
    data = resources.files("codespell_lib") / "data"
    return frozenset(line.split("->", 1)[0].strip().lower()
                     for name in CODESPELL_DICTIONARIES
                     for line in (data / name).read_text(encoding="utf-8").splitlines() if "->" in line)


@cache
def vocabulary() -> tuple[str, ...]:
    """Lower-case dictionary stems fit for body copy, in dictionary order (deterministic)."""
    flagged = _codespell_words()
    stems = []
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]:
        stem, _, flags = line.partition("/")
        if STEM.match(stem) and not UNUSABLE_FLAGS & set(flags) and stem not in flagged:
            stems.append(stem)
    return tuple(stems)


class _Writer:
    """Draws words and sentences from the vocabulary with a Zipf-like skew, from one seeded RNG."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        stems = list(vocabulary())
        self.rng.shuffle(stems)
        self.words = [*FUNCTION_WORDS, *stems]
        self.cumulative_weights = list(accumulate(1 / (rank + ZIPF_OFFSET) for rank in range(len(self.words))))

    def words_of(self, count: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative_weights, k=count)

    def sentence(self, low: int = 8, high: int = 20) -> str:
        words = self.words_of(self.rng.randint(low, high))
        if len(words) > 10 and self.rng.random() < 0.4:
            words[len(words) // 2] += ","
        return " ".join(words).capitalize() + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))

    def text_between(self, low: int, high: int) -> str:
        """A sentence-case line of low to high characters, without a closing full stop."""
        while True:
            text = " ".join(self.words_of(self.rng.randint(3, 24))).capitalize()
            if low <= len(text) <= high:
                return text

    def source_url(self, index: int, part: int) -> str:
        return f"{self.rng.choice(SOURCE_HOSTS)}/{'-'.join(self.words_of(3))}/{index}-{part}"


def _day(moment: datetime) -> str:
    return f"{moment.day} {moment:{MONTH_FORMAT}}"


def _body(writer: _Writer, index: int, created: datetime, updated: datetime | None, previous: str | None) -> str:
    """Dateline and lede, the excerpt break, sections with links, an update note, sources."""
    rng = writer.rng
    sources = [writer.source_url(index, part) for part in range(rng.randint(2, 4))]
    lede = f"**{rng.choice(CITIES)}, {_day(created)}** — {writer.paragraph()}"
    parts = [lede, "<!-- more -->"]
    for section in range(rng.randint(3, 5)):
        parts.append(f"## {writer.text_between(12, 60)}")
        for _ in range(rng.randint(2, 4)):
            paragraph = writer.paragraph()
            if rng.random() < 0.5:
                paragraph += f" [{' '.join(writer.words_of(3))}]({rng.choice(sources)})."
            parts.append(paragraph)
        if section == 0 and previous:
            parts.append(f"This follows [our earlier report]({previous}); see [how we correct errors](../../about.md#corrections).")
    if updated:
        parts.append("## What happened next")
        parts.append(f'!!! update "Update, {_day(updated)}"\n\n    {writer.paragraph()}')
    parts.append("## Sources")
    parts.append("\n".join(f"- {' '.join(writer.words_of(4)).capitalize()}: [{' '.join(writer.words_of(3))}]({url})"
                           for url in sources))
    return "\n\n".join(parts) + "\n"


def synthetic_articles(count: int, seed: int = 0) -> list[SyntheticArticle]:
    """`count` articles, one a day from FIRST_DAY, each linking to the one before it."""
    writer = _Writer(seed)
    rng = writer.rng
    generated: list[SyntheticArticle] = []
    for index in range(count):
        day = FIRST_DAY + timedelta(days=index)
        created = datetime(day.year, day.month, day.day, rng.randint(6, 20), rng.choice((0, 15, 30, 45)),
                           tzinfo=timezone.utc)
        updated = created + timedelta(days=rng.randint(1, 30), hours=1) if rng.random() < 0.2 else None
        slug = f"report-{index:05d}-" + "-".join(writer.words_of(3))
        previous = generated[-1].file_name if generated else None
        generated.append(SyntheticArticle(
            file_name=f"{day.isoformat()}-{slug}.md",
            slug=slug,
            title=writer.text_between(40, 100),
            description=writer.text_between(80, 150) + ".",
            created=created,
            updated=updated,
            category=rng.choice(CATEGORIES),
            tags=tuple(sorted(rng.sample(TAGS, rng.randint(1, 3)))),
            body=_body(writer, index, created, updated, previous),
        ))
    return generated


def write_synthetic_articles(posts_dir: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` valid, varied articles into posts_dir (the blog's posts folder); return their paths."""
    posts_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for article in synthetic_articles(count, seed):
        path = posts_dir / article.file_name
        path.write_text(article.markdown(), encoding="utf-8")
        paths.append(path)
    return paths
