"""access log: the resident ids a list showed, and an index to filter by user

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26 11:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resident_ids", sa.Text(), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_access_log_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_log_user_id"))
        batch_op.drop_column("resident_ids")
