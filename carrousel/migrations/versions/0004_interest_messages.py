"""Interest messages from the public catalogue to the organisation of a place (issue 10, item 9).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 11:31:05.221312
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # (the submodule by name, so mypy knows sqlmodel.sql)
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "interest_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("message", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("consent_text", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("sender_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("interest_message", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interest_message_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_interest_message_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interest_message_placement_id"), ["placement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interest_message_sender_key"), ["sender_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interest_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interest_message_sender_key"))
        batch_op.drop_index(batch_op.f("ix_interest_message_placement_id"))
        batch_op.drop_index(batch_op.f("ix_interest_message_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_interest_message_created_at"))

    op.drop_table("interest_message")
