"""The sources' state in the store: cursors, last runs, failures and their tries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import delete, select, update

from tracker.records import dataclass
from tracker.store.database import Store
from tracker.store.models import DocumentRow, FailureRow, LetterRow, SourceRow
from tracker.store.revision import bump_revision


@dataclass(frozen=True)
class SourceState:
    """What the store remembers of one source."""

    name: str
    cursor: str | None = None
    last_run: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None


def source_state(store: Store, name: str) -> SourceState:
    """The remembered state of source `name` (empty for a source never run)."""
    with store.sessions() as session:
        row = session.scalar(select(SourceRow).where(SourceRow.name == name))
        if row is None:
            return SourceState(name)
        return SourceState(
            name, row.cursor, _utc(row.last_run), _utc(row.last_success), row.last_error
        )


def all_source_states(store: Store) -> list[SourceState]:
    """Every source that has run, by name."""
    with store.sessions() as session:
        names = session.scalars(select(SourceRow.name).order_by(SourceRow.name)).all()
    return [source_state(store, name) for name in names]


def record_run(
    store: Store, name: str, now: datetime, cursor: str | None, error: str | None
) -> None:
    """Remember a run: its cursor, and success or the error that ended it."""
    with store.sessions.begin() as session:
        row = session.scalar(select(SourceRow).where(SourceRow.name == name))
        if row is None:
            row = SourceRow(name=name)
            session.add(row)
        now = now.astimezone(UTC)
        row.last_run = now
        row.cursor = cursor
        row.last_error = error
        if error is None:
            row.last_success = now


def record_failure(store: Store, source: str, key: str, error: str, now: datetime) -> int:
    """Count one more failed try for document `key`; the number of tries so far."""
    with store.sessions.begin() as session:
        row = session.scalar(
            select(FailureRow).where(FailureRow.source == source, FailureRow.key == key)
        )
        if row is None:
            row = FailureRow(source=source, key=key, tries=0, error=error, last_try=now)
            session.add(row)
        row.tries += 1
        row.error, row.last_try = error, now
        return row.tries


def clear_failure(store: Store, source: str, key: str) -> None:
    """Forget the failures of a document that has now gone through."""
    with store.sessions.begin() as session:
        session.execute(
            delete(FailureRow).where(FailureRow.source == source, FailureRow.key == key)
        )


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def document_validators(store: Store) -> Callable[[str], tuple[str | None, str | None]]:
    """For a URL, the ETag and Last-Modified its stored document came with (or Nones)."""

    def validators(url: str) -> tuple[str | None, str | None]:
        with store.sessions() as session:
            row = session.execute(
                select(DocumentRow.etag, DocumentRow.last_modified)
                .where(DocumentRow.source_url == url)
                .order_by(DocumentRow.id.desc())
            ).first()
        return (row[0], row[1]) if row else (None, None)

    return validators


def held_urls(store: Store, prefix: str) -> frozenset[str]:
    """The source URLs under `prefix` of stored documents not withdrawn."""
    with store.sessions() as session:
        urls = session.scalars(
            select(DocumentRow.source_url).where(
                DocumentRow.source_url.startswith(prefix, autoescape=True),
                DocumentRow.withdrawn_at.is_(None),
            )
        ).all()
    return frozenset(u for u in urls if u)


def mark_withdrawn(store: Store, url: str, now: datetime) -> list[str]:
    """Mark the documents fetched from `url` withdrawn, and each letter left with no other
    document; the names (`id@version`) of the letters so marked."""
    with store.sessions.begin() as session:
        withdrawn = session.execute(
            update(DocumentRow)
            .where(DocumentRow.source_url == url, DocumentRow.withdrawn_at.is_(None))
            .values(withdrawn_at=now)
        )
        letter_ids = session.scalars(
            select(DocumentRow.letter_id).where(DocumentRow.source_url == url).distinct()
        ).all()
        marked = []
        for letter_id in letter_ids:
            live = session.scalar(
                select(DocumentRow.id).where(
                    DocumentRow.letter_id == letter_id, DocumentRow.withdrawn_at.is_(None)
                )
            )
            letter = session.get(LetterRow, letter_id) if letter_id is not None else None
            if live is None and letter is not None and letter.withdrawn_at is None:
                letter.withdrawn_at = now
                marked.append(f"{letter.official_id}@{letter.version}")
        if withdrawn.rowcount:  # type: ignore[attr-defined]
            bump_revision(session, now)
        return marked
