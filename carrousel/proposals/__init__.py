"""Proposals (voorstellen): the carousel workflow from match to place, nazorg and the next step."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask

bp = Blueprint("proposals", __name__)
api = Blueprint("proposals_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    from . import api_views, views  # noqa: F401  (register the routes)

    app.register_blueprint(bp)
    app.register_blueprint(api)

    from .states import OUTCOME_LABELS, STATUS_LABELS

    app.jinja_env.globals.update(proposal_status_labels=STATUS_LABELS, proposal_outcome_labels=OUTCOME_LABELS)

    @app.template_global("resident_proposals")
    def _resident_proposals(resident_id: int) -> list[Any]:
        """The resident page's proposals section (residents/_proposals.html) reads them here."""
        from ..db import get_session
        from .queries import proposals_of_resident

        return proposals_of_resident(get_session(), resident_id)

    @app.template_global("open_proposal_ids")
    def _open_proposal_ids(resident_id: int | None = None, placement_id: int | None = None) -> dict[int, int]:
        """Where a proposal already runs: the match pages say "al voorgesteld" there."""
        from ..db import get_session
        from .queries import open_proposal_ids

        return open_proposal_ids(get_session(), resident_id=resident_id, placement_id=placement_id)

    from .waiting import RECENT_DECLINE_DAYS, decline_cutoff, waiting_text

    app.jinja_env.globals.update(
        waiting_text=waiting_text, decline_cutoff=decline_cutoff, recent_decline_days=RECENT_DECLINE_DAYS
    )
