"""The values every source hands over: fetched documents and a resumable cursor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.errors import TrackerError


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
class Cursor:
    """Where a source resumes: the highest modification time it has fully handed over."""

    modified: str | None = None


# What earlier fetches of a URL answered: (ETag, Last-Modified), to ask only for changes.
Validators = Callable[[str], tuple[str | None, str | None]]


def no_validators(_url: str) -> tuple[str | None, str | None]:
    """No earlier fetch known: an unconditional GET."""
    return None, None
