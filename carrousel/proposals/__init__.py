"""Proposals (voorstellen): the carousel workflow from match to place, nazorg and the next step."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..db import get_session
from ..models import Proposal
from ..residents.operations import on_resident_change
from ..wording import PROPOSAL_OUTCOME_LABELS, PROPOSAL_STATUS_LABELS
from .queries import open_proposal_ids, proposals_of_resident
from .recheck import recheck_resident
from .waiting import RECENT_DECLINE_DAYS, decline_cutoff, waiting_text

bp = Blueprint("proposals", __name__)
api = Blueprint("proposals_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.jinja_env.globals.update(
        proposal_status_labels=PROPOSAL_STATUS_LABELS, proposal_outcome_labels=PROPOSAL_OUTCOME_LABELS
    )
    app.add_template_global(_resident_proposals, "resident_proposals")
    app.add_template_global(_open_proposal_ids, "open_proposal_ids")
    app.jinja_env.globals.update(
        waiting_text=waiting_text, decline_cutoff=decline_cutoff, recent_decline_days=RECENT_DECLINE_DAYS
    )

    on_resident_change(app, recheck_resident)  # rules follow the resident: open proposals are re-checked


def _resident_proposals(resident_id: int) -> list[tuple[Proposal, str, str]]:
    """The resident page's proposals section (residents/_proposals.html) reads them here."""
    return proposals_of_resident(get_session(), resident_id)


def _open_proposal_ids(resident_id: int | None = None, placement_id: int | None = None) -> dict[int, int]:
    """Where a proposal already runs: the match pages say "al voorgesteld" there."""
    return open_proposal_ids(get_session(), resident_id=resident_id, placement_id=placement_id)


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
