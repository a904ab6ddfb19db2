"""consent record, pseudonym secret

Revision ID: 0009
Revises: 0012
Create Date: 2026-12-07 19:40:00

Consent becomes a record with a snapshot of what the organisation may see (CONTRACT.md *What an
organisation sees*). Proposals consented before this have no channel on record (NULL): their
scope is the five work fields the organisation saw until now, and their snapshot is those
fields as they are at the upgrade, so from now on the organisation no longer sees live data.
"""

import json
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # (the submodule by name, so mypy knows sqlmodel.sql)
from alembic import op

revision = "0009"
down_revision = "0012"
branch_labels = None
depends_on = None

SCOPE = ["hours_available", "language_level", "driving_licence", "wished_occupations", "talents"]
SHOWN = ("consented", "introduced", "started", "ended")


def upgrade() -> None:
    op.create_table(
        "consent_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=12), nullable=True),
        sa.Column("scope", sa.JSON(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposal.id"]),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_record_proposal_id"), ["proposal_id"], unique=True)
    secret = op.create_table(
        "installation_secret",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.bulk_insert(secret, [{"name": "pseudonym", "value": secrets.token_hex(32)}])
    _carry_over_consents()


def _carry_over_consents() -> None:
    connection = op.get_bind()
    # Typed columns, so dates, booleans and JSON come back as such on SQLite too.
    proposal = sa.table(
        "proposal",
        sa.column("id", sa.Integer),
        sa.column("resident_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("waiting_since", sa.Date),
        sa.column("consultant_id", sa.Integer),
    )
    resident = sa.table(
        "resident",
        sa.column("id", sa.Integer),
        sa.column("hours_available", sa.Integer),
        sa.column("language_level", sa.String),
        sa.column("driving_licence", sa.Boolean),
        sa.column("wished_occupations", sa.JSON),
        sa.column("talents", sa.String),
    )
    rows = connection.execute(
        sa.select(
            proposal.c.id,
            proposal.c.status,
            proposal.c.waiting_since,
            proposal.c.consultant_id,
            resident.c.hours_available,
            resident.c.language_level,
            resident.c.driving_licence,
            resident.c.wished_occupations,
            resident.c.talents,
        )
        .select_from(proposal.join(resident, resident.c.id == proposal.c.resident_id))
        .where(proposal.c.waiting_since.is_not(None))
    ).all()
    records = sa.table(
        "consent_record",
        sa.column("proposal_id", sa.Integer),
        sa.column("given_on", sa.Date),
        sa.column("channel", sa.String),
        sa.column("scope", sa.JSON),
        sa.column("snapshot", sa.JSON),
        sa.column("recorded_by_id", sa.Integer),
        sa.column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime()),
    )
    now = datetime.now(UTC)
    values = []
    for pid, status, waiting_since, consultant_id, hours, language, licence, occupations, talents in rows:
        if isinstance(occupations, str):
            occupations = json.loads(occupations or "[]")
        snapshot = {
            "hours_available": hours,
            "language_level": language,
            "driving_licence": bool(licence),
            "wished_occupations": list(occupations or []),
            "talents": talents or "",
        }
        values.append(
            {
                "proposal_id": pid,
                "given_on": waiting_since,
                "channel": None,
                "scope": SCOPE,
                "snapshot": snapshot if status in SHOWN else {},
                "recorded_by_id": consultant_id,
                "recorded_at": now,
            }
        )
    if values:
        op.bulk_insert(records, values)


def downgrade() -> None:
    op.drop_table("installation_secret")
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_record_proposal_id"))
    op.drop_table("consent_record")
