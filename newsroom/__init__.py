"""Meridian Dispatch's publishing code, in one place: the article front matter schema and its one
reader, the project's configuration as mkdocs.yml gives it, what the build adds to pages, the
social cards, and the checks that the tests, the benchmarks and `make linkcheck` share.

The MkDocs hooks in overrides/hooks/ are thin adapters over it.
"""

__version__ = "1.0.0"
