"""Where the site leans on Material for MkDocs' (or MkDocs') own internals, said in one place.

Material for MkDocs reaches end of life on 5 May 2027; until then each of these is pinned down by
a test in tests/test_material_internals.py that fails the day Material changes under it:

- the skip link's container, which Material's base.html renders outside any block;
- the file names of Material's bundle and stylesheets, which carry a content hash;
- the header bar (partials/header.html's <nav>), which newsroom/page_html.py gives the search
  button, since the header partial has no block to extend;
- `Page._title_from_render`, which spares the blog plugin rendering every article's excerpt
  (overrides/hooks/article_lists.py);
- the blog plugin's list of posts at `blog.posts`, which newsroom/blog_posts.py holds so that the
  plugin's "is this page a post?" takes constant time;
- base.html's head: the links to the pages before and after in the site's menu and the generator's
  name, which newsroom/page_html.py leaves out;
- base.html's `__config`: the search worker and the translations only Material's own search and
  version selector use, which newsroom/page_html.py leaves out (the site has its own search), and
  the theme's files for that search, which newsroom/scripts.py leaves out of the site;
- base.html's sidebars, which it renders `hidden` on a page whose front matter hides them (the
  home page hides its contents) and newsroom/page_html.py leaves out; an article, one column,
  renders none (overrides/article.html empties base.html's site_nav block);
- the blog plugin's reading of each post's front matter with PyYAML's pure-Python loader, which
  newsroom/blog_posts.py gives the front matter check's libyaml loader;
- base.html's two toggles, the drawer's and search's, checkboxes it marks `autocomplete=off`
  (which HTML allows only on fields that take text) so that a browser does not restore them as a
  form's fields when a reader comes back to a page: newsroom/page_html.py takes the attribute off,
  and docs/assets/javascripts/pages.js closes them as a page is shown;
- Material's classes that docs/assets/stylesheets/news.css styles;
- the blog plugin's pager, which it hands a list page's template as `pagination`, a function
  that writes the pager's links as HTML: under autoescape, newsroom/templates.py marks them so;
- what MkDocs' `Page.render` learns from a body besides its HTML (its contents, the headline in
  it, its anchors and its links to other pages' anchors), which the render cache
  (newsroom/rendered.py) keeps with a rendered body and gives back to a page whose body it does
  not render again.
"""

from __future__ import annotations

import re

# base.html: the container of the skip link, before the header.
SKIP_CONTAINER = "//div[@data-md-component='skip']"
# partials/header.html: the header bar, whose buttons sit at its end.
HEADER_BAR = "//header//nav[contains(concat(' ', normalize-space(@class), ' '), ' md-header__inner ')]"
# base.html's scripts block: the bundle, by its path in the site.
BUNDLE = re.compile(r"(?:^|/)assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
# base.html's styles block: Material's stylesheets, by their path in the site.
STYLESHEET = re.compile(r"assets/stylesheets/(?P<name>[a-z]+)\.[0-9a-f]+\.min\.css")
# base.html's site_nav block: a sidebar rendered hidden, which no reader ever sees.
HIDDEN_SIDEBAR = "//div[@data-md-component='sidebar'][@hidden]"
# base.html: the drawer's and search's toggles, checkboxes named by data-md-toggle.
TOGGLES = "//body/input[@type='checkbox'][@data-md-toggle]"
# The attribute MkDocs sets when a page's body carries its own headline.
TITLE_FROM_RENDER = "_title_from_render"
# The key of the skip link's text in Material's translations (partials/language.html).
SKIP_TEXT_KEY = "action.skip"
# base.html's site_meta block: links to the pages before and after this one in the site's menu
# (an article's are not articles; search engines no longer read them) and the generator's name.
HEAD_EXTRAS = "//head/link[@rel='prev' or @rel='next'] | //head/meta[@name='generator']"
# base.html's config block: the JSON the bundle reads at start, and what in it only Material's
# search (the site's is overrides/partials/site-search.html) and version selector use.
CONFIG = "//script[@id='__config']"
UNUSED_CONFIG = ("search",)
UNUSED_TRANSLATIONS = ("search.", "select.version")
# The theme's files for Material's own search, its worker and lunr's languages (1.2 MB), which the
# theme copies into every site, search on or off; only that search loads them, from the worker
# path in __config, which newsroom/page_html.py leaves out. newsroom/scripts.py leaves them out.
SEARCH_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
# The blog plugin's pager in a list page's context: a function writing HTML (partials/pagination.html).
PAGER = "pagination"
# What MkDocs' Page.render sets on a page besides its HTML (`content`).
RENDER_RESULTS = ("toc", TITLE_FROM_RENDER, "present_anchor_ids", "links_to_anchors")
