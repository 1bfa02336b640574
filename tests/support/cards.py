"""Social cards: which card a page names, what it looks like, and builds run without the network or
without the font packages, through a Python start-up file the build picks up."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageColor

from newsroom.site import BuiltSite, parse

# Where the site serves the cards (overrides/hooks/social_cards.py).
CARDS_DIR = "assets/images/social"
CARD_SIZE = (1200, 630)


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


def python_path(directory: Path, *, offline: bool = False, uninstalled: tuple[str, ...] = (),
                emptied: tuple[str, ...] = ()) -> str:
    """A PYTHONPATH for a build: no network at all, packages that will not import, or packages
    that import but ship no files (a stand-in shadowing the installed one)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(textwrap.dedent(f"""\
        import socket, sys

        def refuse(*args, **kwargs):
            raise OSError("network blocked by the test: the build must not go online")

        if {offline!r}:
            socket.getaddrinfo = socket.create_connection = refuse
            socket.socket.connect = socket.socket.connect_ex = refuse

        class Uninstalled:
            def find_spec(self, name, path=None, target=None):
                if name.partition(".")[0] in {uninstalled!r}:
                    raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)

        sys.meta_path.insert(0, Uninstalled())
        """), encoding="utf-8")
    for package in emptied:
        (directory / package / "files").mkdir(parents=True)
        (directory / package / "__init__.py").write_text("", encoding="utf-8")
    return str(directory)
