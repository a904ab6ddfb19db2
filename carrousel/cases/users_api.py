"""JSON API for the admin: the accounts, and deactivation with the caseload's hand-over."""

from __future__ import annotations

from typing import Any

from flask import jsonify
from flask_login import current_user
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func
from sqlmodel import select

from ..access import allow
from ..api.frame import PageQuery, documented, json_body, listing, query_args
from ..db import get_session
from ..models import User
from . import api
from .handover import deactivate_user


class DeactivateBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    successor_id: int | None = None


def _user_json(user: User) -> dict[str, Any]:
    return {"id": user.id, "email": user.email, "role": user.role, "active": user.active}


@api.route("/users", methods=["GET"])
@allow("admin")
@documented(summary="Gebruikers", query=PageQuery, listing=True)
@query_args(PageQuery)
def users(query: PageQuery) -> Any:
    """Every account: id, email, role and whether it is active."""
    session = get_session()
    total = int(session.exec(select(func.count()).select_from(User)).one())
    rows = session.exec(select(User).order_by(User.id).offset(query.offset).limit(query.limit)).all()  # type: ignore[arg-type]
    return jsonify(listing([_user_json(u) for u in rows], total))


@api.route("/users/<int:user_id>/deactivate", methods=["POST"])
@allow("admin")
@documented(summary="Account deactiveren (een consulent draagt de caseload over)", body=DeactivateBody)
@json_body(DeactivateBody)
def deactivate(user_id: int, body: DeactivateBody) -> Any:
    """Deactivate; a consultant with residents needs `successor_id` (409 `caseload_not_empty`)."""
    user = deactivate_user(get_session(), user_id=user_id, successor_id=body.successor_id, actor=current_user)
    return jsonify(_user_json(user))
