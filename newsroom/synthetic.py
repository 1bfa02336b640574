"""Synthetic articles: as many as a test or a benchmark needs, valid for the front matter schema.

The text is made of real words (the British English dictionary in newsroom/dictionary/, with the
function words and newsroom vocabulary of headlines ranked first) drawn with Zipf frequencies, as
in English, so that it compresses about as real copy does, or a little worse (unrelated headlines
repeat less than one article does). A site of such articles thus has a search index of realistic
size. The same count and
seed always give the same articles.
"""

from __future__ import annotations

import itertools
import random
import re
from datetime import datetime, timedelta, timezone
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from .checks.spelling import DICTIONARY_DIR
from .front_matter import ARTICLE_TYPES
from .project import Project

# Under the project's posts folder.
SUBFOLDER = "synthetic"
TAGS = ("China", "Russia", "Ukraine war", "Diplomacy", "Arms control", "Elections", "Energy", "Trade",
        "Climate", "Migration", "Nato", "United Nations", "Economy", "Courts", "Protests", "Health")
FUNCTION_WORDS = ("the", "of", "in", "to", "a", "and", "on", "for", "as", "with", "after", "over", "at",
                  "by", "from", "its", "their", "says", "said", "is", "will", "has", "new", "into", "before")
NEWS_WORDS = ("minister", "talks", "government", "election", "vote", "court", "ruling", "troops", "border",
              "ceasefire", "sanctions", "president", "parliament", "opposition", "protest", "deal", "summit",
              "treaty", "inquiry", "report", "budget", "tariffs", "strike", "army", "police", "refugees",
              "envoy", "leaders", "officials", "rebels", "allies", "crisis", "reforms", "exports", "debt")
# Word frequencies follow Zipf-Mandelbrot, as in English; a fifth of the words are names.
ZIPF_EXPONENT = 1.2
ZIPF_OFFSET = 2.7
NAME_SHARE = 0.2
# Body paragraphs of four sentences: enough for a page to look like an article, few enough for
# 1,000 articles to build in about 20 seconds.
BODY_PARAGRAPHS = 2
YEARS = range(2015, 2024)
# codespell's default dictionaries (its `clear` and `rare` sets), which the spelling checks run.
CODESPELL_DICTIONARIES = ("dictionary.txt", "dictionary_rare.txt")


def _zipf(count: int) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights of `count` ranks."""
    return list(itertools.accumulate(1 / (rank + ZIPF_OFFSET) ** ZIPF_EXPONENT for rank in range(count)))


@cache
def _codespell_words() -> frozenset[str]:
    """Words codespell's default dictionaries call misspellings (some are real but rare words,
    such as "infarction"): generated text must not trip the checks it is generated for."""
    data = resources.files("codespell_lib") / "data"
    return frozenset(line.split("->", 1)[0].strip().lower()
                     for name in CODESPELL_DICTIONARIES
                     for line in (data / name).read_text(encoding="utf-8").splitlines() if "->" in line)


class Vocabulary:
    """Words and names from the British English dictionary, in a random order of frequency."""

    def __init__(self, rng: random.Random) -> None:
        lines = (DICTIONARY_DIR / "en_GB.dic").read_text(encoding="utf-8").splitlines()[1:]
        plain = [word for word in (line.split("/")[0] for line in lines)
                 if re.fullmatch(r"[A-Za-z]{3,12}", word) and word.lower() not in _codespell_words()]
        common = [word for word in plain if word.islower()]
        self.names = [word for word in plain if word[0].isupper() and word[1:].islower()]
        rng.shuffle(common)
        rng.shuffle(self.names)
        self.words = [*FUNCTION_WORDS, *NEWS_WORDS, *common]
        self._word_weights = _zipf(len(self.words))
        self._name_weights = _zipf(len(self.names))

    def word(self, rng: random.Random) -> str:
        if rng.random() < NAME_SHARE:
            return rng.choices(self.names, cum_weights=self._name_weights)[0]
        return rng.choices(self.words, cum_weights=self._word_weights)[0]

    def words_between(self, rng: random.Random, shortest: int, longest: int) -> str:
        """A run of words, `shortest` to `longest` characters long, starting with a capital."""
        target = rng.randint(shortest, longest)
        text = ""
        while len(text) < target:
            word = self.word(rng)
            if len(text) + 1 + len(word) <= longest:
                text = f"{text} {word}" if text else word
            elif len(text) >= shortest:
                break
        return text[0].upper() + text[1:]

    def sentence(self, rng: random.Random, shortest: int, longest: int) -> str:
        return self.words_between(rng, shortest - 1, longest - 1) + "."


def _slug(title: str, taken: set[str]) -> str:
    """The headline's first words in lower case, as editors write slugs, numbered if already taken."""
    words = title.lower().split()
    slug = "-".join(word for count, word in enumerate(words) if len("-".join(words[:count + 1])) <= 36)
    unique = next(candidate for candidate in itertools.chain([slug], (f"{slug}-{n}" for n in itertools.count(2)))
                  if candidate not in taken)
    taken.add(unique)
    return unique


def synthetic_article(rng: random.Random, vocabulary: Vocabulary, slugs: set[str], project: Project) -> tuple[str, str]:
    """One article: its file name and text (front matter, lede, body and sources), in the sections
    and by the desks the project configures; one in four filed by a reporter, with a dateline."""
    title = vocabulary.words_between(rng, 40, 110)
    created = datetime(rng.choice(YEARS), 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(365 * 24 * 60))
    slug = _slug(title, slugs)
    front_matter = {
        "title": title,
        "description": vocabulary.sentence(rng, 50, 160),
        "date": {"created": created},
        "type": rng.choices(list(ARTICLE_TYPES), weights=(12, 4, 2, 1))[0],
        **({"dateline": rng.choice(vocabulary.names)} if rng.random() < 0.25 else {}),
        "authors": [rng.choice(sorted(project.desks))],
        "categories": rng.sample(project.categories, rng.choice((1, 1, 1, 2))),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
        "slug": slug,
    }
    body = "\n\n".join(" ".join(vocabulary.sentence(rng, 60, 200) for _ in range(4)) for _ in range(BODY_PARAGRAPHS))
    text = (f"---\n{yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)}---\n\n"
            f"{vocabulary.sentence(rng, 120, 240)}\n\n{body}\n\n"
            "## Sources\n\n" + "".join(f"- {vocabulary.sentence(rng, 30, 80)}: [{vocabulary.word(rng)}]"
                                         f"(https://www.example.org/{slug}/{number})\n" for number in range(rng.randint(1, 3))))
    return f"{created:%Y-%m-%d}-{slug}.md", text


def write_synthetic_articles(docs_dir: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` valid articles into the posts folder of the project whose docs are docs_dir, in
    a subfolder of their own; return their paths."""
    project = Project.load(docs_dir.parent)
    folder = project.posts_dir / SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng)
    paths: list[Path] = []
    slugs: set[str] = set()
    for _ in range(count):
        name, text = synthetic_article(rng, vocabulary, slugs, project)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
