"""Read a user's input file safely: regular files only, never more than a cap.

A FIFO, a device (``/dev/zero``) or a directory given as input would block, read
without end or fail with a traceback; each is refused with one line naming the path.
"""
from __future__ import annotations

import os
import stat

from unlearn_bib.errors import error_at

MAX_INPUT_BYTES = 256 * 1024 * 1024  # 20x a 10,000-paper catalog (5 MB)


def describe(exc: OSError) -> str:
    """An OSError's reason as one short lower-case phrase ('permission denied')."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def read_regular(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), or UnlearnBibError."""
    shown = os.fspath(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise error_at(shown, None, _kind(mode))
        # O_NONBLOCK: should the file be swapped for a FIFO meanwhile, opening it must not hang.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise error_at(shown, None, _kind(mode))
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error_at(shown, None, "no such file") from None
    except PermissionError:
        raise error_at(shown, None, "permission denied") from None
    except OSError as exc:
        raise error_at(shown, None, f"cannot read: {describe(exc)}") from None
    if len(data) > limit:
        raise error_at(shown, None, f"larger than {limit // (1024 * 1024)} MB, the most unlearn-bib reads from one file")
    return data


def decode(data: bytes, shown: str, hint: str | None = None, *, bom: bool = False) -> str:
    """``data`` as UTF-8 text, or one FILE:LINE error at the first byte that is not UTF-8 (lines
    counted as text.lines counts them: LF, CRLF or CR alone). ``bom``: drop a leading BOM."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from unlearn_bib.text.lines import line_at_bytes

        raise error_at(shown, line_at_bytes(data, exc.start), "not valid UTF-8", hint) from None
    return text[1:] if bom and text.startswith("\ufeff") else text


def read_text(path: str | os.PathLike, limit: int | None = None, *, bom: bool = False) -> str:
    """The regular file at ``path`` as UTF-8 text (see read_regular and decode)."""
    return decode(read_regular(path, limit), os.fspath(path), bom=bom)
