"""the store's revision, and letters by snapshot

One row counts the commits that change what the store shows (a letter, a rendition, an
adopted id, a withdrawal, a rebuild), bumped in the same transaction: the web's version
of everything it renders. `changed_at` moves forward with every bump. Letters get an
index on their snapshot path, by which a store's own snapshot is known when it is read
back (`tracker serve` reads its snapshot folder at start).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 10:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "store_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_revision")),
    )
    letters = sa.table("letters", sa.column("ingested_at", sa.DateTime(timezone=True)))
    latest = op.get_bind().scalar(sa.select(sa.func.max(letters.c.ingested_at)))
    op.bulk_insert(table, [{"id": 1, "number": 0, "changed_at": latest}])
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_letters_snapshot"), ["snapshot"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_letters_snapshot"))
    op.drop_table("store_revision")
