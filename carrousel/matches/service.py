"""Use cases: placements for a resident, candidates for a placement, as the caller may see them."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

import numpy as np
from flask import current_app
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from matching.columns import TYPE_CODE
from matching.engine import Match, Ranking
from matching.explain import Audience
from matching.freshness import is_stale
from matching.profiles import Weights
from matching.rules import RULE_BY_CODE
from matching.vocabulary import PlacementType

from ..auth.account import Account
from ..errors import ApiError
from ..guards import is_organisation_user
from ..models import Organisation, Placement, Resident, ResidentShare
from ..placements.operations import get_placement
from ..residents.operations import get_resident, log_access
from .index import current_index, out_of_ranking


class MatchQuery(BaseModel):
    """The filters of 'Passende plekken' (query string of the page and the API)."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=20, ge=1, le=200)
    type: list[PlacementType] | None = None
    kansrijk: bool = False


class CandidateQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=20, ge=1, le=200)


EXCLUSION_LABELS = {code: rule.reason for code, rule in RULE_BY_CODE.items()}
EXCLUSION_LABELS["overig"] = "Om andere redenen niet passend."


def weights() -> Weights:
    try:
        matching = current_app.config["CARROUSEL"]["matching"]
        return Weights(dict(matching["weights"]), stale_after_months=int(matching["stale_after_months"]))
    except ValueError as exc:  # a misconfigured weight is the operator's error, said plainly
        raise ApiError(500, f"Configuratie matching.weights klopt niet: {exc}") from None


def _excluded(ranking: Ranking) -> dict[str, Any]:
    return {"total": ranking.excluded_total, "by_reason": ranking.excluded_by_reason}


def _not_ranked(resident: Resident) -> dict[str, Any]:
    """A closed case, or at work in nazorg: in no ranking, and the page says why."""
    if resident.case_status == "closed":
        why = "Het dossier is gesloten: de inwoner staat in geen enkele ranglijst."
    else:
        why = "De inwoner is in dienst en in nazorg: zolang de fase nazorg is, staat de inwoner in geen ranglijst."
    return {
        "resident": resident,
        "items": [],
        "total": 0,
        "eligible": 0,
        "considered": 0,
        "excluded": {"total": 0, "by_reason": {}},
        "excluded_examples": [],
        "not_ranked": why,
    }


def _reasons(match: Match) -> list[dict[str, Any]]:
    return [asdict(reason) for reason in match.reasons]


def matches_for_resident(
    session: Session,
    *,
    resident_id: int,
    actor: Account,
    limit: int,
    types: list[PlacementType] | None = None,
    kansrijk_only: bool = False,
) -> dict[str, Any]:
    """Ranked placements for a resident of the consultant's caseload, with the exclusion summary."""
    resident = get_resident(session, resident_id, actor, action="passende plekken")
    if out_of_ranking(resident):
        return _not_ranked(resident)
    index = current_index(current_app, session)

    # Drafts are an organisation's own business: not ranked, not counted, not named as excluded.
    draft_ids = session.exec(select(col(Placement.id)).where(Placement.status == "draft")).all()
    drafts = [pid for pid in draft_ids if pid is not None]  # stored rows: every id is set

    def where(columns: dict[str, Any]) -> Any:
        mask = np.ones(len(columns["ids"]), dtype=bool)
        if drafts:
            mask &= ~np.isin(columns["ids"], drafts)
        if types:
            mask &= np.isin(columns["type"], [TYPE_CODE[t] for t in types])
        if kansrijk_only:
            mask &= columns["kansrijk"]
        return mask

    assert resident.id is not None, "a resident from the caseload is stored"
    ranking = index.rank_placements(
        resident.id,
        weights=weights(),
        today=date.today(),
        limit=limit,
        where=where if (types or kansrijk_only or drafts) else None,
    )
    ids = [m.id for m in ranking.items] + [pid for pid, _ in ranking.excluded_examples]
    rows = {
        p.id: (p, name)
        for p, name in session.exec(
            select(Placement, Organisation.name)
            .join(Organisation, col(Organisation.id) == col(Placement.organisation_id))
            .where(col(Placement.id).in_(ids))
        ).all()
    }
    items = []
    for match in ranking.items:
        placement, organisation = rows[match.id]
        items.append(
            {
                "placement_id": match.id,
                "title": placement.title,
                "organisation": organisation,
                "type": placement.type,
                "score": match.score,
                "abc_missing": match.abc_missing,
                "reasons": _reasons(match),
            }
        )
    examples = [
        {
            "placement_id": pid,
            "title": rows[pid][0].title,
            "rule": code,
            # The consultant's page: the reason with the resident's numbers ("kan 12").
            "reason": ranking.excluded_texts.get(pid, EXCLUSION_LABELS[code]),
        }
        for pid, code in ranking.excluded_examples
        if pid in rows
    ]
    return {
        "resident": resident,
        "items": items,
        "total": len(items),
        "eligible": ranking.eligible,
        "considered": ranking.considered,
        "excluded": _excluded(ranking),
        "excluded_examples": examples,
    }


def _not_confirmed_since(resident: Resident, today: date) -> str | None:
    """The last confirmation of a stale resident ("niet bevestigd sinds ..."); None while fresh."""
    months = int(current_app.config["CARROUSEL"]["matching"]["stale_after_months"])
    confirmed = resident.availability_confirmed_on
    return confirmed.isoformat() if confirmed and is_stale(confirmed, today, months) else None


def candidates_for_placement(session: Session, *, placement_id: int, actor: Account, limit: int) -> dict[str, Any]:
    """Ranked residents for a placement: names only for the consultant's own caseload."""
    placement = get_placement(session, placement_id, actor)
    if placement.status == "draft":
        raise ApiError(404)
    if is_organisation_user(actor):  # organisations never browse the pool: proposals.candidates
        raise ApiError(403)
    index = current_index(current_app, session)
    today = date.today()
    assert placement.id is not None, "a placement found by id is stored"
    ranking = index.rank_candidates(placement.id, weights=weights(), today=today, limit=limit, audience="organisation")
    own = _in_caseload(session, actor, [m.id for m in ranking.items])
    if own:  # the same ranking again, worded in full for the consultant's own residents

        def audience(resident_id: int) -> Audience:
            return "municipality" if resident_id in own else "organisation"

        ranking = index.rank_candidates(placement.id, weights=weights(), today=today, limit=limit, audience=audience)
    ids = [m.id for m in ranking.items]
    residents = {r.id: r for r in session.exec(select(Resident).where(Resident.id.in_(ids))).all()}  # type: ignore[union-attr]
    items = []
    for match in ranking.items:
        resident = residents[match.id]
        item: dict[str, Any] = {"code": resident.code, "score": match.score, "reasons": _reasons(match)}
        if match.id in own:
            item.update(resident_id=match.id, name=resident.name, abc_missing=match.abc_missing)
            item["not_confirmed_since"] = _not_confirmed_since(resident, today)
        items.append(item)
    # Every role's view of the list, by code or by name: which residents were shown, to whom.
    log_access(session, actor, None, "kandidaten", f"werkplek {placement.id}", resident_ids=ids)
    return {
        "placement": placement,
        "items": items,
        "total": len(items),
        "eligible": ranking.eligible,
        "considered": ranking.considered,
        "excluded": _excluded(ranking),
    }


def _in_caseload(session: Session, actor: Account, resident_ids: list[int]) -> set[int]:
    """Which of these residents the consultant may see by name (own or shared); none for other roles."""
    if actor.role != "consultant" or not resident_ids:
        return set()
    own = session.exec(
        select(Resident.id).where(
            Resident.id.in_(resident_ids),  # type: ignore[union-attr]
            Resident.consultant_id == actor.id,
            Resident.erased_at.is_(None),  # type: ignore[union-attr]
        )
    ).all()
    shared = session.exec(
        select(ResidentShare.resident_id).where(
            ResidentShare.consultant_id == actor.id,
            ResidentShare.resident_id.in_(resident_ids),  # type: ignore[attr-defined]
        )
    ).all()
    return {i for i in (*own, *shared) if i is not None}
