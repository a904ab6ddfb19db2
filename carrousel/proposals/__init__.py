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

    from ..residents.operations import on_resident_change
    from .recheck import recheck_resident

    on_resident_change(app, recheck_resident)

    from .states import OUTCOME_LABELS, STATUS_LABELS

    app.jinja_env.globals.update(proposal_status_labels=STATUS_LABELS, proposal_outcome_labels=OUTCOME_LABELS)

    @app.template_global("resident_proposals")
    def _resident_proposals(resident_id: int) -> list[Any]:
        """The resident page's proposals section (residents/_proposals.html) reads them here."""
        from ..db import get_session
        from .queries import proposals_of_resident

        return proposals_of_resident(get_session(), resident_id)
