"""Error answers and their log lines: one line per error, a bug's traceback once.

A client's mistake (400, 404, 405) is logged as one line at INFO; a failure of ours (500)
as one line at ERROR, with the traceback the first time that failure (its type and the
line it was raised at) is seen, so one client repeating a request cannot flood the log.
Nothing a client sent is echoed whole: values are cut to a few dozen characters.
"""

from __future__ import annotations

import logging
import os
import threading
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from tracker import patterns
from tracker.web import api
from tracker.web.caching import NO_CACHE
from tracker.web.params import cut, shown
from tracker.web.render import SECURITY_HEADERS, error_document

log = logging.getLogger("tracker.web")
JSON = "application/json"
HTML = "text/html; charset=utf-8"
MAX_KNOWN_FAILURES = 256  # distinct failures whose traceback was logged
_UNPRINTABLE = patterns.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class Failures:
    """Which failures have had their traceback logged (bounded: a later one, past the
    bound, gets its traceback too rather than none)."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()

    def first(self, exc: BaseException) -> bool:
        """Whether `exc` is the first failure of its kind and place."""
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if f"{os.sep}tracker{os.sep}" in f.filename] or frames
        # Where it was raised and the last line of ours on its way: a library call that
        # fails when called from two places of ours is two failures.
        places = (frames[-1], ours[-1]) if frames else ()
        key = (type(exc).__qualname__, *(f"{f.filename}:{f.lineno}" for f in places))
        with self._lock:
            if key in self._seen:
                return False
            if len(self._seen) < MAX_KNOWN_FAILURES:
                self._seen.add(key)
            return True


def error_response(request: Request, status: int, message: str, headers: Any = None) -> Response:
    """The answer to a failed request: JSON under /api/ and /healthz, else an HTML page."""
    path = request.url.path
    if path.startswith("/api/") or path == "/healthz":
        content, media = api.json_bytes(api.error_json(status, message)), JSON
    else:
        content, media = error_document(status, message), HTML
    extra = {"cache-control": NO_CACHE, **(headers or {})}
    extra |= {name.decode(): value.decode() for name, value in SECURITY_HEADERS}
    return Response(content, status, headers=extra, media_type=media)


def _where(request: Request) -> str:
    return f"{request.method} {cut(request.url.path, 120)}"


def one_line(text: str) -> str:
    """`text` with control and line-break characters escaped: a client's `%0A` in a path
    cannot start a forged line in the log."""
    return _UNPRINTABLE.sub(lambda found: ascii(found.group())[1:-1], text)


def client_error(request: Request, status: int, message: str, headers: Any = None) -> Response:
    """A 4xx answer, logged as one line."""
    log.info("%s", one_line(f"{_where(request)}: {status} {message}"))
    return error_response(request, status, message, headers)


def server_error(request: Request, exc: BaseException, failures: Failures) -> Response:
    """A 500 answer, logged as one line; with the traceback the first time it happens."""
    first = failures.first(exc)
    again = "" if first else " (traceback logged before)"
    line = f"{_where(request)}: 500 {type(exc).__name__}: {shown(str(exc), 200)}{again}"
    log.error("%s", one_line(line), exc_info=exc if first else None)
    return error_response(request, 500, "Er ging iets mis bij het maken van deze pagina.")


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's handler for HTTPException: a clear Dutch message."""
    assert isinstance(exc, HTTPException)
    status, detail = exc.status_code, exc.detail
    if status == 404 and detail == "Not Found":
        detail = f"Hier is niets: {cut(request.url.path, 120)}"
    elif status == 405:
        detail = f"{request.method} kan hier niet; alleen GET en HEAD."
    return client_error(request, status, detail, exc.headers)


def server_error_handler(failures: Failures) -> Callable[[Request, Exception], Awaitable[Response]]:
    """Starlette's handler for any other exception, logging as `server_error` does."""

    async def handler(request: Request, exc: Exception) -> Response:
        return server_error(request, exc, failures)

    return handler


def too_large(request: Request, size: int, limit: int) -> Response:
    """The answer when a rendered page is over the size limit: one line at ERROR, a 500."""
    log.error("%s", one_line(f"{_where(request)}: 500 answer of {size} bytes, over {limit}"))
    message = f"Deze pagina is te groot om te tonen ({size:,} bytes; hooguit {limit:,})."
    return error_response(request, 500, message)
