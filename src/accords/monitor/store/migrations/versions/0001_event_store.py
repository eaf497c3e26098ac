"""The event store: ingest batches and events.

Revision ID: 0001
Revises:
Create Date: 2025-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_batches",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("first_line", sa.Integer()),
        sa.Column("last_line", sa.Integer()),
        sa.Column("n_inserted", sa.Integer(), nullable=False),
        sa.Column("n_unchanged", sa.Integer(), nullable=False),
        sa.Column("n_replaced", sa.Integer(), nullable=False),
        sa.Column("committed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_batches"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("date_precision", sa.String(5), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("mode", sa.String(60)),
        sa.Column("certainty", sa.String(9), nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String(6)),
        sa.Column("place", sa.String(200)),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text()),
        sa.Column("attributes", sa.Text()),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["ingest_batches.id"], name="fk_events_batch_id_ingest_batches"
        ),
    )
    op.create_index("ix_events_day", "events", ["day"])


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("ingest_batches")
