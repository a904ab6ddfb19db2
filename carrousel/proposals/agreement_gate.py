"""The start gate of the placement agreement: the one rule proposals need from it.

With `agreements.required_types`, a proefplaatsing or participatieplaats starts only when
its agreement is acknowledged by consultant, organisation and resident (CONTRACT.md *Agreement*).
"""

from __future__ import annotations

from flask import current_app
from sqlmodel import Session, select

from ..errors import ApiError
from ..models import PlacementAgreement, Proposal


def ensure_agreement_complete(session: Session, proposal: Proposal, placement_type: str) -> None:
    """409 agreement_incomplete when this type needs an agreement all three acknowledged."""
    if placement_type not in current_app.config["CARROUSEL"]["agreements"]["required_types"]:
        return
    agreement = session.exec(select(PlacementAgreement).where(PlacementAgreement.proposal_id == proposal.id)).first()
    if agreement is None or not agreement.complete:
        missing = (
            "Er zijn nog geen afspraken vastgelegd."
            if agreement is None
            else ("Nog niet iedereen heeft de afspraken bevestigd.")
        )
        raise ApiError(
            409,
            f"{missing} Deze plaatsing start pas als consulent, organisatie en inwoner de afspraken bevestigden.",
            code="agreement_incomplete",
        )
