"""The HTTP plumbing every fetcher shares: a retrying session, a conditional GET, a rate limit."""

from __future__ import annotations

import time
from collections.abc import Callable

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

import tracker

from .base import FetchError

USER_AGENT = f"tracker/{tracker.__version__} (geannoteerde-agenda tracker; python-requests)"

# Retry-After beyond this is treated as "give up" rather than sleeping for hours (urllib3's
# default cap is 6 h); the next scheduled run picks the work up again.
RETRY_AFTER_MAX = 300
RETRY_STATUSES = (429, 500, 502, 503, 504)
# A body cut short (Content-Length not reached, broken chunking) happens after urllib3's
# Retry has handed the response over, so get() retries it itself this many extra times.
BODY_RETRIES = 2

BODY_ERRORS = (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)


def make_retry(retries: int, backoff: float) -> Retry:
    """urllib3 Retry for idempotent reads: backoff with jitter, Retry-After honoured but capped."""
    return Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        backoff_factor=backoff,
        backoff_jitter=backoff / 2,
        respect_retry_after_header=True,
        retry_after_max=RETRY_AFTER_MAX,
        raise_on_status=True,
        raise_on_redirect=True,
    )


def make_session(
    user_agent: str = USER_AGENT, retries: int = 4, backoff: float = 0.5
) -> requests.Session:
    """A requests session that retries transient failures and sends `user_agent`."""
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=make_retry(retries, backoff))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = user_agent
    return session


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since for what the caller saw last time."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def get(
    session: requests.Session,
    url: str,
    timeout: tuple[float, float] = (5, 30),
    etag: str | None = None,
    last_modified: str | None = None,
) -> requests.Response | None:
    """GET `url` conditionally: the response, None when unchanged (304); FetchError otherwise."""
    headers = conditional_headers(etag, last_modified)
    for attempt in range(BODY_RETRIES + 1):
        try:
            response = session.get(url, headers=headers, timeout=timeout)
        except BODY_ERRORS as exc:
            if attempt == BODY_RETRIES:
                raise FetchError(f"{url}: body cut short: {exc}") from exc
            continue
        except requests.RequestException as exc:
            raise FetchError(f"{url}: {describe(exc)}") from exc
        return checked(response, url)
    raise AssertionError("unreachable")  # pragma: no cover


def checked(response: requests.Response, url: str) -> requests.Response | None:
    """None for 304; FetchError for an error status or a body shorter than Content-Length."""
    if response.status_code == 304:
        return None
    if response.status_code >= 400:
        raise FetchError(f"{url}: HTTP {response.status_code} {response.reason}")
    expected = response.headers.get("Content-Length")
    encoded = response.headers.get("Content-Encoding", "identity") != "identity"
    if expected and expected.isdigit() and not encoded and len(response.content) < int(expected):
        raise FetchError(f"{url}: body cut short ({len(response.content)} of {expected} bytes)")
    return response


def describe(exc: requests.RequestException) -> str:
    """A short reason for a failed request, naming retries when they ran out."""
    if isinstance(exc, requests.exceptions.RetryError):
        return f"gave up after retries: {exc}"
    if isinstance(exc, requests.exceptions.Timeout):
        return f"timed out: {exc}"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return f"connection failed: {exc}"
    return f"request failed: {exc}"


class RateLimit:
    """At most `per_second` calls of `wait()` per second, by sleeping between them."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if per_second <= 0:
            raise ValueError(f"rate limit must be positive, got {per_second}")
        self.interval = 1.0 / per_second
        self.clock = clock
        self.sleep = sleep
        self.last: float | None = None

    def wait(self) -> None:
        """Sleep until the next call is allowed, then record it."""
        now = self.clock()
        due = now if self.last is None else max(now, self.last + self.interval)
        if due > now:
            self.sleep(due - now)
        self.last = due
