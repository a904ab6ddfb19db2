"""What a proposal waits for, said to each party; and the consultant's recent declines.

Issue 20: after the consent the consultant's only button was *Intrekken* and after the
invitation the employer's only one was *Afwijzen*: nobody read whose move it was. One
table, read by the proposal page: (status, who reads) -> the sentence.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from ..auth.account import Account
from ..models import Proposal, ProposalEvent
from .queries import visible

RECENT_DECLINE_DAYS = 30

# (status, role group) -> what the proposal waits for; {since} and {organisation} are filled in.
WAITING: dict[tuple[str, str], str] = {
    ("proposed", "consultant"): "Wacht op u: leg de toestemming van de inwoner vast (voorgesteld op {since}).",
    ("consented", "consultant"): "Wacht op de werkgever, sinds {since}: {organisation} nodigt de inwoner uit of "
    "wijst af. U hoeft nu niets te doen.",
    ("consented", "adviser"): "Wacht op {organisation}, sinds {since}: uitnodigen of afwijzen. U kunt namens de "
    "organisatie antwoorden.",
    ("consented", "organisation"): "Wacht op u, sinds {since}: nodig de inwoner uit voor een kennismaking of "
    "driegesprek, of wijs het voorstel af.",
    ("introduced", "consultant"): "Wacht op u: leg de start vast zodra de inwoner begint (uitgenodigd op {since}).",
    ("introduced", "adviser"): "Wacht op de consulent, sinds {since}: die legt de start vast.",
    ("introduced", "organisation"): "U hebt uitgenodigd op {since}. Nu wacht het voorstel op de start: de "
    "consulent legt die vast zodra de inwoner bij u begint. U hoeft niets te doen.",
}


def waiting_text(status: str, role: str, since: str | date | None, organisation: str, date_text: str) -> str:
    """The sentence for this reader, or '' when nothing waits (started, ended, declined, withdrawn)."""
    group = "organisation" if role in ("employer", "location") else role
    template = WAITING.get((status, group), "")
    return template.format(since=date_text, organisation=organisation) if template else ""


def decline_cutoff(today: date) -> date:
    return today - timedelta(days=RECENT_DECLINE_DAYS)


def recent_declines(session: Session, account: Account, today: date | None = None) -> int:
    """Declines of the account's visible proposals in the last 30 days (the start page's count)."""
    cutoff = decline_cutoff(today or date.today())
    declined = (
        select(ProposalEvent.proposal_id)
        .where(ProposalEvent.status == "declined", ProposalEvent.on_date >= cutoff)
        .distinct()
    )
    query = (
        select(func.count())
        .select_from(Proposal)
        .where(visible(account), Proposal.status == "declined", Proposal.id.in_(declined))  # type: ignore[union-attr]
    )
    return int(session.exec(query).one())
