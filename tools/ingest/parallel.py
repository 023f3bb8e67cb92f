"""Map a pure function over many items on every core, results in input order.

The per-source stages (load, clean, split) and the per-document parts of link and render
are pure functions of one item and of read-only context (rules, registries, the site
model). On a collection of thousands of posts they are most of a run, so :func:`pmap`
spreads them over the machine's cores; the rest of the pipeline is unchanged.

* Results come back in input order, so the output never depends on scheduling; a worker
  computes exactly what this process would, and the tests compare the two.
* Items are dealt to the workers like cards (item ``k`` to hand ``k mod hands``), not cut
  into runs: slow items tend to sit together (the person pages of a site, the big archive
  files of one folder), and dealt out they are shared by every worker.
* Workers are forked (where the platform forks safely, i.e. Linux): they inherit the
  function and the items instead of receiving them pickled, and only the results travel
  back. Elsewhere, and for fewer than :data:`MIN_ITEMS` items (the real collection), the
  map runs in this process: same results, no start-up cost.
* An exception in a worker is raised here, as the serial map would raise it: the one of
  the first failing item in input order.
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
#: Hands dealt per worker: enough to even out slow items, few enough to keep transfers large.
HANDS_PER_WORKER: Final = 8

# The task of the current map, read by forked workers (set only around a pool's life).
_TASK: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None


def workers() -> int:
    """How many processes to use: ``KB_WORKERS``, else the CPUs this process may run on."""
    configured = os.environ.get("KB_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _hand(first: int) -> tuple[list[Any], tuple[int, BaseException] | None]:
    """The results of items ``first``, ``first + hands``, ... up to the first that fails,
    and that failure with its item's position."""
    assert _TASK is not None, "pmap's task is set before its workers are forked"
    function, items, hands = _TASK
    results: list[Any] = []
    for at in range(first, len(items), hands):
        try:
            results.append(function(items[at]))
        except Exception as error:  # raised again in the parent, in input order
            return results, (at, error)
    return results, None


def pmap(function: Callable[[T], R], items: Sequence[T], min_items: int = MIN_ITEMS) -> list[R]:
    """``[function(item) for item in items]``, spread over :func:`workers` processes."""
    count = workers()
    if count < 2 or len(items) < min_items or not sys.platform.startswith("linux"):
        return [function(item) for item in items]
    global _TASK
    hands = min(len(items), count * HANDS_PER_WORKER)
    _TASK = (function, items, hands)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            dealt = list(pool.map(_hand, range(hands)))
    finally:
        _TASK = None
    failures = [failure for _, failure in dealt if failure is not None]
    if failures:
        raise min(failures, key=lambda failure: failure[0])[1]
    results: list[Any] = [None] * len(items)
    for first, (hand, _) in enumerate(dealt):
        results[first::hands] = hand
    return results
