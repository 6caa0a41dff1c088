"""Alembic environment: migrations run on the engine the tracker hands over."""

from __future__ import annotations

from alembic import context

from tracker.store.models import Base

config = context.config
target_metadata = Base.metadata
# APScheduler keeps its jobs in this table of the same database; it is not ours to migrate.
FOREIGN_TABLES = {"apscheduler_jobs"}


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Leave tables of other libraries alone in autogenerate and checks."""
    return not (type_ == "table" and name in FOREIGN_TABLES)


def run_migrations() -> None:
    """Run on the engine in `config.attributes`, or on `sqlalchemy.url` from alembic.ini."""
    engine = config.attributes.get("engine")
    if engine is None:
        from sqlalchemy import create_engine

        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=include_name,
        )
        context.run_migrations()


run_migrations()
