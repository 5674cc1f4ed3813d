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
    if count < PARALLEL_MIN_ITEMS or _IN_WORKER or not hasattr(os, "fork"):
        return 1
    return max(1, min(_workers(), count // (PARALLEL_MIN_ITEMS // 2)))


def slices(count: int, jobs: int) -> list[tuple[int, int]]:
    size = -(-count // jobs)
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def in_slices(work, bounds: list[tuple[int, int]]) -> list:
    """``work`` on each slice, the first here and the rest in forked workers; joined in order.

    Each worker is a bare ``os.fork`` that sends its pickled result (or the exception it
    raised) back through a pipe: multiprocessing's pool cost a run ~30 ms of CPU to import
    and start (its modules, three threads, queues), a tenth of a 2,000-entry list's start-up.
    Where no worker can be started (a process limit, a sandbox without fork), the slices run
    here, one after the other: slower, same output.
    """
    import signal

    children = []  # (pid, read end of its pipe)
    try:
        for part in bounds[1:]:
            child = _fork(work, part)
            if child is None:
                return [entry for part in bounds for entry in work(part)]
            children.append(child)
        out = list(work(bounds[0]))
        while children:
            pid, fd = children[0]
            with os.fdopen(fd, "rb") as pipe:
                data = pipe.read()
            children.pop(0)
            _, status = os.waitpid(pid, 0)
            out.extend(_result(data, status))
        return out
    finally:  # an error here or in a worker: the other workers are stopped, none is left behind
        for pid, fd in children:
            os.close(fd)
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass


def _fork(work, part) -> tuple[int, int] | None:
    """Start a worker on ``part``: (its pid, the read end of its pipe), or None if none can start."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        return pid, read
    # the worker: never returns into the caller's code, never runs its exit handlers
    import pickle

    code = 0
    try:
        os.close(read)
        _mark_worker()
        try:
            data = pickle.dumps((True, list(work(part))), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
            code = 1
            try:
                data = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(data)
        while view:
            view = view[os.write(write, view):]
    finally:
        os._exit(code)


def _result(data: bytes, status: int) -> list:
    import pickle

    if not data:
        raise RuntimeError(f"a worker process ended without a result (wait status {status})")
    ok, value = pickle.loads(data)
    if not ok:
        raise value
    return value
