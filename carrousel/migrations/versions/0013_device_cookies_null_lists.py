"""login failures per device cookie; lists stored as null become empty lists

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-07 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0009"
branch_labels = None
depends_on = None

# Lists an explicit JSON null could store before issue 17 refused it; the pages read them as lists.
LIST_COLUMNS = {
    "placement": ("routes", "skills", "supports"),
    "resident": ("needs", "wished_occupations", "wished_sectors"),
}


def upgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        # A failure made with a valid device cookie counts against that device only (OWASP).
        batch_op.add_column(sa.Column("device", sa.String(length=32), nullable=True))
        batch_op.create_index("ix_login_failure_device", ["device"], unique=False)
    for table, columns in LIST_COLUMNS.items():  # fixed names from the constant above, never input
        for column in columns:
            empty = f"{column} IS NULL OR CAST({column} AS TEXT) = 'null'"
            op.execute(f"UPDATE {table} SET {column} = '[]' WHERE {empty}")  # nosec B608


def downgrade() -> None:
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failure_device")
        batch_op.drop_column("device")
