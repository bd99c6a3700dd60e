"""A small client of TVmaze's public JSON API (https://www.tvmaze.com/api): no key needed.

It searches, looks up a show by IMDb id, and fetches a show with its episodes and cast in
one request. It knows nothing of files or the screen: it returns the models of
:mod:`dramatui.sources.tvmaze_models` or raises :class:`TVmazeError`, whose message is one
line a person can act on.

Done properly: timeouts (connect 5 s, read 15 s); a ``User-Agent`` naming dramatui and its
version; TVmaze's rate limit (about 20 calls per 10 s per address) kept by a sliding window
on our side, and a 429 answered by waiting (``Retry-After`` when given, else exponential
backoff with jitter) and trying again a few times, saying so through *notice*; answers
cached on disk by hishel following the server's caching headers (RFC 9111); bodies larger
than :data:`MAX_BYTES` refused before they are read whole.

TVmaze's data is licensed CC BY-SA 4.0: whatever is made from it says so (:data:`LICENCE`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import random
import socket
import sqlite3
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from dramatui.sources.tvmaze_models import Aka, Embedded, Episode, SearchHit, Show

DEFAULT_URL = "https://api.tvmaze.com"
"""TVmaze's API; ``DRAMATUI_TVMAZE_URL`` points dramatui at another (a test server)."""

LICENCE = "CC BY-SA 4.0"
ATTRIBUTION = f"Show data from TVmaze (https://www.tvmaze.com), licensed {LICENCE}."

TIMEOUT = httpx.Timeout(connect=5.0, read=15.0, write=15.0, pool=5.0)
MAX_BYTES = 8 * 1024 * 1024
"""The largest answer read: a show with thousands of episodes is well under 4 MiB."""

RATE_CALLS = 20
RATE_PERIOD = 10.0
"""TVmaze allows about 20 calls per 10 seconds per address: we stay within it."""

TRIES = 4
"""How many times one request is sent when TVmaze answers 429 (too many requests)."""
MAX_WAIT = 30.0
"""The longest wait before a retry, whatever ``Retry-After`` asks."""

T = TypeVar("T")


class TVmazeError(Exception):
    """A request to TVmaze failed; ``str()`` is one line for the user."""


class NotFound(TVmazeError):
    """TVmaze has no such show (404)."""


class RateLimiter:
    """At most *calls* requests in any *period* seconds (a sliding window)."""

    def __init__(
        self,
        calls: int = RATE_CALLS,
        period: float = RATE_PERIOD,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.calls = calls
        self.period = period
        self.clock = clock or time.monotonic
        self.sleep = sleep or time.sleep
        self.sent: deque[float] = deque()

    def wait(self) -> float:
        """Wait until one more request is allowed; the seconds waited."""
        now = self.clock()
        while self.sent and now - self.sent[0] >= self.period:
            self.sent.popleft()
        waited = 0.0
        if len(self.sent) >= self.calls:
            waited = self.period - (now - self.sent[0])
            self.sleep(waited)
            self.sent.popleft()
        return waited

    def record(self) -> None:
        """One request reached the server (answers from the cache are not counted)."""
        self.sent.append(self.clock())


def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("dramatui")
    except PackageNotFoundError:
        ours = "unknown"
    return f"dramatui/{ours} (terminal TV-show guide; python-httpx)"


def cache_transport(next_transport: httpx.BaseTransport, folder: Path) -> httpx.BaseTransport:
    """*next_transport* behind hishel's RFC 9111 cache, stored in *folder*/tvmaze.sqlite."""
    import hishel
    from hishel.httpx import CacheTransport

    folder.mkdir(parents=True, exist_ok=True)
    storage = hishel.SqliteStorage(database_path=folder / "tvmaze.sqlite")
    # A private cache (one user's), which may keep what a shared proxy may not.
    options = hishel.CacheOptions(shared=False)
    return CacheTransport(next_transport=next_transport, storage=storage, rfc=options)


class TVmaze:
    """TVmaze's API through one httpx client. Use as a context manager, or call close()."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        *,
        transport: httpx.BaseTransport | None = None,
        cache_dir: Path | None = None,
        limiter: RateLimiter | None = None,
        sleep: Callable[[float], None] | None = None,
        notice: Callable[[str], None] | None = None,
        tries: int = TRIES,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.notice = notice or (lambda _message: None)
        inner = transport if transport is not None else httpx.HTTPTransport()
        self.cache_dir = cache_dir
        if cache_dir is not None:
            try:
                inner = cache_transport(inner, cache_dir)
            except (OSError, sqlite3.Error) as exc:
                self.notice(
                    f"cannot keep an HTTP cache in {cache_dir} ({_reason(exc)}); "
                    "going on without one"
                )
                self.cache_dir = None
        self.base_url = base_url.rstrip("/")
        self.client = httpx.Client(
            base_url=self.base_url,
            transport=inner,
            timeout=TIMEOUT,
            headers={"User-Agent": user_agent(), "Accept": "application/json"},
            follow_redirects=True,  # /lookup/shows answers with a redirect to the show
        )
        self.limiter = limiter if limiter is not None else RateLimiter(sleep=sleep)
        self.sleep = sleep or time.sleep
        self.tries = max(1, tries)
        self.max_bytes = max_bytes
        self.requests = 0
        """Requests that reached the server (not answered from the cache)."""

    def __enter__(self) -> TVmaze:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- the API -------------------------------------------------------------------

    def search(self, query: str) -> list[SearchHit]:
        """Shows whose name matches *query*, best first (``/search/shows``)."""
        return self._get("/search/shows", {"q": query}, _SEARCH, "the search")

    def show(self, show_id: int, *, specials: bool = False) -> Show:
        """The show with its episodes and main cast (one request; two with *specials*)."""
        params = [("embed[]", "episodes"), ("embed[]", "cast")]
        show = self._get(f"/shows/{show_id}", params, _SHOW, f"show {show_id}")
        if specials:
            episodes = self._get(
                f"/shows/{show_id}/episodes",
                {"specials": "1"},
                _EPISODES,
                f"show {show_id}'s episodes",
            )
            cast = show.cast
            show = show.model_copy(update={"embedded": Embedded(episodes=episodes, cast=cast)})
        return show

    def lookup_imdb(self, imdb: str) -> Show:
        """The show with this IMDb id (``tt`` and digits), without episodes."""
        return self._get("/lookup/shows", {"imdb": imdb}, _SHOW, f"IMDb id {imdb}")

    def akas(self, show_id: int) -> list[Aka]:
        """The show's other names; an empty list when TVmaze has none."""
        try:
            return self._get(f"/shows/{show_id}/akas", None, _AKAS, f"show {show_id}'s names")
        except NotFound:
            return []

    # -- one request -----------------------------------------------------------------

    def _get(self, path: str, params: Any, shape: TypeAdapter[T], what: str) -> T:
        body = self._fetch(path, params, what)
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise TVmazeError(f"TVmaze's answer for {what} is not JSON") from None
        try:
            return shape.validate_python(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "the top"
            raise TVmazeError(
                f"TVmaze's answer for {what} has an unexpected shape (at {where}: "
                f"{first['msg'].lower()})"
            ) from None

    def _fetch(self, path: str, params: Any, what: str) -> bytes:
        for attempt in range(1, self.tries + 1):
            self.limiter.wait()
            try:
                with self.client.stream("GET", path, params=params) as response:
                    if not response.extensions.get("caching", {}).get("from_cache", False):
                        self.limiter.record()
                        self.requests += 1
                    if response.status_code == 429:
                        delay = self._retry_delay(response, attempt)
                        if attempt == self.tries:
                            break
                        self.notice(
                            f"TVmaze asks to slow down (429); trying again in {delay:.1f} s "
                            f"(try {attempt + 1} of {self.tries})"
                        )
                        response.close()
                        self.sleep(delay)
                        continue
                    self._check_status(response, what)
                    return self._read(response, what)
            except httpx.TimeoutException as exc:
                kind = "connect" if isinstance(exc, httpx.ConnectTimeout) else "answer"
                limit = TIMEOUT.connect if kind == "connect" else TIMEOUT.read
                raise TVmazeError(
                    f"TVmaze did not {kind} within {limit:g} s ({self.base_url}); try again later"
                ) from None
            except httpx.ConnectError as exc:
                if _is_dns_failure(exc):
                    raise TVmazeError(
                        f"cannot find {httpx.URL(self.base_url).host} (DNS lookup failed): "
                        "are you online?"
                    ) from None
                raise TVmazeError(
                    f"cannot reach TVmaze at {self.base_url} ({_reason(exc)}): are you online?"
                ) from None
            except httpx.TransportError as exc:
                raise TVmazeError(
                    f"the connection to TVmaze failed ({_reason(exc)}); try again later"
                ) from None
            except sqlite3.Error as exc:
                raise TVmazeError(
                    f"the HTTP cache in {self.cache_dir} failed ({_reason(exc)}); "
                    "delete that folder and try again"
                ) from None
        raise TVmazeError(
            f"TVmaze is still refusing requests (429, too many) after {self.tries} tries; "
            "wait a minute and try again"
        )

    def _retry_delay(self, response: httpx.Response, attempt: int) -> float:
        asked = _retry_after(response.headers.get("Retry-After", ""))
        if asked is not None:
            return min(asked + random.uniform(0, 0.5), MAX_WAIT)
        backoff = 2.0 ** (attempt - 1)
        return min(backoff + random.uniform(0, backoff / 2), MAX_WAIT)

    def _check_status(self, response: httpx.Response, what: str) -> None:
        status = response.status_code
        if status == 404:
            raise NotFound(f"TVmaze has no {what} (404)")
        if status >= 500:
            raise TVmazeError(
                f"TVmaze failed to answer for {what} ({status} {response.reason_phrase}); "
                "try again later"
            )
        if status != 200:
            raise TVmazeError(f"TVmaze answered {status} {response.reason_phrase} for {what}")

    def _read(self, response: httpx.Response, what: str) -> bytes:
        too_large = TVmazeError(
            f"TVmaze's answer for {what} is larger than {self.max_bytes // (1024 * 1024)} MiB; "
            "refused"
        )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)


_SEARCH = TypeAdapter(list[SearchHit])
_SHOW = TypeAdapter(Show)
_EPISODES = TypeAdapter(list[Episode])
_AKAS = TypeAdapter(list[Aka])


def _retry_after(header: str) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    header = header.strip()
    if not header:
        return None
    try:
        seconds = float(header)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        seconds = (when - dt.datetime.now(dt.UTC)).total_seconds()
    return max(0.0, seconds) if seconds == seconds else None  # NaN is no answer


def _is_dns_failure(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return True
        text = str(seen).lower()
        if "name or service not known" in text or "name resolution" in text:
            return True
        if "nodename nor servname" in text or "getaddrinfo" in text:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] or type(exc).__name__


__all__ = [
    "ATTRIBUTION",
    "DEFAULT_URL",
    "LICENCE",
    "NotFound",
    "RateLimiter",
    "TVmaze",
    "TVmazeError",
]
