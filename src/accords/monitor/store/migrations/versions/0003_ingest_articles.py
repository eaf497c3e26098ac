"""News ingestion: articles and their candidate records awaiting review.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_articles",
        sa.Column("id", sa.String(80), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_articles"),
    )
    op.create_table(
        "ingest_candidates",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("article_id", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_candidates"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["ingest_articles.id"],
            name="fk_ingest_candidates_article_id_ingest_articles",
        ),
    )
    op.create_index("ix_ingest_candidates_article_id", "ingest_candidates", ["article_id"])


def downgrade() -> None:
    op.drop_table("ingest_candidates")
    op.drop_table("ingest_articles")
