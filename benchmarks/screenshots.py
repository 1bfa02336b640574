"""`make screenshots`: the home and article pages, full length, at phone and desktop widths, in
the light and dark palettes, as PNGs in screenshots/ (not committed), for a person to look at.

    python -m benchmarks.screenshots [--out screenshots]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.support.browser import DESKTOP, PHONE, chromium, screenshot
from tests.support.site import ROOT

from .served import pages, served_site

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
SCHEMES = ("light", "dark")


def screenshot_name(page: str, viewport: str, scheme: str) -> str:
    return f"{page}-{viewport}-{scheme}.png"


def take_all(base_url: str, out: Path) -> list[Path]:
    """Every page at every width in every palette, into `out`; the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as browser:
        for page, path in pages().items():
            for viewport in VIEWPORTS:
                for scheme in SCHEMES:
                    target = out / screenshot_name(page, viewport, scheme)
                    screenshot(browser, base_url + path, VIEWPORTS[viewport], scheme, target)
                    written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="folder for the PNGs")
    options = parser.parse_args()
    with served_site() as url:
        for path in take_all(url, options.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
