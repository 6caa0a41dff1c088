"""Running the app: uvicorn in this process, one worker (never a scheduler in here).

uvicorn limits neither the size nor the number of request headers under httptools, and
times out only idle keep-alive connections: a client that sends half a request, or one
byte a minute, holds its connection for ever. `GuardedHttp` is uvicorn's httptools
protocol with those limits (`Limits`): a request line or headers too large are answered
431/414, a body 413, and a request not read whole within `request_timeout` seconds of
its first byte (or of the connection) gets 408 and the connection is closed.
"""

from __future__ import annotations

import asyncio
import gc
import importlib.util
import logging
from typing import Any

from starlette.types import ASGIApp
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from tracker.records import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    """What one HTTP request may be: sizes in bytes, times in seconds."""

    max_url: int = 8192  # the request target (path and query)
    max_header_bytes: int = 16384  # every header name and value together
    max_headers: int = 64
    max_body: int = 65536  # the site takes no bodies; a small one is read and dropped
    request_timeout: float = 10.0  # to read a whole request, from its first byte
    keep_alive: int = 5  # idle seconds between requests on one connection
    concurrency: int = 256  # connections and tasks at once; beyond it, 503


class Refused(Exception):
    """A request the server answers itself and then closes: too large or too slow."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class GuardedHttp(HttpToolsProtocol):
    """uvicorn's httptools protocol with limits on request size and the time to send it."""

    limits = Limits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._read_timer: asyncio.TimerHandle | None = None
        self._url_bytes = self._header_bytes = self._header_count = self._body_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_read_timer()  # a connection that never sends a byte times out too

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_read_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():
            return
        try:
            self._feed(data)
        except Refused as refused:
            self._refuse(refused.status, refused.message)

    def _feed(self, data: bytes) -> None:
        """As uvicorn's `data_received`, with a refusal from a callback answered as such."""
        import httptools

        self._unset_keepalive_if_required()
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:
            if isinstance(exc.__context__, Refused):
                raise exc.__context__ from None
            raise Refused(400, "Invalid HTTP request received.") from None
        except httptools.HttpParserUpgrade:
            self._unsupported_upgrade_warning()
        except httptools.HttpParserError:
            raise Refused(400, "Invalid HTTP request received.") from None

    # parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._url_bytes = self._header_bytes = self._header_count = self._body_bytes = 0
        if self._read_timer is None:
            self._start_read_timer()

    def on_url(self, url: bytes) -> None:
        self._url_bytes += len(url)
        if self._url_bytes > self.limits.max_url:
            raise Refused(414, f"Request target over {self.limits.max_url} bytes.")
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._header_count += 1
        self._header_bytes += len(name) + len(value)
        if self._header_count > self.limits.max_headers:
            raise Refused(431, f"More than {self.limits.max_headers} request headers.")
        if self._header_bytes > self.limits.max_header_bytes:
            raise Refused(431, f"Request headers over {self.limits.max_header_bytes} bytes.")
        if name.lower() == b"content-length" and _over(value, self.limits.max_body):
            raise Refused(413, f"Request body over {self.limits.max_body} bytes.")
        super().on_header(name, value)

    def on_body(self, body: bytes) -> None:
        self._body_bytes += len(body)
        if self._body_bytes > self.limits.max_body:
            raise Refused(413, f"Request body over {self.limits.max_body} bytes.")
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._stop_read_timer()
        super().on_message_complete()

    # timing out and refusing

    def _start_read_timer(self) -> None:
        self._stop_read_timer()
        self._read_timer = self.loop.call_later(self.limits.request_timeout, self._timed_out)

    def _stop_read_timer(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _timed_out(self) -> None:
        self._read_timer = None
        message = f"Request not received within {self.limits.request_timeout:g} s."
        self._refuse(408, message)

    def _refuse(self, status: int, message: str) -> None:
        """Answer `status` with `message` (one log line), then close the connection."""
        self._stop_read_timer()
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            self.transport.close()  # a response is under way: no second one on this connection
        else:
            self.transport.write(_plain_response(status, message))
            self.transport.close()
        client = f"{self.client[0]}:{self.client[1]}" if self.client else "?"
        log.info("%s: %d %s", client, status, message)


def _over(length: bytes, limit: int) -> bool:
    """Whether a Content-Length says more than `limit` (a malformed one is the parser's)."""
    digits = length.strip()
    return digits.isdigit() and (len(digits) > 18 or int(digits) > limit)


def _plain_response(status: int, message: str) -> bytes:
    body = message.encode()
    headers = (
        b"content-type: text/plain; charset=utf-8\r\n"
        b"content-length: " + str(len(body)).encode() + b"\r\n"
        b"connection: close\r\n\r\n"
    )
    return STATUS_LINE[status] + headers + body


def guarded_http(limits: Limits) -> type[GuardedHttp]:
    """The protocol class with `limits` (uvicorn makes one per connection from a class)."""
    return type("GuardedHttp", (GuardedHttp,), {"limits": limits})


def server_config(
    app: ASGIApp, host: str = "127.0.0.1", port: int = 8000, limits: Limits | None = None
) -> Any:
    """The uvicorn configuration `serve` uses: one worker, httptools with `limits`, uvloop
    when there."""
    import uvicorn

    limits = limits or Limits()
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        workers=1,
        log_level="warning",
        log_config=None,  # its log lines go through the handlers `tracker` set up (timestamps)
        access_log=False,
        http=guarded_http(limits),
        ws="none",
        loop="uvloop" if importlib.util.find_spec("uvloop") is not None else "asyncio",
        server_header=False,
        # Nothing reads the client's address or scheme (links come from the base URL),
        # so the proxy-header layer would only cost time on every request.
        proxy_headers=False,
        lifespan="off",
        timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.concurrency,
        h11_max_incomplete_event_size=limits.max_header_bytes,  # should h11 ever be chosen
    )


def serve(app: ASGIApp, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve `app` on host:port with uvicorn until interrupted."""
    import uvicorn

    server = uvicorn.Server(server_config(app, host, port))
    # What is loaded by now lives as long as the server: keep it out of the collector's scans.
    gc.freeze()
    server.run()
