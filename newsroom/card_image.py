"""An article's social card, the image shown when it is shared, and how it is drawn.

Not a hook: overrides/hooks/social_cards.py runs `draw` in worker processes, so this module
imports nothing from MkDocs. Changing anything here draws every card again (the hook keeps cards
by a digest of this file).

The card, 1200x630 on the site's ink: the masthead's red rule across the top, the masthead, a
hairline, the article's section, its headline (three lines, or four or five smaller ones when it is
long), a hairline, and a footer with the date on the left and the desks that signed it on the right.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageText

SIZE = (1200, 630)
PNG_COMPRESSION = 6
LEFT, RIGHT = 72, 1128

# Colours. White text reads at 17:1 on the ink; tests/test_social_cards.py holds every text colour
# to WCAG's 4.5:1 on it.
INK = "#111827"
WHITE = "#ffffff"
RED = "#e0453a"
CORAL = "#ff7a6e"
GREY = "#c4cbd6"
HAIRLINE = "#374151"


@dataclass(frozen=True)
class Font:
    """A font file in a Python package (requirements.txt), so cards are drawn offline."""

    family: str
    package: str
    file: str


SERIF_BOLD = Font("Source Serif Pro", "font_source_serif_pro", "SourceSerifPro-Bold.ttf")
SERIF_SEMIBOLD = Font("Source Serif Pro", "font_source_serif_pro", "SourceSerifPro-Semibold.ttf")
SANS_REGULAR = Font("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Regular.ttf")
SANS_SEMIBOLD = Font("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Semibold.ttf")
SANS_BOLD = Font("Source Sans Pro", "font_source_sans_pro", "SourceSansPro-Bold.ttf")


@dataclass(frozen=True)
class Line:
    """One line of text: where it is anchored (Pillow's anchors: "la" is left and top)."""

    font: Font
    size: int
    colour: str
    xy: tuple[int, int]
    anchor: str = "la"


MASTHEAD = Line(SERIF_BOLD, 36, WHITE, (LEFT, 64))
SECTION = Line(SANS_BOLD, 22, CORAL, (LEFT, 182))
DATE = Line(SANS_REGULAR, 22, GREY, (LEFT, 562))
DESKS = Line(SANS_SEMIBOLD, 22, GREY, (RIGHT, 562), anchor="ra")
# The rule across the top and the two hairlines, as (left, top, right, bottom), inclusive.
RULES = (((0, 0, SIZE[0] - 1, 11), RED), ((LEFT, 140, RIGHT - 1, 141), HAIRLINE), ((LEFT, 534, RIGHT - 1, 535), HAIRLINE))
# The headline's box, and its sizes from the first that fits: three lines, then four, then five.
HEADLINE_FONT, HEADLINE_COLOUR = SERIF_SEMIBOLD, WHITE
HEADLINE_BOX = (LEFT, 230, RIGHT - LEFT, 280)
HEADLINE_SIZES = (80, 62, 50)

LINES = (MASTHEAD, SECTION, DATE, DESKS)
# Every font and text colour the card uses: the hook checks that the fonts are installed, the tests
# the colours' contrast.
FONTS = tuple(dict.fromkeys([*(line.font for line in LINES), HEADLINE_FONT]))
TEXT_COLOURS = tuple(dict.fromkeys([*(line.colour for line in LINES), HEADLINE_COLOUR]))


@dataclass(frozen=True)
class Card:
    """What a card says."""

    masthead: str
    section: str
    headline: str
    date: str
    desks: str


class FontMissing(Exception):
    """A card font that is not installed; the message says which and how to install it."""


def font_file(font: Font) -> Path:
    """The font's file in its installed package; FontMissing if the package or the file is not there."""
    try:
        folder = resources.files(font.package) / "files"
    except ModuleNotFoundError:
        raise FontMissing(f"font {font.family!r} for the social cards comes from the Python package "
                          f"{font.package.replace('_', '-')!r}, which is not installed: run "
                          "`pip install -r requirements.txt` (make does it)") from None
    path = Path(str(folder / font.file))
    if not path.is_file():
        raise FontMissing(f"the social cards need font {font.family!r} ({font.file}), which {font.package!r} "
                          "does not have: reinstall it with `pip install --force-reinstall -r requirements.txt`")
    return path


@functools.cache
def _font(font: Font, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(font), size)


# The steps from the ink to each colour that anti-aliased edges take. Eight look the same as fifty at
# three times the size, and make each card a sixth smaller than fifty (18 KB instead of 22).
SHADE_STEPS = 8


@functools.cache
def _palette() -> Image.Image:
    """Every shade anti-aliased text of each colour can take on the ink, in SHADE_STEPS steps: few
    enough for an 8-bit PNG, which is a third the size of a full-colour one and several times faster
    to write."""
    ink = ImageColor.getrgb(INK)
    shades = sorted({tuple(round(i + (c - i) * step / SHADE_STEPS) for i, c in zip(ink, ImageColor.getrgb(colour)))
                     for colour in (*TEXT_COLOURS, *(colour for _, colour in RULES)) for step in range(SHADE_STEPS + 1)})
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for shade in shades for channel in shade])
    return palette


def _headline(text: str) -> ImageText.Text:
    """The headline wrapped at the largest of HEADLINE_SIZES at which it fits its box."""
    for size in HEADLINE_SIZES:
        headline = ImageText.Text(text, _font(HEADLINE_FONT, size), spacing=size // 8)
        try:
            if headline.wrap(HEADLINE_BOX[2], HEADLINE_BOX[3]) is None:
                return headline
        except ValueError:  # a word wider than the box
            continue
    raise ValueError(f"the headline does not fit the social card even in {HEADLINE_SIZES[-1]} px type: "
                     f"{text!r} (shorten it)")


def image(card: Card) -> Image.Image:
    """The card, in full colour."""
    picture = Image.new("RGB", SIZE, INK)
    draw = ImageDraw.Draw(picture)
    for box, colour in RULES:
        draw.rectangle(box, fill=colour)
    for line, text in zip(LINES, (card.masthead, card.section.upper(), card.date, card.desks), strict=True):
        draw.text(line.xy, text, font=_font(line.font, line.size), fill=line.colour, anchor=line.anchor)
    draw.text(HEADLINE_BOX[:2], _headline(card.headline), fill=HEADLINE_COLOUR)
    return picture


def draw(card: Card, path: Path) -> None:
    """Draw the card into `path`, a PNG, written under another name first so that no reader ever
    sees half of it."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        # zlib's default level: a fifth smaller than run-length compression (about 20 KB a card
        # instead of 25, 50 MB less at 10,000 articles) for a few milliseconds more in the
        # worker, which draws beside the build and finishes well before it.
        image(card).quantize(palette=_palette(), dither=Image.Dither.NONE).save(partial, "PNG", compress_level=PNG_COMPRESSION)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
