"""letters by formation and meeting key

A fold reads a formation's letters from a meeting on: `coalesce(nullif(meeting, ''),
nullif(date, ''), '')` (`tracker.store.models.MEETING_KEY_SQL`) compared with a key. With
the index on the plain columns only the formation could be searched, so every fold read
every letter of its formation, more as the store grew (issue 17: ingest's time per
letter grew 9 % from the first to the fourth thousand letters). An index on the
expression lets the read start at the meeting.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 16:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

MEETING_KEY_SQL = "coalesce(nullif(meeting, ''), nullif(date, ''), '')"  # as models has it


def upgrade() -> None:
    op.create_index(
        "ix_letters_formation_meeting_key",
        "letters",
        ["formation", sa.text(MEETING_KEY_SQL)],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_letters_formation_meeting_key", table_name="letters")
