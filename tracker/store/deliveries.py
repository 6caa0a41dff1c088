"""Deliveries of position events to notification targets: queued, claimed, recorded.

A delivery is one position event for one target, unique on (event GUID, target), so
an event is queued once per target however many processes queue it. Sending is
at most once: a delivery is claimed (status `sending`, committed) before it is sent,
by a conditional update only one process can win, and only a claimed delivery is
sent. A crash between sending and recording leaves it `sending`; it is then reported
as interrupted and never sent again by itself (`release` puts it back).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tracker.records import dataclass
from tracker.store.database import Store
from tracker.store.models import (
    ChangeRow,
    DeliveryRow,
    DocumentRow,
    ItemRow,
    LetterRow,
    NotificationTargetRow,
    PositionEventRow,
)

PENDING, SENDING, SENT, FAILED, GONE = "pending", "sending", "sent", "failed", "gone"
BATCH = 1000  # rows per INSERT: six values each, well under SQLite's 32766 parameters


@dataclass(frozen=True)
class Candidate:
    """A position event a target has no delivery of yet, and its letter's formation."""

    event_guid: str
    formation: str


@dataclass(frozen=True)
class Delivery:
    """A delivery as the sender sees it."""

    id: int
    event_guid: str
    target: str  # the target's masked URL
    status: str
    tries: int
    last_error: str | None
    next_try: datetime
    claimed_at: datetime | None = None
    sent_at: datetime | None = None


def register_targets(store: Store, keys: Sequence[str], now: datetime) -> dict[str, datetime]:
    """Remember targets not seen before (from `now`); each target's first sighting."""
    if keys:
        rows = [{"key": key, "first_seen": now} for key in dict.fromkeys(keys)]
        with store.sessions.begin() as session:
            session.execute(_insert_ignoring_duplicates(store, NotificationTargetRow, rows))
    return known_targets(store, keys)


def known_targets(store: Store, keys: Sequence[str]) -> dict[str, datetime]:
    """The first sighting of each of these targets the store knows."""
    with store.sessions() as session:
        found = session.execute(
            select(NotificationTargetRow.key, NotificationTargetRow.first_seen).where(
                NotificationTargetRow.key.in_(keys)
            )
        )
        return {key: _utc(first_seen) for key, first_seen in found}


def candidates(store: Store, target: str, since: datetime) -> list[Candidate]:
    """Position events of letters first fetched after `since` that `target` has no
    delivery of, oldest first. The first fetch of a letter's documents counts, not its
    row, which a rebuild makes anew."""
    fetched = (
        select(DocumentRow.letter_id, func.min(DocumentRow.fetched_at).label("first"))
        .where(DocumentRow.letter_id.is_not(None))
        .group_by(DocumentRow.letter_id)
        .subquery()
    )
    queued = (
        select(DeliveryRow.event_guid)
        .join(NotificationTargetRow, DeliveryRow.target_id == NotificationTargetRow.id)
        .where(NotificationTargetRow.key == target, DeliveryRow.status != GONE)
    )
    query = (
        select(PositionEventRow.guid, LetterRow.formation)
        .join(ChangeRow, PositionEventRow.change_id == ChangeRow.id)
        .join(ItemRow, ChangeRow.new_item_id == ItemRow.id)
        .join(LetterRow, ItemRow.letter_id == LetterRow.id)
        .join(fetched, fetched.c.letter_id == LetterRow.id)
        .where(fetched.c.first > since, PositionEventRow.guid.not_in(queued))
        .order_by(fetched.c.first, PositionEventRow.guid)
    )
    with store.sessions() as session:
        return [Candidate(guid, formation) for guid, formation in session.execute(query)]


def enqueue(store: Store, target: str, guids: Sequence[str], now: datetime) -> int:
    """Queue these events for `target`, due `now`; those queued before stay as they are,
    but for events that had gone and are back. How many were queued by this call."""
    unique = list(dict.fromkeys(guids))
    if not unique:
        return 0
    with store.sessions.begin() as session:
        target_id = session.execute(
            select(NotificationTargetRow.id).where(NotificationTargetRow.key == target)
        ).scalar_one()
        queued = 0
        for start in range(0, len(unique), BATCH):
            queued += _enqueue(store, session, target_id, unique[start : start + BATCH], now)
        return queued


def _enqueue(
    store: Store, session: Session, target_id: int, guids: list[str], now: datetime
) -> int:
    rows = [
        {
            "event_guid": guid,
            "target_id": target_id,
            "status": PENDING,
            "tries": 0,
            "created_at": now,
            "next_try": now,
        }
        for guid in guids
    ]
    insert = _insert_ignoring_duplicates(store, DeliveryRow, rows)
    added = len(session.execute(insert.returning(DeliveryRow.id)).all())
    # An event that went (its letters refolded) and came back is queued again.
    back = session.execute(
        update(DeliveryRow)
        .where(
            DeliveryRow.target_id == target_id,
            DeliveryRow.event_guid.in_(guids),
            DeliveryRow.status == GONE,
        )
        .values(status=PENDING, next_try=now)
        .returning(DeliveryRow.id)
    )
    return added + len(back.all())


def deliveries(
    store: Store, targets: Sequence[str], statuses: Sequence[str] | None = None
) -> list[Delivery]:
    """The deliveries to these targets (optionally of some statuses), oldest first."""
    query = (
        select(DeliveryRow, NotificationTargetRow.key)
        .join(NotificationTargetRow, DeliveryRow.target_id == NotificationTargetRow.id)
        .where(NotificationTargetRow.key.in_(targets))
        .order_by(DeliveryRow.created_at, DeliveryRow.id)
    )
    if statuses is not None:
        query = query.where(DeliveryRow.status.in_(statuses))
    with store.sessions() as session:
        return [_delivery(row, key) for row, key in session.execute(query)]


def due(store: Store, targets: Sequence[str], now: datetime) -> list[Delivery]:
    """Pending deliveries to these targets whose time has come."""
    return [d for d in deliveries(store, targets, [PENDING]) if d.next_try <= now]


def claim(store: Store, delivery_id: int, now: datetime) -> int | None:
    """Mark a pending delivery `sending`, one more try: how many tries that makes, or None
    when another process has claimed it first."""
    with store.sessions.begin() as session:
        return session.scalar(
            update(DeliveryRow)
            .where(DeliveryRow.id == delivery_id, DeliveryRow.status == PENDING)
            .values(status=SENDING, tries=DeliveryRow.tries + 1, claimed_at=now)
            .returning(DeliveryRow.tries)
        )


def record_sent(store: Store, delivery_id: int, now: datetime) -> None:
    """The target took the message."""
    _finish(store, delivery_id, status=SENT, sent_at=now, last_error=None)


def record_failure(store: Store, delivery_id: int, error: str, next_try: datetime | None) -> None:
    """The target refused or could not be reached: retry at `next_try`, or give up (None)."""
    if next_try is None:
        _finish(store, delivery_id, status=FAILED, last_error=error)
    else:
        _finish(store, delivery_id, status=PENDING, last_error=error, next_try=next_try)


def record_gone(store: Store, delivery_id: int) -> None:
    """The event is no longer in the store (its letters were refolded differently)."""
    _finish(store, delivery_id, status=GONE)


def release(store: Store, delivery_ids: Sequence[int], now: datetime) -> int:
    """Put deliveries a crash left `sending` back in the queue, due `now` (they may then
    reach their target twice: the operator's choice); how many."""
    if not delivery_ids:
        return 0
    with store.sessions.begin() as session:
        released = session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.id.in_(delivery_ids), DeliveryRow.status == SENDING)
            .values(status=PENDING, next_try=now)
            .returning(DeliveryRow.id)
        )
        return len(released.all())


def _finish(store: Store, delivery_id: int, **values: Any) -> None:
    with store.sessions.begin() as session:
        session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.id == delivery_id, DeliveryRow.status == SENDING)
            .values(**values)
        )


def _insert_ignoring_duplicates(store: Store, table: Any, rows: list[dict[str, Any]]) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, on SQLite and on PostgreSQL."""
    dialect = postgresql if store.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).values(rows).on_conflict_do_nothing()


def _delivery(row: DeliveryRow, key: str) -> Delivery:
    return Delivery(
        row.id,
        row.event_guid,
        key,
        row.status,
        row.tries,
        row.last_error,
        _utc(row.next_try),
        _utc(row.claimed_at) if row.claimed_at else None,
        _utc(row.sent_at) if row.sent_at else None,
    )


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
