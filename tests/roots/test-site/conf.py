"""The site's own configuration (``docs/conf.py``), for a build of generated pages only.

Settings are read from the real ``docs/conf.py`` so that the test builds what the site
builds (MyST syntax switches, hardening, theme); only paths that name folders of
``docs/`` itself are reset, since this root has none of them.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from tools.ingest import pages

_DOCS = Path(pages.__file__).resolve().parents[2] / "docs"
_SITE = runpy.run_path(str(_DOCS / "conf.py"))
globals().update({k: v for k, v in _SITE.items() if not k.startswith("_")})

html_static_path: list[str] = []
html_css_files: list[str] = []
templates_path: list[str] = []
html_extra_path: list[str] = []
