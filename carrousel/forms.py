"""HTML form data to the plain dict the pydantic models validate."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from werkzeug.datastructures import MultiDict

from .errors import ApiError
from .validation import InvalidInput


def form_to_dict(
    form: MultiDict[str, str],
    *,
    lists: Iterable[str] = (),
    text_lists: Iterable[str] = (),
    keep_blank: Iterable[str] = (),
) -> dict[str, Any]:
    """Blank optional fields are left out so defaults apply; checkboxes become lists.

    `lists` are checkbox groups; `text_lists` are comma-separated text fields.
    """
    lists, text_lists, keep_blank = set(lists), set(text_lists), set(keep_blank)
    data: dict[str, Any] = {}
    for key in form:
        if key == "csrf_token":
            continue
        if key in lists:
            data[key] = [v for v in form.getlist(key) if v]
        elif key in text_lists:
            data[key] = [part.strip() for part in form.get(key, "").split(",") if part.strip()]
        else:
            value = form.getlist(key)[-1].strip()  # a checked box comes after its hidden "0"
            if value or key in keep_blank:
                data[key] = value
    for key in lists:
        data.setdefault(key, [])
    return data


def refused_edit(exc: InvalidInput | ApiError) -> tuple[dict[str, str], int]:
    """Messages and status for re-showing an edit form with what the user typed.

    422 names each bad field; 409 means someone saved a newer version first. Any other
    error is not the form's to show.
    """
    if isinstance(exc, InvalidInput):
        return exc.fields, 422
    if exc.status != 409:
        raise exc
    # A 409 that names fields (e.g. active_proposals) marks each of them too.
    return {"version": exc.message, **exc.fields}, 409
