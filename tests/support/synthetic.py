"""Synthetic articles: as many as a test or a benchmark needs, valid for the front matter schema,
and shaped like real reports (SHAPE: words, paragraphs, sub-headings, links, a Sources list, an
update note in one article in ten), so that a benchmark builds and weighs what a newsroom would.

The text is made of real words (the British English dictionary in tests/support/dictionary/, with the
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

import lxml.html
import markdown
import yaml
from mkdocs.utils.meta import get_data

from .checks.spelling import DICTIONARY_DIR
from newsroom.front_matter import ARTICLE_TYPES, long_date
from newsroom.project import Project

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
# The shape of a real report, each range inclusive: prose words (Sources aside), paragraphs,
# sub-headings and links in the prose, and items in the Sources list.
SHAPE = {"words": (600, 1200), "paragraphs": (8, 18), "subheadings": (2, 5), "links": (8, 25), "sources": (3, 12)}
# Most reports run nearer the long end, as ours do.
WORDS_MODE = 1000
# Sentences are 60 to 200 characters: about 20 words.
AVERAGE_SENTENCE_WORDS = 20
UPDATE_SHARE = 0.1
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


def _address(rng: random.Random, vocabulary: Vocabulary, created: datetime) -> str:
    """An external address shaped like a news site's: a section, a date and a slug of words."""
    words = "-".join(vocabulary.word(rng).lower() for _ in range(rng.randint(4, 9)))
    return f"https://www.example.org/{rng.choice(('news', 'world', 'politics', 'business'))}/{created:%Y/%m/%d}/{words}"


def _paragraph(rng: random.Random, vocabulary: Vocabulary, words: int, links: list[str]) -> str:
    """Sentences of about `words` words in all, with a run of two to four words of a sentence made
    into each of the links."""
    sentences: list[list[str]] = []
    while sum(map(len, sentences)) < words:
        sentences.append(vocabulary.sentence(rng, 60, 200).split())
    for link in links:
        # A run of plain words, none of them in a link already.
        while True:
            sentence = rng.choice(sentences)
            start = rng.randrange(len(sentence) - 1)
            run = sentence[start:start + rng.randint(2, 4)]
            if not any("](" in word for word in run):
                break
        ending = "." if run[-1].endswith(".") else ""
        sentence[start:start + len(run)] = [f"[{' '.join(run).rstrip('.')}]({link}){ending}"]
    return " ".join(word for sentence in sentences for word in sentence)


def _body(rng: random.Random, vocabulary: Vocabulary, created: datetime, updated: datetime | None) -> str:
    """The lede, paragraphs under sub-headings, an update note if `updated`, and the Sources list,
    each count drawn within SHAPE."""
    # Sub-headings and the last sentence add up to a few dozen words more.
    words = round(rng.triangular(SHAPE["words"][0], SHAPE["words"][1] - 3 * AVERAGE_SENTENCE_WORDS, WORDS_MODE))
    paragraphs = rng.randint(*SHAPE["paragraphs"])
    headings = rng.randint(*SHAPE["subheadings"])
    # The update note is a paragraph under a sub-heading of its own; the lede has no heading above it.
    body_paragraphs, body_headings = paragraphs - bool(updated), headings - bool(updated)
    links = [_address(rng, vocabulary, created) for _ in range(rng.randint(*SHAPE["links"]))]
    link_counts = [0] * paragraphs
    for _ in links:
        link_counts[rng.randrange(paragraphs)] += 1
    # Each paragraph's share of the words still to write: its last sentence overshoots its share
    # by half a sentence on average, and the next paragraph's share makes up for it.
    texts, used, written = [], 0, 0
    for number in range(paragraphs):
        share = (words - written) // (paragraphs - number) - AVERAGE_SENTENCE_WORDS // 2
        texts.append(_paragraph(rng, vocabulary, max(share, 1), links[used:used + link_counts[number]]))
        used += link_counts[number]
        written += len(texts[-1].split())
    heading_before = set(rng.sample(range(1, body_paragraphs), body_headings))
    parts = []
    for number, text in enumerate(texts[:body_paragraphs]):
        if number in heading_before:
            parts.append(f"## {vocabulary.words_between(rng, 15, 50)}")
        parts.append(text)
    if updated:
        parts += ["## What happened next", f'!!! update "Update, {long_date(updated)}"', "    " + texts[-1]]
    sources = "".join(f"- {vocabulary.sentence(rng, 30, 80)}: [{vocabulary.words_between(rng, 10, 40)}]"
                      f"({_address(rng, vocabulary, created)})\n" for _ in range(rng.randint(*SHAPE["sources"])))
    return "\n\n".join(parts) + "\n\n## Sources\n\n" + sources


def synthetic_article(rng: random.Random, vocabulary: Vocabulary, slugs: set[str], project: Project) -> tuple[str, str]:
    """One article: its file name and text (front matter and a body of SHAPE), in the sections and
    by the desks the project configures; one in four filed by a reporter, with a dateline."""
    title = vocabulary.words_between(rng, 40, 110)
    created = datetime(rng.choice(YEARS), 1, 1, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(365 * 24 * 60))
    updated = created + timedelta(days=rng.randint(1, 60)) if rng.random() < UPDATE_SHARE else None
    slug = _slug(title, slugs)
    front_matter = {
        "title": title,
        "description": vocabulary.sentence(rng, 50, 160),
        "date": {"created": created, **({"updated": updated} if updated else {})},
        "type": rng.choices(list(ARTICLE_TYPES), weights=(12, 4, 2, 1))[0],
        **({"dateline": rng.choice(vocabulary.names)} if rng.random() < 0.25 else {}),
        "authors": [rng.choice(sorted(project.desks))],
        "categories": rng.sample(project.categories, rng.choice((1, 1, 1, 2))),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
        "slug": slug,
    }
    text = (f"---\n{yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)}---\n\n"
            f"{_body(rng, vocabulary, created, updated)}")
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


def article_shape(path: Path) -> dict[str, int]:
    """An article's measures in SHAPE's terms, read from its Markdown rendered to HTML: the words,
    paragraphs, sub-headings and links of its prose, and the items of its Sources list."""
    html = markdown.markdown(get_data(path.read_text(encoding="utf-8"))[0], extensions=["admonition", "attr_list"])
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    sources = root.xpath("./h2[normalize-space()='Sources']")
    sources_list = sources[0].xpath("following-sibling::ul[1]/li") if sources else []
    prose = root.xpath("./*[not(self::h2[normalize-space()='Sources'])]"
                       "[not(preceding-sibling::h2[normalize-space()='Sources'])]")
    return {
        "words": sum(len(element.text_content().split()) for element in prose
                     if "admonition-title" not in element.xpath("string(@class)")),
        "paragraphs": sum(len(element.xpath("descendant-or-self::p[not(@class='admonition-title')]")) for element in prose),
        "subheadings": sum(element.tag == "h2" for element in prose),
        "links": sum(len(element.xpath("descendant-or-self::a[@href]")) for element in prose),
        "sources": len(sources_list),
    }


def shape_problems(shapes: dict[Path, dict[str, int]]) -> list[str]:
    """Each measure of each article that falls outside SHAPE, by file; none if the corpus holds."""
    return [f"{path}: {measure} {value}, outside {low}–{high}"
            for path, shape in shapes.items()
            for measure, value in shape.items()
            for low, high in [SHAPE[measure]] if not low <= value <= high]
