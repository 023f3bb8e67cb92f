"""Sphinx configuration for the knowledge base.

Generated pages (``documents/``, ``seminars/``, ``people/``, ``concepts/``) and
``catalog.json`` are written here by ``python -m tools.ingest``; everything else in this
folder is written by hand.
"""

from __future__ import annotations

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
]

exclude_patterns = ["_build", ".ingest-*", "Thumbs.db", ".DS_Store"]
root_doc = "index"

html_theme = "furo"
html_title = "Co-production in mental health: seminar series knowledge base"
html_static_path: list[str] = []
html_show_sourcelink = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# --- Security: source text is untrusted (see docs/security.md) -------------------------
# Raw HTML in MyST is not stopped by docutils' raw_enabled; these syntax switches are.
myst_disable_syntax = ["html_block", "html_inline"]
# No page may read other files into itself ({include}, {literalinclude}, csv-table :file:).
file_insertion_enabled = False
raw_enabled = False
# Quotes in sources are shown as they are written.
smartquotes = False
