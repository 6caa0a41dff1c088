"""The values every source hands over: fetched documents, progress, and a resumable cursor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from tracker.errors import TrackerError
from tracker.records import dataclass


class FetchError(TrackerError):
    """A source could not be read (after retries); names the URL and the problem."""


@dataclass(frozen=True)
class Fetched:
    """One document as a source delivered it, ready for the store."""

    source: str  # "koop_sru", "tk_odata" or "inbox"
    official_id: str  # kst-32317-973, or the source's own id (TK: the DocumentNummer)
    url: str  # where the bytes came from
    data: bytes
    modified: str | None = None  # the record's modification time, ISO 8601
    title: str | None = None
    etag: str | None = None  # the document's validators, for a conditional GET next time
    last_modified: str | None = None


@dataclass(frozen=True)
class Checkpoint:
    """Every record up to `modified` has been handed over (or was of no interest)."""

    modified: str


@dataclass(frozen=True)
class Unreadable:
    """A letter the source lists but cannot hand over in a form the reader takes (yet)."""

    url: str
    modified: str | None
    error: str


@dataclass(frozen=True)
class Withdrawn:
    """A document the store holds that its source now reports deleted."""

    url: str
    modified: str | None = None


# What a fetcher yields, in the order the source's records come.
Item = Fetched | Checkpoint | Unreadable | Withdrawn


@dataclass(frozen=True)
class Cursor:
    """Where a source resumes: the highest modification time it has fully handed over."""

    modified: str | None = None


# What earlier fetches of a URL answered: (ETag, Last-Modified), to ask only for changes.
Validators = Callable[[str], tuple[str | None, str | None]]


def no_validators(_url: str) -> tuple[str | None, str | None]:
    """No earlier fetch known: an unconditional GET."""
    return None, None


def moment(stamp: str) -> datetime:
    """An ISO 8601 date or time as an aware datetime (a date or a naive time is UTC)."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError as exc:
        raise FetchError(f"{stamp!r} is not an ISO 8601 date or time") from exc
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def later(stamp: str | None, than: str | None) -> bool:
    """Whether `stamp` lies after `than`, compared as times (offsets and precision differ)."""
    if stamp is None:
        return False
    return than is None or moment(stamp) > moment(than)
