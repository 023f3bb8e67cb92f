"""Sphinx configuration for the knowledge base.

Generated pages (``documents/``, ``seminars/``, ``people/``, ``concepts/``) and
``catalog.json`` are written here by ``python -m tools.ingest``; everything else in this
folder is written by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

project = "Re-imagining professionalism in mental health: a knowledge base"
author = "The co-production knowledge base contributors"
copyright = "2026, the contributors; source texts belong to their authors"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "tools.sphinxext",  # security checks and the post-build scan (see below)
]

exclude_patterns = ["_build", ".ingest-*", "Thumbs.db", ".DS_Store"]
root_doc = "index"

html_theme = "furo"
html_title = "Co-production in mental health: seminar series knowledge base"
html_static_path = ["_static"]  # the site's own kb-* scripts and styles
html_show_sourcelink = False
html_copy_source = False  # no page links to its source text, so no _sources/ copies
# The site's own address, once it has one (https://example.org/kb/): set the environment
# variable KB_BASEURL, which the ingest reads too, rather than edit this line. Pages then
# carry a canonical link, and references and metadata the pages' full addresses
# (tools/sphinxext/citation.py checks the value). Unset, no page names its own address.
html_baseurl = os.environ.get("KB_BASEURL", "")
# Search, pictures and link previews (tools/sphinxext/search.py, search_page.py,
# pictures.py): the template override adds Pagefind's filters to each page; search.html
# is the extension's search page (Sphinx's own index and page are switched off), and
# find.html, its old address, leads there. Each script acts only on pages that have what
# it works on.
templates_path = ["_templates"]
# Pages about the project, not the seminars: the search leaves them out unless the reader
# chooses the kind "about" (kind=about in the address).
kb_search_about = [
    "about-data",
    "catalog",
    "site",
    "documents/report",
    "performance",
    "contributing",
    "security",
    "accessibility",
]
html_css_files = ["kb-site.css"]
html_js_files = [
    ("kb-search.js", {"defer": "defer"}),
    ("kb-preview.js", {"defer": "defer"}),
    ("kb-pictures.js", {"defer": "defer"}),
]

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# --- Security: source text is untrusted (see docs/security.md) -------------------------
# Raw HTML in MyST is not stopped by docutils' raw_enabled; these syntax switches are.
myst_disable_syntax = ["html_block", "html_inline"]
# No page may read other files into itself ({include}, {literalinclude}, csv-table :file:)
# or pass raw output through ({raw}). Sphinx ignores these two as conf.py names; the
# tools.sphinxext extension registers them and hands them to the parser, and refuses True.
file_insertion_enabled = False
raw_enabled = False
# Quotes in sources are shown as they are written.
smartquotes = False
# tools.sphinxext also refuses: the substitution, html_image, html_admonition and linkify
# MyST extensions, javascript:/data: URL schemes, front matter with myst/substitutions/
# html_meta keys, and any suppress_warnings entry. After each HTML build it scans every
# page (python -m tools.sphinxext.scan docs/_build/html does the same by hand) and fails
# on foreign scripts, on*= attributes, javascript:/data:/vbscript: addresses,
# <meta http-equiv="refresh">, and any file in _images/ or _downloads/.
kb_scan_html = True
kb_scan_allow: list[str] = []  # extra script src values, or "sha256:<hex>" inline scripts
