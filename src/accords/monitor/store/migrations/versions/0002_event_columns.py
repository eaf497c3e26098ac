"""Column snapshot: the stored events pre-encoded as columns, for fast loading.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_columns",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_event_columns"),
    )


def downgrade() -> None:
    op.drop_table("event_columns")
