"""Erasure (AVG art. 17): a resident's personal data gone from every table and from the files.

A use case above the two areas it touches: it ends or withdraws the proposals, then clears
the resident.

The resident row stays, anonymous, because proposals refer to it: what they led to
(started, hired, by rank) is counted for the goals and for the matching quality. Erased
residents count in no share of the caseload (DOMAIN.md, *The carousel's goals*).

After the erasure commits, the old versions of the rows are cleaned from the database files
too: SQLite runs with `secure_delete` (freed space is overwritten with zeros) and its WAL is
checkpointed and truncated; PostgreSQL VACUUMs the touched tables so the dead row versions
are pruned. What stays in backups and in PostgreSQL's WAL archive is described in the README
(*Security*, *Erasure*).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, delete, event, select, update
from sqlmodel import Session, col

from ..auth.account import Account
from ..models import (
    AbcMeasurement,
    ConsentRecord,
    IncomeScenario,
    PlacementAgreement,
    PlacementEvaluation,
    Proposal,
    ProposalEvent,
    ResidentActivity,
    ResidentEvent,
    ResidentLink,
    ResidentShare,
    ResidentToken,
    utcnow,
)
from ..proposals.operations import close_for_erasure
from ..residents.operations import ensure_owner, get_resident, new_code
from ..residents.reminder_rows import scrub_reminders

log = logging.getLogger(__name__)

ERASED_NAME = "Gewist"

# Every column of `resident` and what erasure leaves in it. A new column must be added here:
# tests/carrousel/test_erasure.py fails for a column this table does not name.
ON_ERASURE: dict[str, Callable[[], Any] | None] = {
    # kept: the row's identity and its bookkeeping
    "id": None,  # proposals and the access log refer to it
    "version": None,  # optimistic locking; bumped by the erasure itself
    "erased_at": utcnow,  # marks the row as erased: out of every list, share and ranking
    "updated_at": utcnow,  # the matching index of every worker drops the resident on its next sync
    # cleared: every personal field, set to a value that is the same for every erased row
    "created_at": utcnow,  # the intake date would tell when this person came in
    "code": new_code,  # the old pseudonym was shown to employers: a fresh random one
    "name": lambda: ERASED_NAME,
    "contact": lambda: "",
    "birth_year": lambda: None,
    "birth_date": lambda: None,
    "postcode": lambda: "",
    "newcomer": lambda: False,
    "route": lambda: None,
    "snel_extended": lambda: False,
    "phase": lambda: "intake",  # required column: the default, not the person's phase
    "ladder_now": lambda: None,
    "ladder_target": lambda: None,
    "doelgroepregister": lambda: False,
    "beschut_advies": lambda: False,
    "wmo_dagbesteding": lambda: False,
    "ontheffing_until": lambda: None,
    "wants_to_participate": lambda: False,
    "hours_available": lambda: None,  # unknown
    "max_travel_km": lambda: 0,
    "driving_licence": lambda: False,
    "language_level": lambda: "none",
    "physical_capacity": lambda: "medium",  # required column: the default, not the person's
    "needs": list,
    "wished_occupations": list,
    "wished_sectors": list,
    "talents": lambda: "",
    "consultant_id": lambda: None,
    "employed_since": lambda: None,  # where and since when the person works
    "employer": lambda: "",
    "case_status": lambda: "open",  # the same for every erased row: erased counts in no figure
    "closed_on": lambda: None,
    "outflow_reason": lambda: None,
    "route_started_on": lambda: None,
    "route_deadline": lambda: None,
    "last_contact_on": lambda: None,
    "abc": lambda: None,
    "abc_measured_on": lambda: None,
    "email": lambda: "",
    "availability_confirmed_on": lambda: None,
    "still_looking": lambda: True,
}

# Tables whose rows of this resident change or go; cleaned in the files after the commit.
TOUCHED_TABLES = (
    "resident",
    "abc_measurement",
    "resident_event",
    "resident_share",
    "resident_activity",
    "income_scenario",
    "proposal",
    "proposal_event",
    "consent_record",
    "reminder",
    "resident_link",
    "resident_token",
    "placement_agreement",
    "placement_evaluation",
)


def erase_resident(session: Session, *, resident_id: int, actor: Account) -> None:
    """Remove all personal data of a resident of the actor's own caseload (not a shared one)."""
    resident = get_resident(session, resident_id, actor, action="wissen")
    ensure_owner(resident, actor)
    close_for_erasure(session, resident, actor)  # ends or withdraws its proposals, frees the place
    assert resident.id is not None
    # The old pseudonym was in the reminders' texts ("Inwoner AB12CD: ..."): those go with it.
    scrub_reminders(session, resident_id=resident.id, old_code=resident.code)
    for name, value in ON_ERASURE.items():
        if value is not None:
            setattr(resident, name, value())
    # The ABC history, the timeline (with its reasons) and the sharing go with the person.
    # Its sign-in links and sessions end with it (tokens first: they name their link).
    personal = (AbcMeasurement, ResidentEvent, ResidentShare, ResidentActivity, IncomeScenario)
    for model in (*personal, ResidentToken, ResidentLink):
        session.exec(delete(model).where(col(model.resident_id) == resident.id))
    # Proposals stay for the counts (status, dates, rank, outcome); their free text goes.
    proposals = select(col(Proposal.id)).where(col(Proposal.resident_id) == resident.id)
    session.exec(update(ProposalEvent).where(col(ProposalEvent.proposal_id).in_(proposals)).values(reason=""))
    session.exec(update(Proposal).where(col(Proposal.resident_id) == resident.id).values(motivation="", reason=""))
    # The consent records stay (dates, channel, scope); the snapshot of the person's fields goes.
    session.exec(update(ConsentRecord).where(col(ConsentRecord.proposal_id).in_(proposals)).values(snapshot={}))
    # The agreement's and the evaluation's words are about the person; their dates stay.
    session.exec(
        update(PlacementAgreement)
        .where(col(PlacementAgreement.proposal_id).in_(proposals))
        .values(tasks="", schedule="", supervisor="", support="")
    )
    session.exec(
        update(PlacementEvaluation)
        .where(col(PlacementEvaluation.proposal_id).in_(proposals))
        .values(skills="", text="", resident_comment="")
    )
    session.flush()
    clean_files_after_commit(session)


def clean_files_after_commit(session: Session) -> None:
    """Once this unit of work commits, scrub the old row versions from the database files."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    event.listen(session, "after_commit", lambda _session: scrub_files(engine), once=True)


def scrub_files(engine: Engine) -> None:
    """SQLite: checkpoint and truncate the WAL; PostgreSQL: VACUUM the touched tables.

    Runs after the commit, outside any transaction (VACUUM cannot run inside one). A failure
    here does not undo the erasure, which is committed: it is logged for the operator.
    """
    try:
        if engine.dialect.name == "sqlite":
            raw = engine.raw_connection()
            try:
                busy, _log_pages, _done = raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            finally:
                raw.close()
            if busy:
                log.warning("Wissen: de WAL kon niet helemaal worden opgeschoond (bezig); dat gebeurt bij de volgende.")
        elif engine.dialect.name == "postgresql":
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                for table in TOUCHED_TABLES:  # fixed names, never input
                    connection.exec_driver_sql(f'VACUUM "{table}"')
    except Exception:  # the erasure itself is committed; tell the operator, do not fail the request
        log.exception("Wissen: het opschonen van de databasebestanden is mislukt")
