"""``python -m tools.quality [NAME ...]``: score the pipeline on the blind corpora.

NAME is a folder of ``tests/blind/`` (default: every folder there with an
``annotation.yaml``, ``sealed`` last). ``--misses`` lists what was missed or added for a
corpus you may read (never for ``sealed``: nobody changing rules reads it, nor the details
of its misses).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from .blind import ROOT, corpora, score


def every_corpus() -> list[str]:
    """Every blind corpus, by folder name, ``sealed`` last."""
    folders = (ROOT / "tests" / "blind").glob("*/annotation.yaml")
    return sorted((f.parent.name for f in folders), key=lambda name: (name == "sealed", name))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.quality", description=__doc__)
    parser.add_argument("names", nargs="*", default=every_corpus())
    parser.add_argument("--misses", action="store_true", help="list misses (not for sealed)")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = parser.parse_args()
    results = {}
    for name, folder in corpora(args.names).items():
        scores = score(folder)
        results[name] = asdict(scores)
        if name == "sealed" or not args.misses:
            results[name].pop("misses")
        if not args.json:
            print(f"== {name}\n{scores.table()}")
            if args.misses and name != "sealed":
                for what, items in scores.misses.items():
                    print(f"-- {what} ({len(items)})")
                    for item in items:
                        print(f"   {item}")
    if args.json:
        print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
