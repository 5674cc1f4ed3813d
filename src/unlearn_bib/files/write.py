"""The only place that writes files: atomically, through symlinks, and never over what is not ours.

Every OSError here becomes one UnlearnBibError line naming the path and the reason.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Callable

from unlearn_bib.errors import UnlearnBibError
from unlearn_bib.files.read import describe


def umask() -> int:
    """The process's umask (there is no call that reads it without setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_prefix(name: str) -> str:
    # Short enough that a target name at the file system's limit still leaves room.
    return f".{name[:48]}."


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    return "is not a regular file"


def write_atomic(path: str | os.PathLike, data: str | bytes, *, expect: bytes | None = None,
                 mode: int | None = None) -> None:
    """Write ``data`` to ``path`` via a temporary file, flushed to disk, renamed over it.

    A symlink is written through: the file it points to is replaced and the link stays.
    An existing target keeps its mode (and owner, where allowed); anything but a regular
    file is refused. With ``expect``, refuse if the file no longer holds those bytes
    (someone changed it since it was read). With ``mode``, the file gets those permission bits.
    """
    shown = os.fspath(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    named = shown if os.path.abspath(shown) == str(target) else f"{shown} (-> {target})"
    tmp = None
    try:
        try:
            before = os.stat(path)  # through every link: /dev/stdout is a pipe, not a path to create
        except FileNotFoundError:
            before = None
        if before is not None and not stat.S_ISREG(before.st_mode):
            raise UnlearnBibError(f"{named}: {_kind(before.st_mode)}; only a regular file is replaced "
                                  "(leave out -o to write to stdout)")
        if not target.parent.is_dir():
            raise UnlearnBibError(f"{named}: directory {target.parent} does not exist")
        if expect is not None:
            current = target.read_bytes() if before is not None else b""
            if current != expect and (current.strip() or expect.strip()):
                raise UnlearnBibError(f"{named}: changed since it was read (another program wrote it); "
                                      "nothing written, run again")
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            if mode is not None:
                os.fchmod(fd, mode)
            else:
                os.fchmod(fd, stat.S_IMODE(before.st_mode) if before else 0o666 & ~umask())
            if before is not None and (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, before.st_uid, before.st_gid)
                except OSError:
                    pass  # not allowed: the new file is ours, as any editor would leave it
            os.fsync(fd)  # on disk before the rename: a machine crash leaves the old file or the new one
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise UnlearnBibError(f"{named}: cannot write: {describe(exc)}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


@contextmanager
def locked(directory: str | os.PathLike):
    """Hold an exclusive lock on a folder while reading and rewriting files in it.

    Concurrent runs writing into one folder wait their turn. The lock is taken on the
    folder itself, so nothing is created; where locks are unsupported it is skipped. A
    lock this process already holds is held again at no cost (``import`` locks the folder
    for the whole read-edit-write, and the catalog editor locks it to write).
    """
    try:
        import fcntl
    except ImportError:  # not POSIX
        yield
        return
    import threading

    key = (os.path.realpath(directory), threading.get_ident())
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        yield  # a missing or unreadable folder: the write itself will say what is wrong
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            sys.stderr.write(f"{os.fspath(directory)}: waiting for another unlearn-bib run writing here\n")
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass  # e.g. a file system without locks
        _HELD[key] = 1
        yield
    finally:
        _HELD.pop(key, None)
        os.close(fd)


_HELD: dict[tuple[str, int], int] = {}  # (folder, thread) holding its lock, and how many times


def _fill(root: Path, files: dict[str, bytes]) -> None:
    """Create every file under ``root`` (new folders and files follow the umask)."""
    for name, content in sorted(files.items()):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())  # on disk before the folder (or the file) is renamed into place


def _sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def write_tree(directory: str | os.PathLike, files: dict[str, bytes], *, marker: str,
               owned: Callable[[bytes], dict[str, str] | None]) -> None:
    """Write a bundle of files into ``directory`` without touching anything else there.

    A new folder is built beside it and renamed into place when complete. An existing
    folder must be empty or hold a previous bundle: ``owned`` reads its ``marker`` file
    and returns {relative path: sha256} of the files that bundle created (None: not a
    bundle). The new files are staged inside the folder and renamed over the old ones,
    the marker last; old bundle files the new bundle lacks are removed only if unchanged.
    Every other file stays. Runs into one folder take turns.
    """
    shown = os.fspath(directory)
    target = Path(os.path.realpath(directory))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with locked(target.parent):
            if os.path.lexists(target):
                _update_tree(target, shown, files, marker, owned)
            else:
                _new_tree(target, files)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename and ".unlearn-bib-" not in os.fspath(exc.filename) else ""
        raise UnlearnBibError(f"{shown}: cannot write the bundle: {describe(exc)}{where}") from None


def _new_tree(target: Path, files: dict[str, bytes]) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".unlearn-bib-", dir=target.parent))
    try:
        _fill(staging, files)
        os.chmod(staging, 0o777 & ~umask())  # mkdtemp made it 700 whatever the umask
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _previous(target: Path, shown: str, marker: str, owned) -> dict[str, str] | None:
    path = target / marker
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > 16 * 1024 * 1024:
        return None
    with open(path, "rb") as handle:
        return owned(handle.read())


def _check_paths(target: Path, shown: str, names, previous: dict[str, str]) -> None:
    """Every path the bundle writes must be a real folder or a file the previous bundle made."""
    for name in sorted(names):
        parts = PurePosixPath(name).parts
        for depth in range(1, len(parts) + 1):
            path = target.joinpath(*parts[:depth])
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                break
            label = f"{shown.rstrip('/')}/{'/'.join(parts[:depth])}"
            if depth < len(parts):
                if not stat.S_ISDIR(mode):
                    raise UnlearnBibError(f"{label}: {_kind(mode)} where the bundle needs a folder; nothing written")
            elif not stat.S_ISREG(mode):
                raise UnlearnBibError(f"{label}: {_kind(mode)} where the bundle writes a file; nothing written")
            elif name not in previous:
                raise UnlearnBibError(f"{label}: exists and was not made by the previous bundle "
                                      "(its manifest does not list it); nothing written")


def _update_tree(target: Path, shown: str, files: dict[str, bytes], marker: str, owned) -> None:
    if not target.is_dir():
        raise UnlearnBibError(f"{shown}: exists and is not a folder")
    previous: dict[str, str] = {}
    if os.listdir(target):
        found = _previous(target, shown, marker, owned)
        if found is None:
            raise UnlearnBibError(
                f"{shown}: folder is not empty and holds no previous release (no unlearn-bib {marker}); "
                "nothing written: choose a new or empty folder")
        previous = found
    _check_paths(target, shown, files, previous)
    staging = Path(tempfile.mkdtemp(prefix=".unlearn-bib-", dir=target))
    try:
        _fill(staging, files)
        for name in sorted(files, key=lambda n: (n == marker, n)):
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name in sorted(set(previous) - set(files)):
        _remove_if_unchanged(target, name, previous[name])


def _remove_if_unchanged(target: Path, name: str, sha: str) -> None:
    """Remove an old bundle file the new bundle lacks, if it is still exactly what was written."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return
    path = target.joinpath(*relative.parts)
    try:
        for depth in range(1, len(relative.parts)):  # no symlinked folder on the way
            if not stat.S_ISDIR(os.lstat(target.joinpath(*relative.parts[:depth])).st_mode):
                return
        if not stat.S_ISREG(os.lstat(path).st_mode) or _sha256(path) != sha:
            return
        path.unlink()
    except OSError:
        return  # gone already, or not ours to judge: leave it
    folder = path.parent
    while folder != target:
        try:
            folder.rmdir()  # only if empty
        except OSError:
            break
        folder = folder.parent
