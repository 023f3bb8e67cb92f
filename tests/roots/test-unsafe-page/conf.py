"""Test root: a hand-written page that tries what escaping prevents in generated ones."""

extensions = ["tools.sphinxext"]
html_theme = "basic"
myst_disable_syntax = ["html_block", "html_inline"]
smartquotes = False
