"""Map a pure function over many items on every core, results in input order.

The per-source stages (load, clean, split) and the per-document parts of link and render
are pure functions of one item and of read-only context (rules, registries, the site
model). On a collection of thousands of posts they are most of a run, so :func:`pmap`
spreads them over the machine's cores; the rest of the pipeline is unchanged.

* Results come back in input order, so the output never depends on scheduling; a worker
  computes exactly what this process would, and the tests compare the two.
* Workers are forked (where the platform forks safely, i.e. Linux): they inherit the
  function and the items instead of receiving them pickled, and only the results travel
  back. Elsewhere, and for fewer than :data:`MIN_ITEMS` items (the real collection), the
  map runs in this process: same results, no start-up cost.
* An exception in a worker is raised here, as the serial map would raise it (the first
  failing chunk in input order).
* ``KB_WORKERS`` in the environment sets the number of processes; ``KB_WORKERS=1`` runs
  everything in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Final, TypeVar

__all__ = ["MIN_FILES", "MIN_ITEMS", "pmap", "workers"]

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items a pool costs more than it saves (documents, pages).
MIN_ITEMS: Final = 200
#: The same for source files, each of which may hold many posts.
MIN_FILES: Final = 32
#: Chunks per worker: enough to even out slow items, few enough to keep transfers large.
CHUNKS_PER_WORKER: Final = 4

# The task of the current map, read by forked workers (set only around a pool's life).
_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def workers() -> int:
    """How many processes to use: ``KB_WORKERS``, else the CPUs this process may run on."""
    configured = os.environ.get("KB_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None, "pmap's task is set before its workers are forked"
    function, items = _TASK
    return [function(item) for item in items[bounds[0] : bounds[1]]]


def pmap(function: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """``[function(item) for item in items]``, spread over :func:`workers` processes."""
    count = workers()
    if count < 2 or len(items) < min_items or not sys.platform.startswith("linux"):
        return [function(item) for item in items]
    global _TASK
    size = max(1, -(-len(items) // (count * CHUNKS_PER_WORKER)))
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _TASK = (function, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            return [result for chunk in pool.map(_chunk, bounds) for result in chunk]
    finally:
        _TASK = None
