"""The one HTTP client of the resolver: timeouts, retries, a polite rate, an on-disk cache.

Nothing here runs unless a command was given ``--online``. Each service's base URL can be
overridden by an environment variable (a mirror, a proxy, a local test server); the real
request paths are appended to it. Failures become ``ServiceError`` (never a crash); a
cache that cannot be opened or written is dropped with one warning.
"""
from __future__ import annotations

import os
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
MAX_WAIT = 60.0  # never sleep longer than this for one Retry-After


class ServiceError(Exception):
    """A service could not answer (network, status, unreadable body)."""

    def __init__(self, service: str, reason: str):
        super().__init__(f"{SERVICES[service].name}: {reason}")
        self.service = service
        self.reason = reason


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
        except ValueError as exc:
            raise ServiceError(service, f"unreadable JSON from {self.url} ({exc.msg} at line {exc.lineno})") from None


@dataclass
class Stats:
    requests: dict[str, int] = field(default_factory=dict)
    cached: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)

    def bump(self, table: dict, service: str) -> None:
        table[service] = table.get(service, 0) + 1


def default_cache_dir() -> str:
    return os.environ.get("UNLEARN_BIB_HTTP_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "unlearn-bib", "http")


def user_agent(mailto: str) -> str:
    from unlearn_bib import __version__

    contact = f"; mailto:{mailto}" if mailto else ""
    return f"unlearn-bib/{__version__} (https://github.com/unlearn-bib/unlearn-bib{contact})"


class Client:
    """GET with timeout, retries on 429/5xx (honouring Retry-After), per-service rate, cache."""

    def __init__(self, *, cache_dir: str | None = None, expire_days: float = 7, timeout: float = 20,
                 retries: int = 3, mailto: str = "", warn=None, sleep=None, clock=None):
        self.timeout = timeout
        self.retries = retries
        self.mailto = mailto or os.environ.get("UNLEARN_BIB_MAILTO", "")
        self.warn = warn or (lambda message: None)
        self.sleep = sleep or (lambda seconds: time.sleep(seconds))
        self.clock = clock or time.monotonic
        self.stats = Stats()
        self._last: dict[str, float] = {}
        self.session = self._session(cache_dir, expire_days)

    def _plain(self):
        import requests

        session = requests.Session()
        session.headers["User-Agent"] = user_agent(self.mailto)
        return session

    def _session(self, cache_dir: str | None, expire_days: float):
        if cache_dir == "":  # --no-cache
            return self._plain()
        directory = cache_dir or default_cache_dir()
        try:
            import requests_cache

            os.makedirs(directory, exist_ok=True)
            session = requests_cache.CachedSession(
                os.path.join(directory, "responses"), backend="sqlite", expire_after=timedelta(days=expire_days),
                allowable_codes=(200, 404), allowable_methods=("GET",), stale_if_error=False)
            len(session.cache.responses)  # a corrupt database fails here, not in the middle of a run
        except Exception as exc:  # noqa: BLE001 - any cache trouble means: run without it
            self.warn(f"HTTP cache {directory} cannot be used ({type(exc).__name__}: {exc}); running without it")
            return self._plain()
        session.headers["User-Agent"] = user_agent(self.mailto)
        return session

    def _wait_turn(self, service: str) -> None:
        last = self._last.get(service)
        if last is not None:
            gap = SERVICES[service].interval - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)

    def _send(self, url: str, params: dict | None, headers: dict):
        import requests

        try:
            return self.session.get(url, params=params, headers=headers, timeout=self.timeout)
        except requests.RequestException:
            raise
        except Exception as exc:  # noqa: BLE001 - the cache layer failed (disk full, read-only, corrupt)
            self.warn(f"HTTP cache failed ({type(exc).__name__}: {exc}); running without it")
            self.session = self._plain()
            return self.session.get(url, params=params, headers=headers, timeout=self.timeout)

    def get(self, service: str, path: str, params: dict | None = None, *, accept: tuple[int, ...] = (200,)) -> Reply:
        """GET base+path; a status outside ``accept`` (after retries) is a ServiceError."""
        import requests

        url = SERVICES[service].base + path
        headers = {"Accept": "application/atom+xml" if service == "arxiv" else "application/json"}
        if self.mailto and service == "crossref":
            params = {**(params or {}), "mailto": self.mailto}
        for attempt in range(self.retries + 1):
            self._wait_turn(service)
            try:
                response = self._send(url, params, headers)
            except requests.Timeout:
                reason = f"timed out after {self.timeout:g} s ({url})"
                delay = 2.0 ** attempt
            except requests.RequestException as exc:
                reason = f"cannot connect ({type(exc).__name__}; {url})"
                delay = 2.0 ** attempt
            else:
                cached = bool(getattr(response, "from_cache", False))
                if not cached:
                    self._last[service] = self.clock()
                    self.stats.bump(self.stats.requests, service)
                else:
                    self.stats.bump(self.stats.cached, service)
                if response.status_code in accept:
                    return Reply(response.status_code, response.text, response.url or url, cached)
                reason = f"HTTP {response.status_code} from {response.url or url}"
                if response.status_code not in RETRY_STATUS:
                    break
                delay = _retry_after(response.headers.get("Retry-After"), 2.0 ** attempt)
            if attempt < self.retries:
                self.sleep(min(delay, MAX_WAIT))
        self.stats.failures.setdefault(service, []).append(reason)
        raise ServiceError(service, reason)


def _retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    from datetime import datetime, timezone

    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
