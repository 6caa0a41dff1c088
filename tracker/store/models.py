"""The tables, as SQLAlchemy 2.0 typed models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# One naming convention from the first migration on, so constraint names are the same
# on SQLite and PostgreSQL and later migrations can name what they alter.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# A letter's meeting key in SQL: the meeting's date, else the letter's own date, else "".
# Written out, no bound values, so that the query's expression is the index's.
MEETING_KEY_SQL = "coalesce(nullif(meeting, ''), nullif(date, ''), '')"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class LetterRow(Base):
    """One version of a letter: the canonical XML of what was published under an id."""

    __tablename__ = "letters"
    __table_args__ = (
        UniqueConstraint("official_id", "version"),
        Index("ix_letters_formation_order", "formation", "meeting", "date", "official_id"),
        # A fold reads a formation's letters from a meeting key on (`meeting_key`).
        Index("ix_letters_formation_meeting_key", "formation", text(MEETING_KEY_SQL)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    official_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    # The letter version's identity: `tracker.identity.text_key` (what it says, without
    # the noise renditions bring); `agenda_key` the same of its agenda alone.
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    agenda_key: Mapped[str] = mapped_column(String(64), index=True, default="")
    agenda_only: Mapped[bool] = mapped_column(Boolean, default=False)
    chain: Mapped[str] = mapped_column(String(20), default="")  # the chamber's chain
    normaliser: Mapped[str] = mapped_column(String(40))
    formation: Mapped[str] = mapped_column(String(200))
    meeting: Mapped[str | None] = mapped_column(String(10))
    date: Mapped[str | None] = mapped_column(String(10))
    place: Mapped[str | None] = mapped_column(String(200))
    addressee: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(Text)
    xml: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[str] = mapped_column(String(500), index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # When its source reported every document of it deleted: kept, shown as withdrawn.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RevisionRow(Base):
    """The store's revision: one row, bumped by every commit that changes what it shows."""

    __tablename__ = "store_revision"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    number: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DocumentRow(Base):
    """A source document as fetched: raw bytes (by hash) and where they came from."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    raw_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    official_id: Mapped[str] = mapped_column(String(200), index=True)
    format: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text, index=True)
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    size: Mapped[int] = mapped_column(Integer)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Null only while `tracker rebuild` re-derives the letters from the raw documents.
    letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("letters.id", ondelete="SET NULL"), index=True
    )


class ThreadRow(Base):
    """One agenda topic across the letters of a Council formation."""

    __tablename__ = "threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    formation: Mapped[str] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)


class ItemRow(Base):
    """An agenda item or covering section of a letter version, and its thread."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("letter_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(Text)
    stance: Mapped[str | None] = mapped_column(String(20))
    thread_id: Mapped[int | None] = mapped_column(
        ForeignKey("threads.id", ondelete="SET NULL"), index=True
    )


class ChangeRow(Base):
    """What changed between a thread's consecutive items: a diff-json item entry."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(80), unique=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    # Indexed as new_item_id is: every item deleted (a rebuild, an agenda absorbed) has
    # its referring changes looked up by both keys.
    old_item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    new_item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    published: Mapped[str | None] = mapped_column(String(10))
    diff: Mapped[str] = mapped_column(Text)


class PositionEventRow(Base):
    """A change in which a position sentence changed, with the stance before and after."""

    __tablename__ = "position_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(80), unique=True)
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    old_stance: Mapped[str] = mapped_column(String(20))
    new_stance: Mapped[str] = mapped_column(String(20))
    published: Mapped[str | None] = mapped_column(String(10))


class FeedEntryRow(Base):
    """An entry for the feeds: one per change and one per position event, stable GUID."""

    __tablename__ = "feed_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # change | position
    change_id: Mapped[int] = mapped_column(ForeignKey("changes.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    formation: Mapped[str] = mapped_column(String(200), index=True)
    published: Mapped[str | None] = mapped_column(String(10), index=True)


class SourceRow(Base):
    """A source's state between runs: its cursor and how its last runs went."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    cursor: Mapped[str | None] = mapped_column(String(40))
    last_run: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)


class FailureRow(Base):
    """A document a source could not deliver or the store could not ingest, and how often."""

    __tablename__ = "failures"
    __table_args__ = (UniqueConstraint("source", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(500))  # the document's URL or id
    tries: Mapped[int] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text)
    last_try: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class NotificationTargetRow(Base):
    """A place notifications go, known by its Apprise URL with the secrets masked."""

    __tablename__ = "notification_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)  # never the URL's secrets
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeliveryRow(Base):
    """One position event for one target: sent once, retried until sent or given up."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("event_guid", "target_id"),
        Index("ix_deliveries_due", "status", "next_try"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The position event's GUID, not its row: rows are re-derived by a rebuild, GUIDs stay.
    event_guid: Mapped[str] = mapped_column(String(80))
    target_id: Mapped[int] = mapped_column(
        ForeignKey("notification_targets.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20))  # pending | sending | sent | failed | gone
    tries: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_try: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
