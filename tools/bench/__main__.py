"""``python -m tools.bench``: run the scale benchmark (see :mod:`tools.bench.run`)."""

from __future__ import annotations

from .run import main

raise SystemExit(main())
