"""Social cards offline, and kept from one build to the next.

The social plugin renders cards in its cache_dir, seeded here with the fonts the card layout
names, taken from installed packages: without them it downloads fonts from Google Fonts (and
fails offline). A build that can lock <cache_dir>/cards uses that folder, where the plugin keeps
the cards of earlier builds and renders again only those whose text or layout changed (it keeps
a hash of each). A build beside it (a test build while `make serve` runs, say) renders every card
afresh in a folder of its own, removed when it ends, so that no build reads another's
half-written files.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml
from material.plugins.social.config import SocialConfig
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel
from PIL import ImageFont

# Each font family a card layout may use, and the Python package (requirements.txt) shipping it.
FONT_PACKAGES = {
    "Source Serif Pro": "font_source_serif_pro",
    "Source Sans Pro": "font_source_sans_pro",
}
SOCIAL_PLUGIN = "material/social"
# Under cache_dir: the cards kept from build to build, with the plugin's manifest of their hashes.
CARDS = "cards"

# The lock on the kept cards, held from a build's start until MkDocs shuts down (a preview holds it
# through all its rebuilds), and the folders of builds that could not take it.
_lock: int | None = None
_build_dirs: list[Path] = []


def _social_config(config: MkDocsConfig) -> SocialConfig:
    plugin = config.plugins.get(SOCIAL_PLUGIN)
    if plugin is None:
        raise PluginError("overrides/hooks/social_cards.py prepares the social plugin, which is not "
                          "in mkdocs.yml: add `- social` to plugins or remove the hook")
    return plugin.config


def _project_path(config: MkDocsConfig, path: str) -> Path:
    """A path set in mkdocs.yml, taken from the project folder whatever the working directory."""
    return Path(config.config_file_path).resolve().parent / path


def layout_fonts(layout_file: Path) -> set[tuple[str, str]]:
    """Every (family, style) the layers of a card layout set, as the plugin looks them up."""
    if not layout_file.is_file():
        raise PluginError(f"card layout {layout_file} not found: check cards_layout and cards_layout_dir in mkdocs.yml")
    layout = yaml.safe_load(layout_file.read_text(encoding="utf-8")) or {}
    fonts = set()
    for layer in layout.get("layers", []):
        font = (layer.get("typography") or {}).get("font")
        if font is not None:
            style = " ".join(filter(None, [font.get("variant", ""), font.get("style", "Regular")]))
            fonts.add((font.get("family", "Roboto"), style))
    return fonts


def _font_files(family: str) -> Traversable:
    package = FONT_PACKAGES.get(family)
    if package is None:
        raise PluginError(f"the card layout uses font family {family!r}, for which no local font is known "
                          f"(the social plugin would download it): use one of {sorted(FONT_PACKAGES)} or add "
                          "its package to FONT_PACKAGES in overrides/hooks/social_cards.py and requirements.txt")
    try:
        return resources.files(package) / "files"
    except ModuleNotFoundError:
        raise PluginError(f"font family {family!r} for the social cards comes from the Python package "
                          f"{package.replace('_', '-')!r}, which is not installed: run "
                          "`pip install -r requirements.txt` (make does it)") from None


def _style(font: Traversable) -> str:
    """A font's style as the font names it ("Bold", "Semibold Italic"), as the plugin reads it."""
    try:
        with font.open("rb") as data:
            return ImageFont.truetype(data).getname()[1]
    except OSError as error:
        raise PluginError(f"font file {font} cannot be read ({error}): reinstall its package with "
                          "`pip install --force-reinstall -r requirements.txt`") from None


def seed_fonts(fonts: set[tuple[str, str]], cache_dir: Path) -> None:
    """Copy each font to <cache_dir>/fonts/<family>/<style>.ttf, where the plugin looks first."""
    for family in sorted({family for family, _ in fonts}):
        source = _font_files(family)
        found = {_style(path): path for path in (source.iterdir() if source.is_dir() else [])
                 if path.name.endswith(".ttf")}
        for style in sorted(style for font_family, style in fonts if font_family == family):
            if style not in found:
                raise PluginError(f"the card layout needs font {family!r} style {style!r}, but {source} has "
                                  f"{', '.join(sorted(found)) or 'no .ttf file'}: reinstall its package with "
                                  "`pip install --force-reinstall -r requirements.txt` or change the layout")
            target = cache_dir / "fonts" / family / f"{style}.ttf"
            target.parent.mkdir(parents=True, exist_ok=True)
            with found[style].open("rb") as font, target.open("wb") as copy:
                shutil.copyfileobj(font, copy)


@event_priority(100)  # before the social plugin reads its cache_dir
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Give this build its card folder, the kept cards if no other build has them, with the layout's fonts."""
    social = _social_config(config)
    if not social.enabled:
        return config
    # The plugin reads cards_layout_dir from the working directory: make it the project's.
    social.cards_layout_dir = str(_project_path(config, social.cards_layout_dir))
    fonts = layout_fonts(Path(social.cards_layout_dir) / f"{social.cards_layout}.yml")
    parent = _project_path(config, social.cache_dir)
    parent.mkdir(parents=True, exist_ok=True)
    build_dir = parent / CARDS if _lock_kept_cards(parent) else _own_build_dir(parent)
    try:
        seed_fonts(fonts, build_dir)
    except Exception:
        _remove_build_dirs()
        raise
    social.cache_dir = str(build_dir)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Keep the card layouts, which live in the theme folder, out of the published site."""
    layout_dir = _project_path(config, _social_config(config).cards_layout_dir)
    for file in files:
        if file.abs_src_path and Path(file.abs_src_path).is_relative_to(layout_dir):
            file.inclusion = InclusionLevel.EXCLUDED
    return files


def _lock_kept_cards(parent: Path) -> bool:
    """Whether this process holds (or has just taken) the lock on the kept cards."""
    global _lock
    if _lock is None:
        descriptor = os.open(parent / f"{CARDS}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        _lock = descriptor
    return True


def _own_build_dir(parent: Path) -> Path:
    build_dir = Path(tempfile.mkdtemp(prefix="build-", dir=parent))
    _build_dirs.append(build_dir)
    return build_dir


def _remove_build_dirs() -> None:
    while _build_dirs:
        shutil.rmtree(_build_dirs.pop(), ignore_errors=True)


@event_priority(-200)  # after the social plugin has written its manifest for the last time
def on_shutdown() -> None:
    """Let go of the kept cards and remove this process's own card folders."""
    global _lock
    _remove_build_dirs()
    if _lock is not None:
        os.close(_lock)
        _lock = None
