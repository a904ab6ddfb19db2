"""the resident takes part: e-mail, freshness, sign-in links, agreement and evaluation

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 19:30:00
"""

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # (the submodule by name, so mypy knows sqlmodel.sql)
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=254), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("availability_confirmed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("still_looking", sa.Boolean(), nullable=False, server_default=sa.true()))
    # Existing residents: confirmed at their last contact, else on the day they were recorded.
    # SQLite's CAST(... AS DATE) gives the year only: its date() takes the day of a timestamp.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("UPDATE resident SET availability_confirmed_on = COALESCE(last_contact_on, date(created_at))")
    else:
        op.execute(
            "UPDATE resident SET availability_confirmed_on = COALESCE(last_contact_on, CAST(created_at AS DATE))"
        )
    op.create_table(
        "resident_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("ended_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"]),
        sa.ForeignKeyConstraint(["resident_id"], ["resident.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_resident_link_resident_id", "resident_link", ["resident_id"])
    op.create_index("ix_resident_link_token_hash", "resident_link", ["token_hash"], unique=True)
    op.create_table(
        "resident_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("revoked_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["link_id"], ["resident_link.id"]),
        sa.ForeignKeyConstraint(["resident_id"], ["resident.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_resident_token_resident_id", "resident_token", ["resident_id"])
    op.create_index("ix_resident_token_link_id", "resident_token", ["link_id"])
    op.create_index("ix_resident_token_token_hash", "resident_token", ["token_hash"], unique=True)
    op.create_table(
        "placement_agreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("tasks", sa.Text(), nullable=False),
        sa.Column("hours_per_week", sa.Integer(), nullable=False),
        sa.Column("schedule", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("supervisor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("support", sa.Text(), nullable=False),
        sa.Column("consultant_acknowledged_on", sa.Date(), nullable=True),
        sa.Column("organisation_acknowledged_on", sa.Date(), nullable=True),
        sa.Column("resident_acknowledged_on", sa.Date(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_placement_agreement_proposal_id", "placement_agreement", ["proposal_id"], unique=True)
    op.create_table(
        "placement_evaluation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.String(length=8), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("recommendation", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_by_id", sa.Integer(), nullable=True),
        sa.Column("resident_confirmed_on", sa.Date(), nullable=True),
        sa.Column("resident_comment", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["filed_by_id"], ["user_account.id"]),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_placement_evaluation_proposal_id", "placement_evaluation", ["proposal_id"], unique=True)


def downgrade() -> None:
    op.drop_table("placement_evaluation")
    op.drop_table("placement_agreement")
    op.drop_table("resident_token")
    op.drop_table("resident_link")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_column("still_looking")
        batch_op.drop_column("availability_confirmed_on")
        batch_op.drop_column("email")
