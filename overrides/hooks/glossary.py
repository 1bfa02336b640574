"""Lets keyboard readers focus an abbreviation to see its tooltip (newsroom/glossary.py)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from newsroom.glossary import FocusableAbbreviationsExtension


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Add the extension to the Markdown extensions mkdocs.yml lists."""
    config.markdown_extensions.append(FocusableAbbreviationsExtension())
    return config
