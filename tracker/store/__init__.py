"""The store: every letter, its items, threads and changes, through SQLAlchemy.

SQLite by default, PostgreSQL by URL. ORM rows never leave this package: callers get
frozen dataclasses or plain dicts, and pass a `Store` (which owns the engine) down.
"""

from __future__ import annotations

from tracker.store.database import Store, open_store

__all__ = ["Store", "open_store"]
