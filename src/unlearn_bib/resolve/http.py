"""The one HTTP client of the resolver: deadlines, size caps, a run budget, retries, a polite
rate, an on-disk cache.

Nothing here runs unless a command was given ``--online``. Each service's base URL can be
overridden by an environment variable (a mirror, a proxy, a local test server); the real
request paths are appended to it. Failures become ``ServiceError`` (never a crash); a
service that fails is skipped for the rest of the run; a cache that cannot be opened or
written is dropped with one warning (``transport`` reads answers, ``httpcache`` keeps them).
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from datetime import timedelta


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    env: str
    default: str
    interval: float  # seconds between two requests that reach the service

    @property
    def base(self) -> str:
        return (os.environ.get(self.env) or self.default).rstrip("/")


SERVICES = {s.id: s for s in (
    Service("arxiv", "arXiv", "UNLEARN_BIB_ARXIV_URL", "https://export.arxiv.org", 3.0),  # arXiv asks for 3 s
    Service("crossref", "Crossref", "UNLEARN_BIB_CROSSREF_URL", "https://api.crossref.org", 0.2),
    Service("dblp", "DBLP", "UNLEARN_BIB_DBLP_URL", "https://dblp.org", 1.0),
    Service("openreview", "OpenReview", "UNLEARN_BIB_OPENREVIEW_URL", "https://api2.openreview.net", 0.5),
    Service("s2", "Semantic Scholar", "UNLEARN_BIB_S2_URL", "https://api.semanticscholar.org", 1.0),
)}
RETRY_STATUS = frozenset((429, 500, 502, 503, 504))
MAX_WAIT = 60.0  # a Retry-After longer than this: the service is skipped for the run
RUN_BUDGET = 20 * 60.0  # seconds for all requests of one run (the weekly workflow allows 30 min)


class ServiceError(Exception):
    """A service could not answer (network, status, unreadable body)."""

    def __init__(self, service: str, reason: str):
        super().__init__(f"{SERVICES[service].name}: {reason}")
        self.service = service
        self.reason = reason
        self.recorded = False  # already counted in the client's failures


@dataclass
class Reply:
    status: int
    text: str
    url: str
    from_cache: bool

    def json(self, service: str):
        import json

        try:
            return json.loads(self.text)
        except RecursionError:
            raise ServiceError(service, f"unreadable JSON from {self.url} (nested too deeply)") from None
        except ValueError as exc:
            where = f"{exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise ServiceError(service, f"unreadable JSON from {self.url} ({where})") from None


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=dict)
    cached: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # service -> the failure after which it was skipped

    def bump(self, table: dict, service: str) -> None:
        table[service] = table.get(service, 0) + 1


def default_cache_dir() -> str:
    return os.environ.get("UNLEARN_BIB_HTTP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "unlearn-bib", "http")


def user_agent(mailto: str) -> str:
    """The project and version, and the --mailto address when given (no home page is named:
    none is known to exist)."""
    from unlearn_bib import __version__

    contact = f" (mailto:{mailto})" if mailto else ""
    return f"unlearn-bib/{__version__}{contact}"


class Client:
    """GET with a total deadline and a size cap per request, a budget for the run, retries on
    429/5xx (honouring a short Retry-After), a per-service rate and a cache. A service that
    times out, cannot be reached or asks to wait too long is skipped for the rest of the run."""

    def __init__(self, *, cache_dir: str | None = None, expire_days: float = 7, timeout: float = 20,
                 retries: int = 3, mailto: str = "", warn=None, sleep=None, clock=None,
                 deadline: float | None = None, max_bytes: int | None = None, budget: float | None = None):
        from unlearn_bib.resolve import transport

        self.timeout = timeout
        self.deadline = deadline if deadline is not None else transport.DEADLINE
        self.max_bytes = max_bytes or transport.MAX_BYTES
        self.budget = budget if budget is not None else RUN_BUDGET
        self.retries = retries
        self.mailto = check_mailto(mailto or os.environ.get("UNLEARN_BIB_MAILTO", ""))
        self.warn = warn or (lambda message: None)
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))
        self.clock = clock or time.monotonic
        self.stats = Stats()
        self.down = self.stats.skipped  # service -> why it is skipped for the rest of the run
        self.tried: set[str] = set()
        self.answered = False  # any service (or the cache) gave any answer in this run
        self.parsed: dict = {}  # (service, id) -> an answer already read in this run (arXiv's record: anchor and candidate)
        self._started = time.monotonic()
        self._last: dict[str, float] = {}
        self._last_key: dict[str, str] = {}
        self.session = self._session(cache_dir, expire_days)

    def _mount(self, session):
        from unlearn_bib.resolve import transport

        self._adapter = transport.capped_adapter(self.max_bytes)
        session.mount("http://", self._adapter)
        session.mount("https://", self._adapter)
        session.headers["User-Agent"] = user_agent(self.mailto)
        return session

    def _plain(self):
        import requests

        return self._mount(requests.Session())

    def _session(self, cache_dir: str | None, expire_days: float):
        if cache_dir == "":  # --no-cache
            return self._plain()
        directory = cache_dir or default_cache_dir()
        try:
            from unlearn_bib.resolve.httpcache import open_session

            session = open_session(directory, expire_days)
        except Exception as exc:  # noqa: BLE001 - any cache trouble means: run without it
            self.warn(f"HTTP cache {directory} cannot be used ({type(exc).__name__}: {exc}); running without it")
            return self._plain()
        return self._mount(session)

    def _wait_turn(self, service: str) -> None:
        last = self._last.get(service)
        if last is not None:
            gap = SERVICES[service].interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)

    def _left(self) -> float:
        """Seconds of the run's budget left."""
        return self.budget - (time.monotonic() - self._started)

    def _cached(self, url: str, params: dict | None, headers: dict):
        """The cache's fresh answer, read in this thread (None: the request must go out). Nothing is
        sent, so no pause, worker thread, deadline or proxy look-up is needed; the cache decides as
        it does for a request that goes out (same key, expiry, Vary)."""
        if not hasattr(self.session, "cache"):
            return None
        import requests

        from unlearn_bib.resolve import transport

        request = self.session.prepare_request(requests.Request("GET", url, params=params, headers=headers))
        transport.cache_only(self._adapter, True)
        try:  # the key counts only whether TLS is verified, as the session would
            return self.session.send(request, verify=bool(self.session.verify))
        except transport.NotCached:
            return None
        finally:
            transport.cache_only(self._adapter, False)

    def _send_once(self, service: str, url: str, params: dict | None, headers: dict):
        from unlearn_bib.resolve import transport

        cached = self._cached(url, params, headers)
        if cached is not None:
            return cached
        self._wait_turn(service)  # a pause only before a request that reaches the service
        deadline = time.monotonic() + min(self.deadline, max(self._left(), 0.0))
        session = self.session

        def call():
            transport.set_deadline(self._adapter, deadline)
            read = max(0.1, min(self.timeout, deadline - time.monotonic()))
            return session.get(url, params=params, headers=headers, timeout=(min(read, 10.0), read))

        return transport.run_with_deadline(call, deadline)

    def _send(self, service: str, url: str, params: dict | None, headers: dict):
        import requests

        try:
            return self._send_once(service, url, params, headers)
        except requests.RequestException:
            raise
        except Exception as exc:  # noqa: BLE001 - the cache layer failed (disk full, read-only, corrupt, locked)
            if not hasattr(self.session, "cache"):
                raise
            self.warn(f"HTTP cache failed ({type(exc).__name__}: {exc}); running without it")
            self.session = self._plain()
            return self._send_once(service, url, params, headers)

    def _fail(self, service: str, reason: str, *, skip: bool = False) -> ServiceError:
        self.stats.failures.setdefault(service, []).append(reason)
        if skip and service not in self.down:
            self.down[service] = reason
        error = ServiceError(service, reason)
        error.recorded = True
        return error

    def get(self, service: str, path: str, params: dict | None = None, *, accept: tuple[int, ...] = (200,)) -> Reply:
        """GET base+path; a status outside ``accept`` (after retries) is a ServiceError."""
        import requests

        from unlearn_bib.resolve import transport

        too_large, _late = transport.errors()
        if service in self.down:
            raise self._fail(service, f"skipped ({self.down[service].split(' (')[0]} earlier in this run)")
        if self._left() <= 0:
            raise self._fail(service, f"not asked: the run's time budget of {self.budget:g} s is spent")
        self.tried.add(service)
        url = SERVICES[service].base + path
        headers = {"Accept": "application/atom+xml" if service == "arxiv" else "application/json"}
        if self.mailto and service == "crossref":
            params = {**(params or {}), "mailto": self.mailto}
        skip = False
        for attempt in range(self.retries + 1):
            delay = None
            try:
                response = self._send(service, url, params, headers)
            except requests.Timeout:
                reason, skip = f"timed out after {self.deadline:g} s ({url})", True
            except too_large as exc:
                reason = f"{exc} ({url})"
            except requests.RequestException as exc:
                reason, skip = f"cannot connect ({type(exc).__name__}; {url})", True
                delay = 1.0 if attempt == 0 else None  # one more try: a refused connection is not worth more
            except Exception as exc:  # noqa: BLE001 - whatever else fails in a request fails that request
                reason = f"request failed ({type(exc).__name__}; {url})"
            else:
                cached = bool(getattr(response, "from_cache", False))
                self.answered = True
                if not cached:
                    self._last[service] = self.clock()
                    self.stats.bump(self.stats.requests, service)
                else:
                    self.stats.bump(self.stats.cached, service)
                key = getattr(response, "cache_key", "")
                self._last_key[service] = key if isinstance(key, str) else ""
                if response.status_code in accept:
                    return Reply(response.status_code, response.text, response.url or url, cached)
                reason, skip = f"HTTP {response.status_code} from {response.url or url}", False
                if response.status_code not in RETRY_STATUS:
                    break
                skip = True  # if the retries do not help
                delay = _retry_after(response.headers.get("Retry-After"), 2.0 ** attempt)
                if delay > MAX_WAIT:
                    reason = f"{reason}, asking to wait {delay:g} s"
                    break
            if delay is None or attempt >= self.retries or delay > self._left():
                break
            self.sleep(delay)
        raise self._fail(service, reason, skip=skip)

    def unreadable(self, service: str, reason: str) -> None:
        """A reply that could not be read: a failure of that service, and not kept in the cache."""
        self.stats.failures.setdefault(service, []).append(reason)
        key = self._last_key.pop(service, "")
        cache = getattr(self.session, "cache", None)
        if key and cache is not None:
            try:
                cache.delete(key)
            except Exception as exc:  # noqa: BLE001 - a cache that cannot delete is dropped
                self.warn(f"HTTP cache failed ({type(exc).__name__}: {exc}); running without it")
                self.session = self._plain()

    def offline(self) -> bool:
        """Nothing has answered and every service tried (two at least) could not be reached."""
        return (not self.answered and len(self.tried) >= 2 and self.tried <= set(self.down)
                and all(reason.startswith("cannot connect") for reason in self.down.values()))


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), 1e9)
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
        if when.tzinfo is None:  # "-0000": a date in UTC
            when = when.replace(tzinfo=timezone.utc)
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    except Exception:  # noqa: BLE001 - any malformed header means: the default pause
        return default


_MAILTO = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+\Z")


def check_mailto(value: str) -> str:
    """The contact address sent to the services: plain ASCII e-mail, or an UnlearnBibError."""
    if value and (len(value) > 254 or not _MAILTO.match(value)):
        from unlearn_bib.errors import UnlearnBibError
        from unlearn_bib.text.terminal import visible

        raise UnlearnBibError(f"--mailto {visible(value)!r} is not a plain e-mail address (ASCII letters, digits, "
                              "'.', '_', '%', '+', '-', one '@', no spaces or line breaks)")
    return value
