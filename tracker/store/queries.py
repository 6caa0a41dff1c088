"""Reading the store: letters, one letter, a thread's timeline. Plain values out."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from tracker.errors import TrackerError
from tracker.store.database import Store
from tracker.store.models import ChangeRow, DocumentRow, ItemRow, LetterRow, ThreadRow


class NotFound(TrackerError):
    """Nothing in the store answers to what was asked for."""


@dataclass(frozen=True)
class LetterInfo:
    """A stored letter version, as listed."""

    official_id: str
    version: int
    date: str | None
    formation: str
    meeting: str | None
    place: str | None
    addressee: str | None
    title: str | None
    items: int
    formats: tuple[str, ...]
    snapshot: str
    content_sha256: str

    @property
    def name(self) -> str:
        """`official id@version`: what `tracker show` and `tracker diff` accept."""
        return f"{self.official_id}@{self.version}"


@dataclass(frozen=True)
class Moment:
    """One meeting in a thread's timeline."""

    meeting: str | None
    letter: str
    ref: str
    title: str
    kind: str | None
    stance: str | None
    change: dict[str, Any] | None


@dataclass(frozen=True)
class Timeline:
    """One thread: a topic of a formation across meetings."""

    key: str
    formation: str
    title: str
    moments: tuple[Moment, ...]


def list_letters(store: Store, formation: str | None = None) -> list[LetterInfo]:
    """Every stored letter version, in formation and meeting order."""
    with store.sessions() as session:
        query = select(LetterRow)
        if formation:
            query = query.where(func.lower(LetterRow.formation) == formation.lower())
        rows = session.scalars(query).all()
        infos = [_info(session, row) for row in rows]
    return sorted(infos, key=lambda i: (i.formation, i.meeting or "", i.official_id, i.version))


def _info(session: Session, row: LetterRow) -> LetterInfo:
    items = session.scalar(select(func.count()).where(ItemRow.letter_id == row.id)) or 0
    formats = session.scalars(
        select(DocumentRow.format).where(DocumentRow.letter_id == row.id).distinct()
    ).all()
    return LetterInfo(
        row.official_id,
        row.version,
        row.date,
        row.formation,
        row.meeting,
        row.place,
        row.addressee,
        row.title,
        items,
        tuple(sorted(formats)),
        row.snapshot,
        row.content_sha256,
    )


def find_letter(store: Store, ident: str) -> tuple[LetterInfo, str]:
    """A letter version and its canonical XML, by `id`, `id@version` or content hash prefix."""
    with store.sessions() as session:
        row = _find(session, ident)
        return _info(session, row), row.xml


def _find(session: Session, ident: str) -> LetterRow:
    official, _, version = ident.partition("@")
    query = select(LetterRow).where(LetterRow.official_id == official)
    if version.isdigit():
        query = query.where(LetterRow.version == int(version))
    row = session.scalars(query.order_by(LetterRow.version.desc())).first()
    if row is None and len(ident) >= 8:
        matches = session.scalars(
            select(LetterRow).where(LetterRow.content_sha256.startswith(ident.lower()))
        ).all()
        row = matches[0] if len(matches) == 1 else None
    if row is None:
        raise NotFound(f"{ident}: no such letter in the store (see `tracker letters`)")
    return row


def history(store: Store, query: str) -> list[Timeline]:
    """The timelines of threads whose title contains `query` (or whose key starts with it)."""
    with store.sessions() as session:
        threads = session.scalars(
            select(ThreadRow)
            .where(
                or_(
                    func.lower(ThreadRow.title).contains(query.lower()),
                    ThreadRow.key.startswith(query.lower()),
                )
            )
            .order_by(ThreadRow.formation, ThreadRow.title)
        ).all()
        return [_timeline(session, thread) for thread in threads]


def _timeline(session: Session, thread: ThreadRow) -> Timeline:
    rows = session.execute(
        select(ItemRow, LetterRow)
        .join(LetterRow, ItemRow.letter_id == LetterRow.id)
        .where(ItemRow.thread_id == thread.id)
    ).all()
    changes = {
        new_item: json.loads(diff)
        for new_item, diff in session.execute(
            select(ChangeRow.new_item_id, ChangeRow.diff).where(ChangeRow.thread_id == thread.id)
        )
    }
    moments = [
        Moment(
            letter.meeting or letter.date,
            f"{letter.official_id}@{letter.version}",
            item.ref,
            item.title,
            item.kind,
            item.stance,
            changes.get(item.id),
        )
        for item, letter in rows
    ]
    moments.sort(key=lambda m: (m.meeting or "", m.letter))
    return Timeline(thread.key, thread.formation, thread.title, tuple(moments))
