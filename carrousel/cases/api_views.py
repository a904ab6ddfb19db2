"""JSON API: close and reopen a case (CONTRACT.md *The case over time*)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict

from ..access import allow
from ..api.frame import documented, json_body
from ..db import get_session
from ..models.residents import OutflowReason
from ..residents.operations import current_terms
from ..residents.queries import resident_json
from ..terms import terms_from
from . import api, operations


class CloseBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: date | None = None
    reason: OutflowReason


class ReopenBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    on: date | None = None


@api.route("/residents/<int:resident_id>/close", methods=["POST"])
@allow("consultant")
@documented(summary="Dossier sluiten met een reden van uitstroom", body=CloseBody)
@json_body(CloseBody)
def close(resident_id: int, body: CloseBody) -> Any:
    """Close the case; 409 while a placement runs."""
    session = get_session()
    resident = operations.close_case(
        session,
        resident_id=resident_id,
        on=body.on,
        reason=body.reason,
        actor=current_user,
        terms=terms_from(current_app.config["CARROUSEL"]),
    )
    return jsonify(resident_json(resident, current_terms(session), session))


@api.route("/residents/<int:resident_id>/reopen", methods=["POST"])
@allow("consultant")
@documented(summary="Dossier heropenen", body=ReopenBody)
@json_body(ReopenBody)
def reopen(resident_id: int, body: ReopenBody) -> Any:
    """Reopen a closed case."""
    session = get_session()
    resident = operations.reopen_case(session, resident_id=resident_id, on=body.on, actor=current_user)
    return jsonify(resident_json(resident, current_terms(session), session))
