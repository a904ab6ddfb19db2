"""What the resident reads about themselves: own data in words, own proposals, the inzage.

The inzage (AVG art. 15) is one readable document; the consultant's AVG export shows the
same document beside its JSON (residents/…/inzage).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from sqlmodel import Session, col, select

from matching.freshness import is_stale

from ..audit import SELF
from ..models import (
    AbcMeasurement,
    AccessLog,
    ConsentRecord,
    Organisation,
    Placement,
    PlacementAgreement,
    PlacementEvaluation,
    Proposal,
    Resident,
    ResidentEvent,
    User,
)
from . import words as w


def stale_since(resident: Resident, today: date | None = None) -> date | None:
    """The confirmation date when it is older than matching.stale_after_months; None while fresh."""
    months = int(current_app.config["CARROUSEL"]["matching"]["stale_after_months"])
    confirmed = resident.availability_confirmed_on
    return confirmed if is_stale(confirmed, today or date.today(), months) else None


def me(resident: Resident) -> dict[str, Any]:
    """GET /resident/me: own data in plain words, and when it was last confirmed."""
    return {
        "name": resident.name,
        "hours_available": resident.hours_available,
        "wished_occupations": list(resident.wished_occupations),
        "still_looking": resident.still_looking,
        "availability_confirmed_on": resident.availability_confirmed_on.isoformat()
        if resident.availability_confirmed_on
        else None,
        "needs_confirmation": stale_since(resident) is not None,
        "about": [{"label": label, "value": value} for label, value in _about(resident)],
    }


def _about(r: Resident) -> list[tuple[str, str]]:
    hours = "Niet bekend" if r.hours_available is None else f"{r.hours_available} uur per week"
    rows = [
        ("Naam", r.name),
        ("Telefoon of e-mail", r.contact or r.email or "Niet bekend"),
        ("E-mailadres", r.email or "Niet bekend"),
        ("Geboortedatum" if r.birth_date else "Geboortejaar", w.long_date(r.birth_date) or str(r.birth_year or "")),
        ("Postcode", r.postcode),
        ("Uw weg naar werk", w.ROUTE_WORDS.get(r.route or "", "Nog niet gekozen.")),
        ("Waar u nu staat", w.PHASE_WORDS.get(r.phase, "")),
        ("Hoeveel steun u nodig heeft", w.ABC_WORDS.get(r.abc or "", "Nog niet bekeken.")),
        ("Uren per week", hours),
        ("Werk dat u zoekt", ", ".join(r.wished_occupations) or "Nog niets ingevuld"),
        ("Sectoren die u leuk vindt", ", ".join(r.wished_sectors) or "Nog niets ingevuld"),
        ("Wat u goed kunt en leuk vindt", r.talents or "Nog niets ingevuld"),
        ("Nederlands", w.LANGUAGE_WORDS.get(r.language_level, "")),
        ("Rijbewijs", w.yes_no(r.driving_licence)),
        ("Hoe zwaar werk mag zijn", w.PHYSICAL_WORDS.get(r.physical_capacity, "")),
        ("Hoe ver u wilt reizen", f"{r.max_travel_km} kilometer"),
        (
            "Hulp die u nodig heeft",
            w.words_list([w.SUPPORT_WORDS[n] for n in r.needs if n in w.SUPPORT_WORDS]) or "Geen",
        ),
        ("U zoekt nog werk of een plek", w.yes_no(r.still_looking)),
        ("Laatst bevestigd door u", w.long_date(r.availability_confirmed_on) or "Nog niet"),
        ("Laatste contact met uw consulent", w.long_date(r.last_contact_on) or "Nog niet"),
    ]
    if r.ontheffing_until:
        rows.append(("U hoeft tijdelijk niet te werken, tot en met", w.long_date(r.ontheffing_until)))
    return rows


def own_proposals(session: Session, resident_id: int) -> list[dict[str, Any]]:
    """GET /resident/proposals: placement, organisation, where it stands and what happens next."""
    rows = session.exec(
        select(Proposal, Placement, Organisation.name)
        .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        .join(Organisation, Organisation.id == Proposal.organisation_id)  # type: ignore[arg-type]
        .where(Proposal.resident_id == resident_id)
        .order_by(Proposal.created_at.desc(), Proposal.id.desc())  # type: ignore[attr-defined, union-attr]
    ).all()
    ids = [p.id for p, _, _ in rows]
    agreements = {
        a.proposal_id: a
        for a in session.exec(select(PlacementAgreement).where(PlacementAgreement.proposal_id.in_(ids))).all()  # type: ignore[attr-defined]
    }
    consents = {
        c.proposal_id: c
        for c in session.exec(select(ConsentRecord).where(col(ConsentRecord.proposal_id).in_(ids))).all()
    }
    evaluations = {
        e.proposal_id: e
        for e in session.exec(select(PlacementEvaluation).where(PlacementEvaluation.proposal_id.in_(ids))).all()  # type: ignore[attr-defined]
    }
    items = []
    for proposal, placement, organisation in rows:
        now, next_step = w.STATUS_WORDS[proposal.status]
        assert proposal.id is not None
        agreement, evaluation = agreements.get(proposal.id), evaluations.get(proposal.id)
        record = consents.get(proposal.id)
        running = proposal.status in ("started", "ended")
        if agreement is not None and agreement.resident_acknowledged_on is None and proposal.status == "introduced":
            next_step = "Lees de afspraken over uw werkplek. Kloppen ze? Zeg dat dan hieronder."
        if evaluation is not None and evaluation.resident_confirmed_on is None:
            next_step = "De organisatie schreef op hoe het ging. Lees het en geef uw reactie."
        items.append(
            {
                "id": proposal.id,
                "placement_title": placement.title,
                "placement_kind": w.PLACEMENT_TYPE_WORDS.get(placement.type, ""),
                "organisation": organisation,
                "status": proposal.status,
                "now": now,
                "next_step": next_step,
                "may_consent": proposal.status == "proposed",
                "may_withdraw": proposal.status in ("consented", "introduced")
                or (running and record is not None and record.withdrawn_on is None),
                "withdraw_sentence": w.WITHDRAW_RUNNING if running else w.WITHDRAW_BEFORE_START,
                "consent_sentence": w.what_organisation_sees(list(w.SCOPE_FIELDS), organisation),
                "consent": consent_words(record, organisation) if record else None,
                "agreement": agreement_words(agreement) if agreement else None,
                "evaluation": evaluation_words(evaluation) if evaluation else None,
            }
        )
    return items


def consent_words(record: ConsentRecord, organisation: str) -> dict[str, Any]:
    """What the resident agreed to: when, and what the organisation sees (or no longer sees)."""
    if record.withdrawn_on is not None:
        when = w.long_date(record.withdrawn_on)
        text = f"U trok uw toestemming in op {when}. {organisation} ziet uw gegevens niet meer."
    else:
        shown = w.words_list([w.SCOPE_WORDS[name] for name in w.SCOPE_FIELDS if name in record.scope])
        text = f"U gaf toestemming op {w.long_date(record.given_on)}. {organisation} ziet: {shown or 'alleen uw code'}."
    return {
        "given_on": record.given_on.isoformat(),
        "channel": record.channel,
        "scope": list(record.scope),
        "withdrawn_on": record.withdrawn_on.isoformat() if record.withdrawn_on else None,
        "text": text,
    }


def agreement_words(a: PlacementAgreement) -> dict[str, Any]:
    return {
        "tasks": a.tasks,
        "hours_per_week": a.hours_per_week,
        "schedule": a.schedule,
        "supervisor": a.supervisor,
        "start_on": a.start_on.isoformat(),
        "end_on": a.end_on.isoformat() if a.end_on else None,
        "support": a.support,
        "start_words": w.long_date(a.start_on),
        "end_words": w.long_date(a.end_on) or "Nog niet bekend",
        "acknowledged_by_you": w.long_date(a.resident_acknowledged_on),
        "acknowledged_by_organisation": w.long_date(a.organisation_acknowledged_on),
        "acknowledged_by_consultant": w.long_date(a.consultant_acknowledged_on),
    }


def evaluation_words(e: PlacementEvaluation) -> dict[str, Any]:
    return {
        "attendance": w.ATTENDANCE_WORDS[e.attendance],
        "skills": e.skills,
        "recommendation": w.RECOMMENDATION_WORDS[e.recommendation],
        "text": e.text,
        "filed_on": w.long_date(e.filed_on),
        "confirmed_on": w.long_date(e.resident_confirmed_on),
        "comment": e.resident_comment,
    }


TIMELINE_WORDS = {
    "aangemaakt": "U bent ingeschreven bij de Werkcarrousel.",
    "route": "Uw weg naar werk is veranderd.",
    "fase": "U staat nu in een andere fase.",
    "trede": "Uw consulent keek opnieuw hoe u meedoet.",
    "werkplek": "Uw werkplek is veranderd.",
    "contact": "U had contact met uw consulent.",
    "abc": "Uw consulent keek hoeveel steun u nodig heeft.",
    "consulent": "U heeft een andere consulent.",
    "gedeeld": "Een tweede consulent helpt mee.",
    "voorstel": "Er is iets veranderd aan een voorstel.",
    "nazorg": "Uw consulent vroeg hoe het gaat op uw werk.",
    "bevestigd": "U heeft uw uren en wensen bevestigd.",
    "afspraken": "Er zijn afspraken over uw werkplek gemaakt of veranderd.",
    "evaluatie": "Er is een evaluatie geschreven.",
}


def inzage(session: Session, resident: Resident) -> dict[str, Any]:
    """Everything kept about the resident, in words (AVG art. 15): also the consultant's export."""
    events = session.exec(
        select(ResidentEvent)
        .where(ResidentEvent.resident_id == resident.id)
        .order_by(ResidentEvent.on_date, ResidentEvent.id)  # type: ignore[arg-type]
    ).all()
    measurements = session.exec(
        select(AbcMeasurement).where(AbcMeasurement.resident_id == resident.id).order_by(AbcMeasurement.measured_on)  # type: ignore[arg-type]
    ).all()
    log = session.exec(
        select(AccessLog, User.name, User.email, User.role)
        .join(User, User.id == AccessLog.user_id, isouter=True)  # type: ignore[arg-type]
        .where(AccessLog.resident_id == resident.id)
        .order_by(AccessLog.at.desc())  # type: ignore[attr-defined]
        .limit(500)
    ).all()
    return {
        "made_on": w.long_date(date.today()),
        "about": [{"label": label, "value": value} for label, value in _about(resident)],
        "timeline": [
            {"on": w.long_date(e.on_date), "text": TIMELINE_WORDS.get(e.kind, "Er is iets veranderd in uw dossier.")}
            for e in events
        ],
        "support_checks": [
            {"on": w.long_date(m.measured_on), "text": w.ABC_WORDS.get(m.level, "")} for m in measurements
        ],
        "proposals": own_proposals(session, resident.id),  # type: ignore[arg-type]
        "seen_by": [
            {
                "at": f"{w.long_date(row.at.date())} {row.at:%H:%M}",
                "who": "U zelf" if row.detail == SELF else (name or email or "De Werkcarrousel"),
                "what": row.action,
            }
            for row, name, email, _role in log
        ],
    }
