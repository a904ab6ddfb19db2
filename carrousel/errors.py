"""Every error answers the same way: JSON under /api/, a Dutch page elsewhere."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from .validation import InvalidInput

_CODES = {
    400: ("bad_request", "Het verzoek is ongeldig."),
    401: ("unauthorized", "Log eerst in."),
    403: ("forbidden", "U hebt hier geen toegang toe."),
    404: ("not_found", "Deze pagina of dit gegeven bestaat niet (meer)."),
    405: ("method_not_allowed", "Deze handeling kan hier niet."),
    409: ("conflict", "Iemand anders heeft dit intussen gewijzigd. Laad opnieuw en probeer het nog eens."),
    413: ("too_large", "Het verzoek of bestand is te groot."),
    422: ("invalid", "Controleer de gemarkeerde velden."),
    429: ("too_many_requests", "Te veel pogingen. Probeer het over een kwartier opnieuw."),
    500: ("server_error", "Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    503: ("not_ready", "De dienst start nog. Probeer het over enkele seconden opnieuw."),
}


class ApiError(Exception):
    """An error with a status, a stable code and a Dutch message."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        fields: dict[str, str] | None = None,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message or _CODES.get(status, ("error", ""))[1])
        self.status = status
        self.message = message or _CODES.get(status, ("error", "Fout."))[1]
        self.fields = fields or {}
        self.code = code  # a more precise code than the status's, e.g. otp_required
        self.headers = headers or {}  # e.g. Retry-After on a 429


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(
    status: int, message: str | None = None, fields: dict[str, str] | None = None, code: str | None = None
) -> Any:
    default_code, default = _CODES.get(status, ("error", "Er ging iets mis."))
    code = code or default_code
    message = message or default
    if wants_json():
        body = {"error": {"code": code, "message": message, "fields": fields or {}}}
        return jsonify(body), status
    return render_template("error.html", status=status, message=message, fields=fields or {}), status


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Any:
        body, status = error_response(exc.status, exc.message, exc.fields, exc.code)
        return body, status, exc.headers

    @app.errorhandler(InvalidInput)
    def _invalid(exc: InvalidInput) -> Any:
        return error_response(422, exc.message, exc.fields)

    @app.errorhandler(IntegrityError)
    def _integrity(_exc: IntegrityError) -> Any:
        # Two requests raced to create the same unique thing (an e-mail, a code).
        return error_response(409, "Dit bestaat al of is intussen gewijzigd. Laad opnieuw en probeer het nog eens.")

    @app.errorhandler(StaleDataError)
    def _stale(_exc: StaleDataError) -> Any:
        return error_response(409)

    @app.errorhandler(CSRFError)
    def _csrf(_exc: CSRFError) -> Any:
        return error_response(400, "Het formulier is verlopen of ongeldig. Laad de pagina opnieuw.")

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        response = error_response(exc.code or 500)
        if exc.code == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            body, status = response
            return body, status, {"Allow": ", ".join(exc.valid_methods)}  # type: ignore[attr-defined]
        return response

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        app.logger.exception("Onverwachte fout: %s", exc)
        return error_response(500)
