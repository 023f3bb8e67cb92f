"""Fixes to the theme's HTML for readers of assistive technology (WCAG 2.2 AA).

What axe-core finds on the site's pages that is the theme's, not the pages' own, is
put right here, at ``html-page-context``, after the theme has made its parts of the page:

* the captions of the sidebar's navigation ("The record", "About") are
  ``<p class="caption" role="heading">`` (Sphinx's toctree): a heading role without a
  level, which screen readers cannot place in the page's outline. They get
  ``aria-level="2"``: each names a section of the site, under the page's one ``<h1>``;
* a code block (``<pre>``, on the hand-written pages: source text never makes one) can
  be wider than a phone and scroll sideways, which a keyboard can only do once the block
  takes the focus: each gets ``tabindex="0"``.

``tests/test_browser.py`` runs axe-core on every kind of page and fails on any violation.
"""

from __future__ import annotations

import re
from typing import Any, Final

from sphinx.application import Sphinx

#: A heading role with no level, in the HTML of a navigation tree.
_LEVELLESS: Final = re.compile(r'(<p class="caption" role="heading")(?![^>]*aria-level)')
#: A code block's opening tag without a tabindex (docutils writes ``<pre>`` bare).
_PRE: Final = re.compile(r"<pre>")
#: The context values that hold the sidebar's navigation (furo's, and Sphinx's own).
NAVIGATION_KEYS: Final = ("furo_navigation_tree",)


def with_heading_levels(html: str) -> str:
    """``html`` with ``aria-level="2"`` on each caption heading that has no level."""
    return _LEVELLESS.sub(r'\1 aria-level="2"', html)


def focusable_code(html: str) -> str:
    """``html`` with ``tabindex="0"`` on each code block, so a keyboard can scroll it."""
    return _PRE.sub('<pre tabindex="0">', html)


def fix_navigation(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (after the theme's): give the navigation's captions a level,
    and the page's code blocks the focus."""
    for key in NAVIGATION_KEYS:
        value = context.get(key)
        if isinstance(value, str):
            context[key] = with_heading_levels(value)
    if isinstance(context.get("body"), str):
        context["body"] = focusable_code(context["body"])


def setup_accessibility(app: Sphinx) -> None:
    """Connect the fixes after the theme's own handlers (furo's run at the default 500)."""
    app.connect("html-page-context", fix_navigation, priority=900)
