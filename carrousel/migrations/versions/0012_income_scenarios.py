"""income scenarios: the parameter table per period (seeded with its sources) and the scenarios

Revision ID: 0012
Revises: 0015
Create Date: 2026-12-07 19:30:00
"""

import json
from datetime import UTC, date, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # (the submodule by name, so mypy knows sqlmodel.sql)
from alembic import op

from carrousel.paths import SEED_DIR

revision = "0012"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    parameters = op.create_table(
        "income_parameters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("unconfirmed", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_income_parameters_period_start"), "income_parameters", ["period_start"], unique=True)
    op.create_table(
        "income_scenario",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resident_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("household", sa.String(length=16), nullable=False),
        sa.Column("net_monthly_wage", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("hours_per_week", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("gross_hourly_wage", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("answer", sa.JSON(), nullable=False),
        sa.Column("discussed", sa.JSON(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["user_account.id"]),
        sa.ForeignKeyConstraint(["resident_id"], ["resident.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_income_scenario_resident_id"), "income_scenario", ["resident_id"], unique=False)
    op.create_index(op.f("ix_income_scenario_on_date"), "income_scenario", ["on_date"], unique=False)
    # The figures are data with their sources (seed/income-parameters.json), not constants in code;
    # the admin keeps them up to date in /beheer/inkomen.
    seed = json.loads((SEED_DIR / "income-parameters.json").read_text(encoding="utf-8"))
    stamp = datetime.now(UTC)
    rows = [
        {
            "period_start": date.fromisoformat(p["period_start"]),
            "figures": p["figures"],
            "sources": p["sources"],
            "unconfirmed": p["unconfirmed"],
            "updated_at": stamp,
        }
        for p in seed["periods"]
    ]
    op.bulk_insert(parameters, rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_income_scenario_on_date"), table_name="income_scenario")
    op.drop_index(op.f("ix_income_scenario_resident_id"), table_name="income_scenario")
    op.drop_table("income_scenario")
    op.drop_index(op.f("ix_income_parameters_period_start"), table_name="income_parameters")
    op.drop_table("income_parameters")
