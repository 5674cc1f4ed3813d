"""The on-disk HTTP cache of ``--online``: JSON, never pickle; ours alone; never waited on for long.

requests-cache stores answers in ``responses.sqlite``. Its default serializer is pickle, so a
planted value would run code as the user (a shared ``--cache-dir``, a world-writable
``XDG_CACHE_HOME``, a CI cache restored from another branch): here answers are stored as
JSON, and the folder and the database must be owned by this user and writable by no one
else, as the parse cache requires. A database another program holds locked, or a full disk,
is waited on for at most ``LOCK_WAIT`` seconds; then the run goes on without a cache.
"""
from __future__ import annotations

import os
import stat
import time
from datetime import timedelta

LOCK_WAIT = 3.0  # seconds to wait for the cache database's write lock
DB_NAME = "responses.sqlite"


class CacheUnusable(Exception):
    """The cache cannot be used safely; the message says why."""


def _check_ours(path: str, what: str) -> None:
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        raise CacheUnusable(f"{what} {path} is a symbolic link")
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        raise CacheUnusable(f"{what} {path} belongs to another user")
    if info.st_mode & 0o022:
        raise CacheUnusable(f"{what} {path} may be written by other users")


def _probe(db: str) -> None:
    """Take and release the write lock once, waiting at most LOCK_WAIT (a locked or full database fails)."""
    import sqlite3

    con = sqlite3.connect(db, timeout=LOCK_WAIT, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("CREATE TABLE IF NOT EXISTS unlearn_bib_probe (x INTEGER)")
        con.execute("ROLLBACK")
    finally:
        con.close()


def _bounded_dict():
    """requests-cache's SQLiteDict whose wait for the write lock ends after LOCK_WAIT seconds."""
    import sqlite3
    from contextlib import contextmanager

    from requests_cache.backends.sqlite import SQLiteDict

    class BoundedSQLiteDict(SQLiteDict):
        @contextmanager
        def _acquire_sqlite_lock(self):  # the library's own loop retries for ever
            with self._lock:
                stop = time.monotonic() + LOCK_WAIT
                while True:
                    try:
                        self._connection.execute("BEGIN IMMEDIATE")
                        self._active_transaction = True
                        break
                    except sqlite3.OperationalError:
                        if time.monotonic() > stop:
                            raise
                        time.sleep(0.01)
                try:
                    yield
                    self._connection.commit()
                except sqlite3.OperationalError:
                    self._connection.rollback()
                finally:
                    self._active_transaction = False

    return BoundedSQLiteDict


def _backend(db: str):
    from requests_cache.backends.base import BaseCache
    from requests_cache.backends.sqlite import SQLiteCache

    bounded = _bounded_dict()
    options = {"busy_timeout": int(LOCK_WAIT * 1000), "timeout": LOCK_WAIT}

    class JSONSQLiteCache(SQLiteCache):
        def __init__(self):  # as SQLiteCache, with the bounded dict and the JSON serializer
            BaseCache.__init__(self, cache_name=db)
            self.responses = bounded(db, table_name="responses", serializer="json", **options)
            self.redirects = bounded(db, table_name="redirects", lock=self.responses._lock, serializer=None,
                                     **options)

    return JSONSQLiteCache()


def open_session(directory: str, expire_days: float):
    """A CachedSession on ``directory``; CacheUnusable (or any error) when it cannot be used safely."""
    import requests_cache

    os.makedirs(directory, mode=0o700, exist_ok=True)
    _check_ours(directory, "cache folder")
    db = os.path.join(directory, DB_NAME)
    if os.path.lexists(db):
        _check_ours(db, "cache file")
    else:
        os.close(os.open(db, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    _probe(db)
    session = requests_cache.CachedSession(
        backend=_backend(db), expire_after=timedelta(days=expire_days), allowable_codes=(200, 404),
        allowable_methods=("GET",), stale_if_error=False)
    len(session.cache.responses)  # a corrupt database fails here, not in the middle of a run
    return session
