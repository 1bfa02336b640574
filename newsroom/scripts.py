"""Scripts: what every page runs once it has painted (docs/assets/javascripts/pages.js: the search
dialog's opener and shortcuts, and a guard on the sitemap requests of Material's bundle), joined
before Material's bundle into one file named by the hash of its content (SITE_SCRIPT). Every page
loads that one file after its first paint (newsroom/page_html.py): a reader fetches it once and
the browser keeps it for every later page, and no page carries that code inline (1.4 KB a page).
The theme's files for Material's own search, which the site does not use, stay out of the site.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .hashed import join_files, name_pattern
from .material import BUNDLE, SEARCH_ASSETS

# The code every page runs, in docs/.
PAGES_SCRIPT = "assets/javascripts/pages.js"
# The one script every page loads; its name carries the first characters of its content's SHA-256.
SITE_SCRIPT = "assets/javascripts/site.{digest}.js"
SITE_SCRIPT_PATH = name_pattern(SITE_SCRIPT)
# The bundle's last line names its source map, which no longer lines up once code comes before it.
SOURCE_MAP_COMMENT = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


def material_bundle(files: Files) -> File:
    """Material's bundle among the build's files."""
    found = [file for file in files if BUNDLE.search(file.src_uri)]
    if len(found) != 1:
        raise PluginError(f"expected one Material bundle, found {[file.src_uri for file in found]}: "
                          "has Material renamed it? (newsroom/material.py)")
    return found[0]


def site_script(files: Files, config: MkDocsConfig) -> File:
    """Join pages.js (as it is: a reader fetches it once, and it is 1.2 KB gzipped) and Material's
    bundle into one file named by its content's hash. The joined files, and the bundle's source
    map, leave the build. Returns the new file."""
    ours = files.get_file_from_path(PAGES_SCRIPT)
    if ours is None:
        raise PluginError(f"docs/{PAGES_SCRIPT} is missing: every page loads it (newsroom/scripts.py)")
    bundle = material_bundle(files)
    code = f"{ours.content_string}\n{SOURCE_MAP_COMMENT.sub('', bundle.content_string)}\n"
    return join_files(files, config, SITE_SCRIPT, [ours, bundle], code)


def leave_out_material_search(files: Files) -> None:
    """Remove from the build the theme's files for Material's own search (newsroom/material.py
    SEARCH_ASSETS)."""
    for file in [file for file in files if file.src_uri.startswith(SEARCH_ASSETS)]:
        files.remove(file)
