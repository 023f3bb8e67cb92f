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
* A worker never outlives this process and never acts on a signal of its own: it ignores
  SIGINT and SIGTERM (a Ctrl-C reaches the whole process group; this process decides,
  see :mod:`.interrupt`), the kernel kills it if this process dies (``PR_SET_PDEATHSIG``,
  or a watch on the parent where that is missing), and if the map is cut short (an
  interrupt) its workers are killed before the exception goes on, instead of the pool
  running the rest of its queue.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Final, TypeVar

from .interrupt import SIGNALS

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
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        with _signals_held():  # the workers are forked here, with the signals held
            dealt_iterator = pool.map(_hand, range(hands))
        dealt = list(dealt_iterator)
    except BaseException:
        # Interrupted (or the pool broke): stop every worker now, not after its queue.
        for child in set(multiprocessing.active_children()) - before:
            child.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        _TASK = None
    failures = [failure for _, failure in dealt if failure is not None]
    if failures:
        raise min(failures, key=lambda failure: failure[0])[1]
    results: list[Any] = [None] * len(items)
    for first, (hand, _) in enumerate(dealt):
        results[first::hands] = hand
    return results


#: ``prctl`` option: the signal a process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG: Final = 1


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM in this thread: a process forked now starts with them held,
    so none reaches a worker before :func:`_start_worker` has set it to be ignored. One
    that came meanwhile is delivered here when the block ends."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _start_worker(parent: int) -> None:
    """First thing in each worker: leave signals to the parent, and die with it."""
    for signum in SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        watched = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        watched = False
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    if not watched:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    """Exit as soon as the parent is gone (where the kernel cannot be asked to do it)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
