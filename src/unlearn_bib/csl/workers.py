"""Long lists shared out over forked workers, slice by slice, results joined in order.

Used for work done once per entry that only reads the style and the entries (sort keys,
the cites compared for year suffixes, the rendering itself); where no worker can be
started, the slices run here one after the other: slower, same output.
"""
from __future__ import annotations

import os

from unlearn_bib.errors import UnlearnBibError

# Lists shorter than this stay in one process.
PARALLEL_MIN_ITEMS = 1000


def map_slices(function, items: list) -> list:
    """``function(items[a:b])`` over slices of a long list, in forked workers; the per-item
    results joined in order. For work done once per entry before rendering (sort keys, the
    cites compared for year suffixes) that only reads the style and the entries."""
    jobs = jobs_for(len(items))
    if jobs < 2:
        return function(items)
    _MAP[:] = [function, items]
    try:
        return in_slices(_map_slice, slices(len(items), jobs))
    finally:
        _MAP.clear()


_MAP: list = []


def _map_slice(bounds: tuple[int, int]) -> list:
    function, items = _MAP
    start, stop = bounds
    return function(items[start:stop])


_IN_WORKER = False  # a forked worker (a daemon) may not start workers of its own


def _mark_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


def _workers() -> int:
    setting = os.environ.get("UNLEARN_BIB_JOBS", "").strip()
    if setting:
        if not (setting.isascii() and setting.isdigit()):  # "²".isdigit() is True, int("²") fails
            raise UnlearnBibError(f"UNLEARN_BIB_JOBS={setting!r}: expected a whole number of processes (1: no workers)")
        return max(1, int(setting))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def jobs_for(count: int) -> int:
    """How many processes a list of ``count`` entries is worth (1: stay in this one)."""
    import multiprocessing

    if count < PARALLEL_MIN_ITEMS or _IN_WORKER or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(_workers(), count // (PARALLEL_MIN_ITEMS // 2)))


def slices(count: int, jobs: int) -> list[tuple[int, int]]:
    size = -(-count // jobs)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def in_slices(work, bounds: list[tuple[int, int]]) -> list:
    """``work`` on each slice, the first here and the rest in forked workers; joined in order.

    Where no worker can be started (no /dev/shm for the pool's semaphores, a process limit),
    the slices run here, one after the other: slower, same output.
    """
    import multiprocessing

    try:
        pool = multiprocessing.get_context("fork").Pool(len(bounds) - 1, initializer=_mark_worker)
    except OSError:
        return [entry for part in bounds for entry in work(part)]
    with pool:
        pending = pool.map_async(work, bounds[1:])
        first = work(bounds[0])
        rest = pending.get()
    return first + [entry for part in rest for entry in part]
