"""Conditional GET for generated responses: strong ETags, Last-Modified, 304s, a body cache.

Starlette answers 304 only for static files, so every page, feed and API answer goes
through here: its body is hashed once into a strong ETag, kept in memory with its
ready-made headers while the store's last ingest stays the same, and served again (or
answered with 304) without rendering.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tracker.records import dataclass

Header = tuple[bytes, bytes]
PUBLIC = "public, max-age=60"
NO_CACHE = "no-cache"


@dataclass(frozen=True)
class Body:
    """A rendered response body and how long others may keep it."""

    content: bytes
    media_type: str
    cache_control: str = PUBLIC
    headers: tuple[tuple[str, str], ...] = ()  # more headers of its 200 answer (`Link`)


@dataclass(frozen=True)
class Entry:
    """A rendered body with its validators and the raw headers of its 200 and 304 answers."""

    version: datetime | None
    content: bytes
    etag: str
    modified: datetime | None
    ok_headers: tuple[Header, ...]
    not_modified_headers: tuple[Header, ...]


def make_entry(body: Body, version: datetime | None, extra: Sequence[Header]) -> Entry:
    """The entry of `body`, last modified at `version` (the store's last ingest)."""
    etag = etag_of(body.content)
    validators = [(b"etag", etag.encode()), (b"cache-control", body.cache_control.encode())]
    modified = [(b"last-modified", http_date(version).encode())] if version else []
    ok = [
        (b"content-type", body.media_type.encode()),
        (b"content-length", str(len(body.content)).encode()),
        *validators,
        *modified,
        *((name.encode(), value.encode()) for name, value in body.headers),
        *extra,
    ]
    # A 304 repeats the validators but, having an ETag, no Last-Modified (RFC 9110 15.4.5).
    return Entry(version, body.content, etag, version, tuple(ok), (*validators, *extra))


def etag_of(content: bytes) -> str:
    """A strong entity tag: a hash of the body."""
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def http_date(moment: datetime) -> str:
    """`moment` as an HTTP date: `Sat, 28 Nov 2026 12:00:00 GMT`."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def parse_http_date(text: str) -> datetime | None:
    """An HTTP date as an aware datetime, or None when it is not one."""
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def etag_matches(etag: str, header: str) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 says)."""
    if header == etag or header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def is_not_modified(entry: Entry, if_none_match: str | None, if_modified_since: str | None) -> bool:
    """Whether the client's copy is current; If-None-Match wins over If-Modified-Since."""
    if if_none_match is not None:
        return etag_matches(entry.etag, if_none_match)
    if if_modified_since is None or entry.modified is None:
        return False
    since = parse_http_date(if_modified_since)
    return since is not None and entry.modified.replace(microsecond=0) <= since


def request_validators(headers: Iterable[Header]) -> tuple[str | None, str | None]:
    """The If-None-Match and If-Modified-Since headers of raw ASGI request headers."""
    none_match = modified_since = None
    for name, value in headers:
        if name == b"if-none-match":
            none_match = value.decode("latin-1")
        elif name == b"if-modified-since":
            modified_since = value.decode("latin-1")
    return none_match, modified_since


def entry_response(entry: Entry, scope: Scope) -> Response:
    """The 200 or 304 answer to a request for `entry`."""
    if is_not_modified(entry, *request_validators(scope["headers"])):
        response = Response(status_code=304)
        response.raw_headers = list(entry.not_modified_headers)
    else:
        response = Response(entry.content)
        response.raw_headers = list(entry.ok_headers)
    return response


async def send_entry(entry: Entry, scope: Scope, send: Send) -> None:
    """Answer straight on the ASGI channel: the hot path of a cached page or feed."""
    if is_not_modified(entry, *request_validators(scope["headers"])):
        await send(
            {"type": "http.response.start", "status": 304, "headers": entry.not_modified_headers}
        )
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": entry.ok_headers})
    body = b"" if scope["method"] == "HEAD" else entry.content
    await send({"type": "http.response.body", "body": body})


class PageCache:
    """Rendered answers by their route's checked parameters (`tracker.web.params.Params`),
    each valid for one store version; bounded by their total bytes and by their number.

    The key is never the raw query string, so junk parameters or other spellings of one
    question cannot fill it; an answer over `max_entry_bytes` is served but not kept.
    """

    def __init__(
        self,
        max_bytes: int = 64 * 2**20,
        max_entries: int = 4096,
        max_entry_bytes: int | None = None,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.max_entry_bytes = max_bytes // 8 if max_entry_bytes is None else max_entry_bytes
        self.bytes = 0
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, version: datetime | None) -> Entry | None:
        """The entry for `key` if it was rendered for `version`."""
        entry = self._entries.get(key)
        return entry if entry is not None and entry.version == version else None

    def put(self, key: Hashable, entry: Entry) -> bool:
        """Keep `entry` unless it is too large; the least recently kept go when full."""
        size = entry_size(entry)
        if size > self.max_entry_bytes:
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            self.bytes -= entry_size(old) if old is not None else 0
            self._entries[key] = entry
            self.bytes += size
            while self.bytes > self.max_bytes or len(self._entries) > self.max_entries:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= entry_size(dropped)
        return True


def entry_size(entry: Entry) -> int:
    """The bytes an entry holds: its body and its ready-made headers."""
    headers = sum(len(n) + len(v) for n, v in (*entry.ok_headers, *entry.not_modified_headers))
    return len(entry.content) + headers + 256  # and the objects around them, roughly


class SecurityHeaders:
    """ASGI middleware: adds the security headers to every response that lacks them."""

    def __init__(self, app: ASGIApp, headers: Sequence[Header]) -> None:
        self.app = app
        self.headers = tuple(headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", ())}
                extra = [h for h in self.headers if h[0] not in present]
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
