"""Social cards: which card a page names, and what it looks like."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageColor

from newsroom.card_image import SIZE as CARD_SIZE
from tests.support.site import BuiltSite, parse
from newsroom.social_cards import CARDS_DIR

__all__ = ["CARDS_DIR", "CARD_SIZE", "card_of", "card_url", "cards", "contrast", "distinct_colours"]


def card_url(page: Path) -> str | None:
    """The card a built page names for social networks (og:image), if it names one."""
    found = parse(page).xpath('//meta[@property="og:image"]/@content')
    return found[0] if found and f"/{CARDS_DIR}/" in found[0] else None


def card_of(site: BuiltSite, page: Path) -> Path:
    """The file of the card a built page names."""
    url = card_url(page)
    assert url and url.startswith(site.url), f"{site.name(page)} names no card of this site: {url}"
    return site.root / url.removeprefix(site.url)


def cards(site: BuiltSite) -> list[Path]:
    """Every file in the site's card folder (cards have no subfolders)."""
    return sorted((site.root / CARDS_DIR).iterdir())


def distinct_colours(card: Path) -> int:
    with Image.open(card) as image:
        return len(image.convert("RGB").getcolors(maxcolors=CARD_SIZE[0] * CARD_SIZE[1]))


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours."""
    def luminance(colour: str) -> float:
        channels = [value / 255 for value in ImageColor.getrgb(colour)[:3]]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
