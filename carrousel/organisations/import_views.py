"""Pages for bulk import (dry run first) and export of organisations and placements."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import allow
from ..db import get_session
from ..errors import ApiError
from ..validation import InvalidInput
from . import bp, bulk
from .tabular import read_table, write_table

KINDS = {"organisations": "Organisaties", "placements": "Werkplekken"}
# The file a user downloads is named in Dutch (issue 20): organisaties.csv, werkplekken.xlsx.
FILE_NAMES = {"organisations": "organisaties", "placements": "werkplekken"}
_KEEP_SECONDS = 3600


def _upload_dir() -> Path:
    path = Path(current_app.instance_path) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    for old in path.iterdir():  # uploads are kept for an hour between dry run and import
        if old.stat().st_mtime < time.time() - _KEEP_SECONDS:
            old.unlink(missing_ok=True)
    return path


@bp.route("/importeren", methods=["GET"])
@allow("adviser")
def import_form() -> Any:
    """Choose a CSV or Excel file; the first step is always a dry run."""
    return render_template(
        "organisations/import.html", kinds=KINDS, check=None, errors={}, token=None, kind="", **_choices()
    )


def _choices() -> dict[str, Any]:
    return {
        "empty_status_choices": bulk.EMPTY_STATUS_CHOICES,
        "empty_status": request.form.get("empty_status", "pending"),
    }


@bp.route("/importeren", methods=["POST"])
@allow("adviser")
def import_upload() -> Any:
    """Dry run of an uploaded file (nothing written), or the import of a checked upload."""
    kind = request.form.get("kind", "")
    if kind not in KINDS:
        return render_template(
            "organisations/import.html",
            kinds=KINDS,
            check=None,
            token=None,
            kind=kind,
            errors={"kind": "Kies wat u importeert."},
            **_choices(),
        ), 422
    token = request.form.get("token", "")
    try:
        if token:
            name, content = _stored(token)
        else:
            upload = request.files.get("file")
            if upload is None or not upload.filename:
                raise InvalidInput({"file": "Kies een bestand."})
            name, content = upload.filename, upload.read()
        max_rows = int(current_app.config["CARROUSEL"]["app"]["max_import_rows"])
        empty_status = request.form.get("empty_status", "pending")
        check = bulk.check_rows(
            get_session(), kind, read_table(name, content, max_rows=max_rows), empty_status=empty_status
        )
        mode = request.form.get("mode", "check")
        if mode == "check":
            token = _store(name, content)
            return render_template(
                "organisations/import.html", kinds=KINDS, check=check, errors={}, token=token, kind=kind, **_choices()
            )
        written = bulk.import_rows(get_session(), check, current_user, only_valid=mode == "valid")
    except InvalidInput as exc:
        return render_template(
            "organisations/import.html", kinds=KINDS, check=None, token=None, kind=kind, errors=exc.fields, **_choices()
        ), 422
    flash(f"{written} {KINDS[kind].lower()} geïmporteerd.", "success")
    return redirect(url_for("organisations.index" if kind == "organisations" else "placements.index"))


def _store(name: str, content: bytes) -> str:
    token = secrets.token_urlsafe(16)
    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    (_upload_dir() / f"{token}{suffix}").write_bytes(content)
    return token + suffix


def _stored(token: str) -> tuple[str, bytes]:
    if not token.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ApiError(400)
    path = _upload_dir() / token
    if not path.is_file():
        raise InvalidInput({"file": "Het gecontroleerde bestand is verlopen; kies het opnieuw."})
    return path.name, path.read_bytes()


@bp.route("/export/<kind>.<fmt>")
@allow("adviser", "admin")
def export(kind: str, fmt: str) -> Any:
    """The organisations or placements as CSV or Excel, in the import's columns."""
    kind = {dutch: english for english, dutch in FILE_NAMES.items()}.get(kind, kind)  # /export/organisaties.csv
    if kind not in KINDS or fmt not in ("csv", "xlsx"):
        raise ApiError(404)
    rows, columns = bulk.export_rows(get_session(), kind)
    mimetype = "text/csv" if fmt == "csv" else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        write_table(rows, columns, fmt, sheet_name=KINDS[kind]),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{FILE_NAMES[kind]}.{fmt}"'},
    )
