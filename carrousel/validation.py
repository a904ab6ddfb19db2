"""Pydantic validation errors as one Dutch message per field, for pages and API alike."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .parsing import DB_INT_MAX, FIRST_DATE, LAST_DATE, in_date_range
from .wording import choice_message

_MESSAGES = {
    "missing": "Dit veld is verplicht.",
    "string_too_short": "Vul dit veld in.",
    "string_too_long": "Deze tekst is te lang (hoogstens {max_length} tekens).",
    "too_short": "Vul minstens {min_length} tekens in.",
    "too_long": "Deze tekst is te lang (hoogstens {max_length} tekens).",
    "string_type": "Vul tekst in.",
    "int_parsing": "Vul een heel getal in.",
    "int_type": "Vul een heel getal in.",
    "int_from_float": "Vul een heel getal in.",
    "greater_than_equal": "Dit moet minstens {ge} zijn.",
    "less_than_equal": "Dit mag hoogstens {le} zijn.",
    "greater_than": "Dit moet groter zijn dan {gt}.",
    "date_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_from_datetime_parsing": "Vul een datum in als JJJJ-MM-DD.",
    "date_type": "Vul een datum in als JJJJ-MM-DD.",
    "bool_parsing": "Kies ja of nee.",
    "bool_type": "Kies ja of nee.",
    "list_type": "Geef een lijst.",
    "float_parsing": "Vul een getal in.",
    "float_type": "Vul een getal in.",
    "less_than": "Dit moet kleiner zijn dan {lt}.",
    "string_pattern_mismatch": "Deze waarde heeft niet de juiste vorm.",
    "datetime_parsing": "Vul een datum en tijd in.",
    "datetime_from_date_parsing": "Vul een datum en tijd in.",
    "enum": "Kies een van de mogelijkheden.",
    "json_invalid": "Stuur geldige JSON.",
    "extra_forbidden": "Dit veld bestaat niet.",
    "model_type": "Stuur een JSON-object.",
    "dict_type": "Stuur een JSON-object.",
}


def field_errors(exc: ValidationError) -> dict[str, str]:
    """The first Dutch message for each bad field, keyed by the field's name."""
    fields: dict[str, str] = {}
    for error in exc.errors():
        loc = [str(part) for part in error["loc"] if not isinstance(part, int)]
        # Cross-field checks raise a custom error whose type names the field it concerns.
        name = ".".join(loc) if loc else error["type"]
        fields.setdefault(name or "body", _message(error, loc[0] if loc else ""))
    return fields


# Errors that, on an empty input, mean only that nothing was filled in.
_BLANK_TYPES = {
    "string_too_short",
    "too_short",
    "int_parsing",
    "date_from_datetime_parsing",
    "date_parsing",
    "literal_error",
}


def _message(error: Any, field: str) -> str:
    blank = isinstance(error.get("input"), str) and not error["input"].strip()
    if error["type"] in _BLANK_TYPES and blank:
        return "Vul dit veld in."
    if error["type"] == "literal_error":
        return choice_message(field, str((error.get("ctx") or {}).get("expected", "")))
    template = _MESSAGES.get(error["type"])
    if template is None:
        message = str(error["msg"])
        return message.removeprefix("Value error, ")
    context = dict(error.get("ctx") or {})
    return template.format(**context) if context else template.format_map(_Blank())


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


class InvalidInput(Exception):
    """Input that fails validation: answered 422 (API) or re-shown with messages (pages)."""

    def __init__(self, fields: dict[str, str], message: str = "Controleer de gemarkeerde velden."):
        super().__init__(message)
        self.fields = fields
        self.message = message


M = TypeVar("M", bound=BaseModel)


NOT_EMPTY = "Dit veld mag niet leeg zijn. Laat het weg als u het niet invult of niet wijzigt."


def null_errors(model: type[BaseModel], data: dict[str, Any]) -> dict[str, str]:
    """An explicit JSON null for a field that may not be empty (CONTRACT.md: 422 naming it).

    In a create or update body `None` is the default that means "not sent" (take the type's
    default, leave unchanged), so pydantic lets an explicit null through; a model lists in
    `NULLABLE` the fields where null means something (no end date, route unknown).
    """
    nullable: frozenset[str] | None = getattr(model, "NULLABLE", None)
    if nullable is None:
        return {}
    refused = set(model.model_fields) - nullable
    return {name: NOT_EMPTY for name, value in data.items() if value is None and name in refused}


def validate(model: type[M], data: Any, *, refuse_null: bool = False) -> M:
    """Validate data against model or raise InvalidInput with a message per field.

    With refuse_null (JSON bodies) an explicit null for a field outside the model's
    `NULLABLE` is refused in the same round.

    A model with a `cross_field_errors(data)` classmethod has its checks that span fields
    (minimum above maximum, end before start) reported in the same round as the field
    errors, instead of only after every field is right.
    """
    if not isinstance(data, dict):
        raise InvalidInput({"body": "Stuur een JSON-object."})
    unstorable = {name: UNSTORABLE_TEXT for name, value in data.items() if _has_unstorable_text(value)}
    if unstorable:
        raise InvalidInput(unstorable)
    nulls = null_errors(model, data) if refuse_null else {}
    try:
        record = model.model_validate(data)
    except ValidationError as exc:
        fields = {**nulls, **field_errors(exc)}
        cross = getattr(model, "cross_field_errors", None)
        if cross is not None:
            for name, message in cross(data).items():
                fields.setdefault(name, message)
        raise InvalidInput(fields) from None
    if nulls:
        raise InvalidInput(nulls)
    out_of_range = {name: message for name, value in record if (message := _out_of_range(value))}
    if out_of_range:
        raise InvalidInput(out_of_range)
    return record


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_TEXT = "Deze tekst bevat een teken dat niet kan worden opgeslagen."
TOO_LARGE = "Dit getal is te groot."
DATE_RANGE = f"Vul een datum tussen {FIRST_DATE.year} en {LAST_DATE.year} in."


def has_unstorable(text: str) -> bool:
    """A NUL (PostgreSQL refuses it in text) or a lone surrogate (no encoding can write it)."""
    return _UNSTORABLE.search(text) is not None


def _has_unstorable_text(value: Any) -> bool:
    if isinstance(value, str):
        return has_unstorable(value)
    if isinstance(value, dict):
        return any(_has_unstorable_text(k) or _has_unstorable_text(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_unstorable_text(v) for v in value)
    return False


def _out_of_range(value: Any) -> str | None:
    """A number the database integer cannot hold, or a date so far off that date arithmetic overflows."""
    if isinstance(value, list):
        return next((m for v in value if (m := _out_of_range(v))), None)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > DB_INT_MAX:
        return TOO_LARGE
    if isinstance(value, date) and not in_date_range(value):
        return DATE_RANGE
    return None
