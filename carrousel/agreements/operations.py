"""What the three parties do with the agreement and the evaluation: one function per action."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ..audit import log_own_access
from ..auth.account import Account
from ..errors import ApiError
from ..guards import check_version, is_organisation_user
from ..models import PlacementAgreement, PlacementEvaluation, Proposal, ResidentEvent, utcnow
from ..models.agreements import AgreementBase, AgreementDraft, EvaluationFiling
from ..proposals.operations import get_proposal
from ..validation import InvalidInput

DRAFT_STATUSES = ("introduced", "started")  # from the introduction (the driegesprek) on


def agreement_of(session: Session, proposal_id: int) -> PlacementAgreement | None:
    return session.exec(select(PlacementAgreement).where(PlacementAgreement.proposal_id == proposal_id)).first()


def evaluation_of(session: Session, proposal_id: int) -> PlacementEvaluation | None:
    return session.exec(select(PlacementEvaluation).where(PlacementEvaluation.proposal_id == proposal_id)).first()


def _timeline(session: Session, proposal: Proposal, kind: str, text: str, author_id: int | None) -> None:
    session.add(
        ResidentEvent(
            resident_id=proposal.resident_id,
            kind=kind,
            new_value="",
            reason=text[:500],
            on_date=date.today(),
            author_id=author_id,
        )
    )


def draft_agreement(session: Session, *, proposal_id: int, data: AgreementDraft, actor: Account) -> PlacementAgreement:
    """The consultant writes the agreement down (or changes it: the others acknowledge again)."""
    proposal = get_proposal(session, proposal_id, actor, action="afspraken")
    if actor.role != "consultant":
        raise ApiError(403, "De afspraken legt de consulent vast.")
    if proposal.status not in DRAFT_STATUSES:
        raise ApiError(
            409, "Afspraken maakt u na de uitnodiging (kennismaking of driegesprek).", code="invalid_transition"
        )
    if data.end_on is not None and data.end_on < data.start_on:
        raise InvalidInput({"end_on": "De einddatum ligt vóór de startdatum."})
    today = date.today()
    fields = data.model_dump(include=set(AgreementBase.model_fields))
    agreement = agreement_of(session, proposal_id)
    if agreement is None:
        agreement = PlacementAgreement(proposal_id=proposal_id, **fields, consultant_acknowledged_on=today)
        session.add(agreement)
        _timeline(session, proposal, "afspraken", "Afspraken over de werkplek vastgelegd", actor.id)
    else:
        check_version(agreement, data.version)
        if any(getattr(agreement, name) != value for name, value in fields.items()):
            with session.no_autoflush:
                for name, value in fields.items():
                    setattr(agreement, name, value)
                # Any change asks everybody again: nobody is bound to what they did not read.
                agreement.consultant_acknowledged_on = today
                agreement.organisation_acknowledged_on = None
                agreement.resident_acknowledged_on = None
                agreement.updated_at = utcnow()
            _timeline(session, proposal, "afspraken", "Afspraken over de werkplek gewijzigd", actor.id)
    session.flush()
    return agreement


def _agreement_to_acknowledge(session: Session, proposal: Proposal) -> PlacementAgreement:
    agreement = agreement_of(session, proposal.id)  # type: ignore[arg-type]
    if agreement is None:
        raise ApiError(409, "Er zijn nog geen afspraken om te bevestigen.", code="no_agreement")
    if proposal.status not in DRAFT_STATUSES:
        raise ApiError(409, "Dit voorstel loopt niet meer.", code="invalid_transition")
    return agreement


def acknowledge_by_organisation(session: Session, *, proposal_id: int, actor: Account) -> PlacementAgreement:
    """The placement's own organisation acknowledges the agreement."""
    proposal = get_proposal(session, proposal_id, actor, action="afspraken")
    if not (is_organisation_user(actor) and actor.organisation_id == proposal.organisation_id):
        raise ApiError(403, "De organisatie van de werkplek bevestigt de afspraken.")
    agreement = _agreement_to_acknowledge(session, proposal)
    if agreement.organisation_acknowledged_on is None:
        agreement.organisation_acknowledged_on = date.today()
        agreement.updated_at = utcnow()
        _timeline(session, proposal, "afspraken", "De organisatie bevestigde de afspraken", actor.id)
    session.flush()
    return agreement


def _own_proposal(session: Session, resident_id: int, proposal_id: int) -> Proposal:
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.resident_id != resident_id:
        raise ApiError(404)
    return proposal


def acknowledge_by_resident(session: Session, *, resident_id: int, proposal_id: int) -> PlacementAgreement:
    """The resident, signed in on /ik, acknowledges the agreement."""
    proposal = _own_proposal(session, resident_id, proposal_id)
    agreement = _agreement_to_acknowledge(session, proposal)
    if agreement.resident_acknowledged_on is None:
        agreement.resident_acknowledged_on = date.today()
        agreement.updated_at = utcnow()
        _timeline(session, proposal, "afspraken", "De inwoner bevestigde de afspraken online", None)
        log_own_access(session, resident_id, "gewijzigd")
    session.flush()
    return agreement


def file_evaluation(
    session: Session, *, proposal_id: int, data: EvaluationFiling, actor: Account
) -> PlacementEvaluation:
    """At or after the end, the placement's organisation writes how it went."""
    proposal = get_proposal(session, proposal_id, actor, action="evaluatie")
    if not (is_organisation_user(actor) and actor.organisation_id == proposal.organisation_id):
        raise ApiError(403, "De organisatie van de werkplek schrijft de evaluatie.")
    if proposal.status != "ended":
        raise ApiError(409, "Een evaluatie volgt op het einde van de plaatsing.", code="invalid_transition")
    if evaluation_of(session, proposal_id) is not None:
        raise ApiError(409, "Voor deze plaatsing is al een evaluatie ingediend.", code="evaluation_exists")
    evaluation = PlacementEvaluation(
        proposal_id=proposal_id, **data.model_dump(), filed_on=date.today(), filed_by_id=actor.id
    )
    session.add(evaluation)
    _timeline(session, proposal, "evaluatie", "De organisatie schreef een evaluatie", actor.id)
    session.flush()
    return evaluation


def confirm_by_resident(session: Session, *, resident_id: int, proposal_id: int, comment: str) -> PlacementEvaluation:
    """The resident confirms the evaluation, with a comment of their own."""
    proposal = _own_proposal(session, resident_id, proposal_id)
    evaluation = evaluation_of(session, proposal_id)
    if evaluation is None:
        raise ApiError(409, "Er is nog geen evaluatie om te bevestigen.", code="no_evaluation")
    evaluation.resident_confirmed_on = date.today()
    evaluation.resident_comment = comment.strip()
    _timeline(session, proposal, "evaluatie", "De inwoner reageerde op de evaluatie", None)
    log_own_access(session, resident_id, "gewijzigd")
    session.flush()
    return evaluation
