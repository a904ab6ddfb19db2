"""the case over its lifetime: closing, employment, several places, outflow figures

Revision ID: 0010
Revises: 0013
Create Date: 2026-12-07 19:30:00

A resident's places are now its started proposals (one paid and one unpaid at once), so the
single `resident.placement_id` goes. A resident placed without a started proposal on that place
(recorded before proposals existed) gets one, dated by the timeline's placement step, so the
place stays taken and shows on the resident page.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0013"
branch_labels = None
depends_on = None

_CARRIED = "Overgenomen: de werkplek stond al op de inwoner"


def upgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_status", sa.String(8), nullable=False, server_default="open"))
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("outflow_reason", sa.String(16), nullable=True))
        batch_op.add_column(sa.Column("employed_since", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("employer", sa.String(200), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f("ix_resident_case_status"), ["case_status"], unique=False)
    with op.batch_alter_table("goal_snapshot", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outflow_year_to_date", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("switch_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_proposal_switch_of_id", "proposal", ["switch_of_id"], ["id"])
    # The fixed words go in as bound parameters, never into the SQL text.
    op.execute(
        sa.text(
            """
        INSERT INTO proposal (resident_id, placement_id, organisation_id, consultant_id, status, motivation,
                              started_on, reason, created_at, updated_at, version)
        SELECT r.id, r.placement_id, p.organisation_id, r.consultant_id, 'started', '',
               COALESCE((SELECT MAX(e.on_date) FROM resident_event e
                         WHERE e.resident_id = r.id AND e.kind = 'werkplek'
                           AND e.new_value = CAST(r.placement_id AS VARCHAR(20))), CURRENT_DATE),
               :carried, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1
        FROM resident r JOIN placement p ON p.id = r.placement_id
        WHERE r.placement_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM proposal q
            WHERE q.resident_id = r.id AND q.placement_id = r.placement_id AND q.status = 'started')
        """
        ).bindparams(carried=_CARRIED)
    )
    for status in ("proposed", "started"):
        op.execute(
            sa.text(
                """
            INSERT INTO proposal_event (proposal_id, status, on_date, role, reason, at)
            SELECT q.id, :status, q.started_on, 'system', :carried, CURRENT_TIMESTAMP
            FROM proposal q WHERE q.status = 'started' AND q.reason = :carried AND NOT EXISTS (
                SELECT 1 FROM proposal_event e WHERE e.proposal_id = q.id AND e.status = :status)
            """
            ).bindparams(status=status, carried=_CARRIED)
        )
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_index("ix_resident_placement_id")
        batch_op.drop_column("placement_id")


def downgrade() -> None:
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.add_column(sa.Column("placement_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_resident_placement_id", ["placement_id"], unique=False)
        batch_op.create_foreign_key("fk_resident_placement_id", "placement", ["placement_id"], ["id"])
    # One place fits the old column: the latest started one.
    op.execute(
        """
        UPDATE resident SET placement_id = (
            SELECT q.placement_id FROM proposal q WHERE q.resident_id = resident.id AND q.status = 'started'
            ORDER BY q.started_on DESC, q.id DESC LIMIT 1)
        """
    )
    with op.batch_alter_table("goal_snapshot", schema=None) as batch_op:
        batch_op.drop_column("outflow_year_to_date")
    with op.batch_alter_table("proposal", schema=None) as batch_op:
        batch_op.drop_constraint("fk_proposal_switch_of_id", type_="foreignkey")
        batch_op.drop_column("switch_of_id")
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_case_status"))
        batch_op.drop_column("employer")
        batch_op.drop_column("employed_since")
        batch_op.drop_column("outflow_reason")
        batch_op.drop_column("closed_on")
        batch_op.drop_column("case_status")
