"""The store's revision: a counter bumped in the same transaction as every commit that
changes what the store shows, so a reader (the web's caches) sees every such commit.

A time stamped once per run (`max(ingested_at)`) misses every commit of a run after the
first, and renditions, adopted ids and withdrawals, which add no letter, never move it.
The counter is one row, updated (`number + 1`) as the transaction's last statement: the
row lock serialises writers on PostgreSQL, SQLite serialises them anyway, and a reader
sees the new number exactly when it sees the commit.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from tracker.records import dataclass
from tracker.store.database import Store
from tracker.store.models import RevisionRow

TICK = timedelta(microseconds=1)


@dataclass(frozen=True)
class Revision:
    """How many commits changed what the store shows, and when the last one was made.

    `changed_at` moves forward with every bump (by a microsecond at least, when the
    clock given says no later), so it, too, is different for every revision."""

    number: int
    changed_at: datetime | None


def bump_revision(session: Session, now: datetime) -> Revision:
    """Count one more change in this transaction; the revision it makes.

    Two statements: the count goes up first (which locks the row on PostgreSQL until
    the commit) and hands back the time of the revision before, read under that lock."""
    found = session.connection().execute(_BUMP).first()
    number, before = (found[0], _utc(found[1])) if found is not None else (1, None)
    if found is None:  # a store whose row went missing: start it again
        session.add(RevisionRow(id=1, number=1, changed_at=None))
        session.flush()
    changed_at = now if before is None or now > before else before + TICK
    session.connection().execute(_STAMP, {"changed_at": changed_at})
    return Revision(number, changed_at)


_REVISION = cast(Table, RevisionRow.__table__)
_BUMP = (
    update(_REVISION)
    .where(_REVISION.c.id == 1)
    .values(number=_REVISION.c.number + 1)
    .returning(_REVISION.c.number, _REVISION.c.changed_at)
)
_STAMP = update(_REVISION).where(_REVISION.c.id == 1).values(changed_at=bindparam("changed_at"))


def store_revision(store: Store) -> Revision:
    """The store's current revision (0 and None for a store nothing was stored in)."""
    with store.sessions() as session:
        row = session.execute(
            select(RevisionRow.number, RevisionRow.changed_at).where(RevisionRow.id == 1)
        ).first()
    if row is None:
        return Revision(0, None)
    return Revision(row[0], _utc(row[1]))


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
