"""Material's palette stylesheet, cut down to the colour schemes and colours mkdocs.yml uses.

palette.css defines every colour Material offers (two schemes, 21 primary colours, 16 accents)
for every page to download, though the palette toggle only switches between those configured:
keeping those alone takes it from 2.0 to 0.9 KB gzipped (tests/test_performance.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# A condition on the palette in a selector, such as [data-md-color-primary=indigo].
PALETTE_CONDITION = re.compile(r"\[data-md-color-(scheme|primary|accent)=([\w-]+)\]")
# A negated condition, such as :not([data-md-color-scheme=slate]), holds whatever its value.
NEGATION = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")


def used_palette(config: MkDocsConfig) -> dict[str, set[str]]:
    """The schemes, primary and accent colours the palette toggle can switch to."""
    palettes = config.theme["palette"]
    palettes = palettes if isinstance(palettes, list) else [palettes]
    return {key: {palette.get(key, default) for palette in palettes}
            for key, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo"))}


def selector_applies(selector: str, used: dict[str, set[str]]) -> bool:
    """False when the selector asks for a scheme or colour that no configured palette has."""
    positive = NEGATION.sub("", selector)
    return all(value in used[key] for key, value in PALETTE_CONDITION.findall(positive))


def split_selectors(prelude: str) -> list[str]:
    """The selectors of a comma-separated list, commas inside brackets left alone."""
    selectors, depth, current = [], 0, ""
    for character in prelude:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        if character == "," and depth == 0:
            selectors.append(current.strip())
            current = ""
        else:
            current += character
    return [*selectors, current.strip()]


def slim_rules(rules: list, used: dict[str, set[str]]) -> str:
    """The stylesheet without the rules and selectors for palettes that are not used."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(tinycss2.serialize(rule.prelude)) if selector_applies(s, used)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.content is not None:
            inner = slim_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return "".join(kept)


def slim_palette(css: str, used: dict[str, set[str]]) -> str:
    return slim_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)


def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite the built palette.*.min.css in place: pages link it by the same name."""
    if not config.theme.get("palette"):
        return
    stylesheets = sorted((Path(config.site_dir) / "assets" / "stylesheets").glob("palette.*.min.css"))
    if len(stylesheets) != 1:
        raise PluginError(f"expected one Material palette stylesheet, found {[s.name for s in stylesheets]}: "
                          "has Material renamed it? (overrides/hooks/palette.py)")
    stylesheet = stylesheets[0]
    stylesheet.write_text(slim_palette(stylesheet.read_text(encoding="utf-8"), used_palette(config)), encoding="utf-8")
