"""Cuts Material's stylesheets down to the colours configured and the components the site shows
(newsroom/stylesheets.py), before anything reads or copies them."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from newsroom.stylesheets import cut_material_stylesheets


def on_files(files: Files, config: MkDocsConfig) -> Files:
    cut_material_stylesheets(files, config)
    return files
