"""Project tooling: the ingest pipeline, the Sphinx extension and the benchmark."""
