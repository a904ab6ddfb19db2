"""placement sector, last login, reset link

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 11:25:47.812824
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # (the submodule by name, so mypy knows sqlmodel.sql)
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False, server_default="")
        )
    # Existing placements start with their organisation's sector, as new ones do by default.
    op.execute(
        "UPDATE placement SET sector = COALESCE("
        "(SELECT organisation.sector FROM organisation WHERE organisation.id = placement.organisation_id), '')"
    )

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_login_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reset_token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column("reset_expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_user_account_reset_token_hash"), ["reset_token_hash"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_reset_token_hash"))
        batch_op.drop_column("reset_expires_at")
        batch_op.drop_column("reset_token_hash")
        batch_op.drop_column("last_login_at")

    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_column("sector")
