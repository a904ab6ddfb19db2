"""What an employer or location may see of a resident in a proposal (CONTRACT.md *What an
organisation sees*): one place for the rules, read by the proposals and the candidate list.

- the proposal from `consented` on, by the organisation's own pseudonym;
- the name from `introduced` on (and after `ended`), never after `declined` or `withdrawn`;
- of the resident only the snapshot taken at consent, of the fields in its scope, and none once
  the consent is withdrawn;
- after `declined` or `withdrawn` only the code, the status and the dates;
- in the history each step's status and date, never the role or the reason, so a withdrawal by
  the re-check looks like any other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, select

from .models import ConsentRecord, Proposal, ProposalEvent

# Proposals an organisation is working with: listed as its candidates for the placement.
ACTIVE_STATUSES = ("consented", "introduced", "started")
# Stopped before a place: the organisation keeps only the code, the status and the dates.
STOPPED_STATUSES = ("declined", "withdrawn")
NAMED_STATUSES = ("introduced", "started", "ended")


def shows_name(proposal: Proposal) -> bool:
    """The name from the introduction on; not after a decline or a withdrawal."""
    return proposal.status in NAMED_STATUSES


def shows_details(proposal: Proposal) -> bool:
    """Motivation, contact and the snapshot: not after a decline or a withdrawal."""
    return proposal.status not in STOPPED_STATUSES


def snapshot_shown(proposal: Proposal, consent: ConsentRecord | None) -> dict[str, Any]:
    """The scoped fields as they were at consent; nothing without a standing consent."""
    if consent is None or consent.withdrawn_on is not None or not shows_details(proposal):
        return {}
    return {name: consent.snapshot[name] for name in consent.scope if name in consent.snapshot}


def history_shown(events: Iterable[ProposalEvent]) -> list[dict[str, Any]]:
    """Each step's status and date; no role, no reason, no nazorg notes."""
    return [{"status": e.status, "on": e.on_date.isoformat()} for e in events if e.status != "nazorg"]


def records_for(session: Session, proposal_ids: Iterable[int]) -> dict[int, ConsentRecord]:
    """The consent records of these proposals, by proposal id."""
    ids = list(proposal_ids)
    if not ids:
        return {}
    rows = session.exec(select(ConsentRecord).where(ConsentRecord.proposal_id.in_(ids))).all()  # type: ignore[attr-defined]
    return {r.proposal_id: r for r in rows}


def consent_json(record: ConsentRecord | None) -> dict[str, Any] | None:
    """The `consent` of a proposal for the consultant and the adviser."""
    if record is None:
        return None
    return {
        "given_on": record.given_on.isoformat(),
        "channel": record.channel,
        "scope": list(record.scope),
        "withdrawn_on": record.withdrawn_on.isoformat() if record.withdrawn_on else None,
    }
