"""The fixes :mod:`tools.sphinxext.accessibility` makes to the theme's HTML.

axe-core itself runs in the browser tests (``tests/test_browser.py``); these check the
rewriting on its own: what is changed, and that it is changed once.
"""

from __future__ import annotations

from tools.sphinxext.accessibility import focusable_code, with_heading_levels

NAV = (
    '<p class="caption" role="heading"><span class="caption-text">The record</span></p>'
    '<ul><li><a href="x.html">X</a></li></ul>'
    '<p class="caption" role="heading" aria-level="3"><span>About</span></p>'
)


def test_caption_headings_get_a_level_once() -> None:
    fixed = with_heading_levels(NAV)
    assert fixed.count('aria-level="2"') == 1
    assert 'aria-level="3"' in fixed  # a level already there is kept
    assert with_heading_levels(fixed) == fixed


def test_code_blocks_take_the_focus() -> None:
    body = '<div class="highlight"><pre><span>{}</span></pre></div><p>pre &lt;pre&gt;</p>'
    fixed = focusable_code(body)
    assert fixed.count('<pre tabindex="0">') == 1
    assert "&lt;pre&gt;" in fixed  # text that shows a tag is not a tag
