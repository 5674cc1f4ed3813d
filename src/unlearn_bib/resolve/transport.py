"""One request with a total deadline and a size cap, whatever the server does.

``requests``' ``timeout`` bounds each socket read, not the request: a server that sends one
byte every few seconds never trips it. Here the body is read in pieces (decoded, so a gzip
bomb counts at its unpacked size) and the request gives up once the deadline has passed or
the cap is exceeded; the whole request also runs in a worker thread that the caller stops
waiting for at the deadline (a server trickling its headers cannot hold the run either).
An answer given up on is never complete, so it never reaches the cache. A thread can forbid
sending altogether (``cache_only``): the cache answers, or ``NotCached`` is raised.
"""
from __future__ import annotations

import threading
import time

MAX_BYTES = 8 * 1024 * 1024  # a service's answer, decoded; the largest real one seen is ~100 KB
DEADLINE = 30.0  # seconds for one request, from connect to the last byte
PIECE = 64 * 1024


def _errors():
    import requests

    class AnswerTooLarge(requests.RequestException):
        """The decoded answer exceeds the cap."""

    class DeadlinePassed(requests.Timeout):
        """The request took longer than its deadline."""

    return AnswerTooLarge, DeadlinePassed


_ERRORS: tuple = ()


class NotCached(Exception):
    """A request the cache could not answer was about to go out from a cache-only thread."""


def errors():
    """(AnswerTooLarge, DeadlinePassed), created once (requests is imported only when used)."""
    global _ERRORS
    if not _ERRORS:
        _ERRORS = _errors()
    return _ERRORS


def capped_adapter(max_bytes: int):
    """An HTTPAdapter whose responses are read in full under the caller's deadline and the cap."""
    from requests.adapters import HTTPAdapter

    too_large, late = errors()

    class CappedAdapter(HTTPAdapter):
        local = threading.local()  # the deadline of the request this thread is sending

        def send(self, request, **kwargs):
            if getattr(self.local, "cache_only", False):
                raise NotCached(request.url)
            deadline = getattr(self.local, "deadline", None) or time.monotonic() + DEADLINE
            kwargs["stream"] = True
            response = super().send(request, **kwargs)
            pieces, size = [], 0
            try:
                declared = response.headers.get("Content-Length", "")
                if declared.isascii() and declared.isdigit() and int(declared) > max_bytes \
                        and "Content-Encoding" not in response.headers:
                    raise too_large(f"answer of {int(declared)} bytes is over the cap of {max_bytes}")
                read = getattr(response.raw, "read1", None) or response.raw.read
                while True:
                    if time.monotonic() > deadline:
                        raise late("the answer did not arrive before the deadline")
                    piece = read(PIECE, decode_content=True)
                    if not piece:
                        break
                    size += len(piece)
                    if size > max_bytes:
                        raise too_large(f"answer over the cap of {max_bytes} bytes")
                    pieces.append(piece)
            except BaseException:
                response.close()
                raise
            response._content = b"".join(pieces)
            response._content_consumed = True
            return response

    return CappedAdapter()


def run_with_deadline(call, deadline: float):
    """call() in a daemon thread; DeadlinePassed if it has not returned by ``deadline`` (monotonic)."""
    _, late = errors()
    box: dict = {}

    def work():
        try:
            box["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
            box["error"] = exc

    worker = threading.Thread(target=work, name="unlearn-bib-request", daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()) + 0.5)
    if worker.is_alive():
        raise late("no complete answer before the deadline")
    if "error" in box:
        raise box["error"]
    return box["value"]


def cache_only(adapter, on: bool) -> None:
    """While on, the adapter sends nothing from the current thread: it raises NotCached instead."""
    adapter.local.cache_only = on


def set_deadline(adapter, deadline: float | None) -> None:
    """The deadline the adapter applies to requests sent from the current thread."""
    adapter.local.deadline = deadline
