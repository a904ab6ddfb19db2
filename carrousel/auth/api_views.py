"""Bearer tokens for the JSON API."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request
from flask_login import current_user
from pydantic import BaseModel, Field

from ..access import allow, public
from ..api.frame import documented, json_body
from ..db import get_session
from ..models import ROLES
from . import api, mfa, service


class TokenRequest(BaseModel):
    email: str = Field(max_length=254)
    password: str
    otp: str | None = Field(default=None, max_length=20)  # the code from the app, or a recovery code


class TokenAnswer(BaseModel):
    token: str
    role: str
    expires_at: str


@api.route("/token", methods=["POST"])
@public
@documented(summary="Vraag een bearer-token aan", body=TokenRequest, answer=TokenAnswer, auth=False)
@json_body(TokenRequest)
def create_token(body: TokenRequest) -> Any:
    """Exchange e-mail and password for an expiring bearer token."""
    session = get_session()
    address = request.remote_addr or "onbekend"
    user = service.authenticate(session, email=body.email, password=body.password, address=address, api=True)
    mfa.check_api_second_factor(session, user, body.otp, address)
    token, expires_at = service.issue_api_token(session, user)
    return jsonify(token=token, role=user.role, expires_at=expires_at.isoformat()), 201


@api.route("/token", methods=["DELETE"])
@allow(*ROLES)
@documented(summary="Trek het gebruikte token in")
def revoke_token() -> Any:
    """Revoke the token this request carries."""
    service.revoke_api_token(get_session(), current_user.token)
    return "", 204
