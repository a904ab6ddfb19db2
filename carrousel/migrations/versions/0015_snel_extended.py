"""snel term as a choice: standard or extended (the months come from the configured terms)

Revision ID: 0015
Revises: 0008
Create Date: 2026-12-07 19:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snel_extended", sa.Boolean(), nullable=False, server_default=sa.false()))
    # Until now the months were stored (3 "in principe", 6 when chosen): 6 was the extended term.
    op.execute("UPDATE resident SET snel_extended = TRUE WHERE snel_months = 6")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_column("snel_months")


def downgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("snel_months", sa.Integer(), nullable=True))
    op.execute("UPDATE resident SET snel_months = 6 WHERE snel_extended")
    op.execute("UPDATE resident SET snel_months = 3 WHERE route = 'snel' AND NOT snel_extended")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_column("snel_extended")
