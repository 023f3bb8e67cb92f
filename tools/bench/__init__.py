"""The scale benchmark: seeded synthetic archives, scored and timed through the pipeline.

:mod:`.generate` writes an archive and its truth, :mod:`.run` measures the pipeline and
the Sphinx build on it (``python -m tools.bench``), :mod:`.report` writes the results page.
"""
