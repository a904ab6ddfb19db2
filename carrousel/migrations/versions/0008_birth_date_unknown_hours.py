"""birth date, unknown hours

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 11:30:02.332865
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch_op.alter_column("hours_available", existing_type=sa.INTEGER(), nullable=True)
    # Until now 0 was what the form stored when nobody filled the hours in: it meant "unknown"
    # to the ranking. Unknown is now NULL (no exclusion on hours), so 0 becomes NULL.
    op.execute("UPDATE resident SET hours_available = NULL WHERE hours_available = 0")


def downgrade() -> None:
    op.execute("UPDATE resident SET hours_available = 0 WHERE hours_available IS NULL")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.alter_column("hours_available", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("birth_date")
