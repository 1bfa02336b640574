"""Social cards offline: each build renders its cards in a folder of its own under the social
plugin's cache_dir, seeded with the fonts the card layout names, taken from installed packages.

Without it the plugin downloads fonts from Google Fonts (and fails offline), and two builds of
the same project share one cache folder (and can read each other's half-written files).
"""

from __future__ import annotations

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
    """Give this build its own card folder, holding the layout's fonts."""
    social = _social_config(config)
    if not social.enabled:
        return config
    # The plugin reads cards_layout_dir from the working directory: make it the project's.
    social.cards_layout_dir = str(_project_path(config, social.cards_layout_dir))
    fonts = layout_fonts(Path(social.cards_layout_dir) / f"{social.cards_layout}.yml")
    parent = _project_path(config, social.cache_dir)
    parent.mkdir(parents=True, exist_ok=True)
    build_dir = Path(tempfile.mkdtemp(prefix="build-", dir=parent))
    _build_dirs.append(build_dir)
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


def _remove_build_dirs() -> None:
    while _build_dirs:
        shutil.rmtree(_build_dirs.pop(), ignore_errors=True)


def on_post_build(config: MkDocsConfig) -> None:
    """Every card has been copied into the site by now: drop this build's card folder."""
    _remove_build_dirs()


def on_build_error(error: Exception) -> None:
    """A failed build leaves no card folder behind either."""
    _remove_build_dirs()
