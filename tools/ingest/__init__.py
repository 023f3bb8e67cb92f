"""Turn the raw texts in ``sources/`` into MyST pages and a catalog for the site.

Run it as ``python -m tools.ingest``; :mod:`tools.ingest.pipeline` names the stages in
order, and each stage is a module of its own.
"""
