"""Engines, sessions and migrations: a `Store` is one database and its snapshot folder."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import TrackerError
from tracker.records import dataclass

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(TrackerError):
    """The database cannot be opened or used."""


@dataclass(frozen=True)
class Store:
    """An open database and where its letters' snapshots go."""

    engine: Engine
    sessions: sessionmaker[Session]
    snapshots: Path

    @property
    def url(self) -> str:
        """The database URL without its password."""
        return self.engine.url.render_as_string(hide_password=True)


def open_store(url: str, snapshots: Path, migrate: bool = True) -> Store:
    """Open the database at `url`; a fresh or older one is migrated to the current schema."""
    try:
        engine = make_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"{url}: cannot use this database URL ({exc})") from None
    if migrate:
        upgrade(engine)
    return Store(engine, sessionmaker(engine, expire_on_commit=False), snapshots)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite with WAL, foreign keys and a busy timeout."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url}: not a database URL ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


# The tables a fold and the identity rules read, by the statements a letter runs.
ANALYZED = (
    "letters",
    "items",
    "threads",
    "changes",
    "documents",
    "feed_entries",
    "position_events",
)


def refresh_statistics(store: Store) -> None:
    """On PostgreSQL, ANALYZE the tables ingest reads, as PostgreSQL's manual advises
    after loading much data: the planner then knows the store as it is now, and the
    plans this process's connections have cached are made anew.

    Without it, on a server whose autovacuum is off, a statement prepared while the
    store was small keeps the plan it got for small tables: ingesting 4,000 letters into
    a new store, the fold's read of its window's items went from 0.67 to 2.32 ms a call.
    (With autovacuum on, the server analyzes the tables itself; this does it once more.)
    SQLite: nothing. A failure is logged: statistics are an aid, not the letters."""
    if store.engine.dialect.name != "postgresql":
        return
    try:
        with store.engine.connect() as connection:
            connection = connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text("ANALYZE " + ", ".join(ANALYZED)))
    except SQLAlchemyError as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        log.warning("%s: statistics not refreshed: %s", store.url, reason)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(engine: Engine) -> Any:
    """The Alembic configuration of the shipped migrations, bound to `engine`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the shipped migrations up to `revision`."""
    from alembic import command

    try:
        if _at_head(engine):
            return
        log.info("migrating %s", engine.url.render_as_string(hide_password=True))
        migrating = _migration_engine(engine)
        try:
            command.upgrade(alembic_config(migrating), revision)
        finally:
            if migrating is not engine:
                migrating.dispose()
    except SQLAlchemyError as exc:
        url = engine.url.render_as_string(hide_password=True)
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise StoreError(f"{url}: cannot open the database ({reason})") from None


def _migration_engine(engine: Engine) -> Engine:
    """An engine whose transactions hold DDL: all migrations commit together or not at all.

    Python's sqlite3 commits before every CREATE or ALTER, so a migration killed halfway
    left tables without their `alembic_version` and the store could not be opened again
    ("table letters already exists"). SQLAlchemy's recipe: the driver's own transaction
    handling off, and an explicit BEGIN (IMMEDIATE, so two processes migrating at once
    take turns, and the second finds the work done). PostgreSQL's DDL is transactional.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        return engine
    migrating = create_engine(engine.url, connect_args={"timeout": 30})
    event.listen(migrating, "connect", _sqlite_transactional)
    event.listen(
        migrating, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE")
    )
    return migrating


def _sqlite_transactional(connection: Any, record: Any) -> None:
    connection.isolation_level = None
    _sqlite_pragmas(connection, record)


def _at_head(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = MigrationContext.configure(connection).get_current_heads()
    return set(current) == set(script.get_heads())
