"""Alembic environment: migrations run on the engine the tracker hands over."""

from __future__ import annotations

from alembic import context

from tracker.store.models import Base

config = context.config
target_metadata = Base.metadata


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
        )
        context.run_migrations()


run_migrations()
