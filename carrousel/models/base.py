"""Helpers shared by the tables: timestamps, optimistic locking, validated field types."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON, TypeDecorator
from sqlalchemy.orm import declared_attr

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (the columns refuse naive datetimes)."""
    return datetime.now(UTC)


def normalise_postcode(value: str) -> str:
    """'1234 ab' -> '1234AB', '1234' stays; anything else is refused in Dutch."""
    match = _POSTCODE.match(value or "")
    if not match:
        raise PydanticCustomError("postcode", "Vul een Nederlandse postcode in, zoals 6701 AB of 6701.")
    digits, letters = match.groups()
    return digits + (letters or "").upper()


def normalise_email(value: str) -> str:
    value = (value or "").strip().lower()
    if not _EMAIL.match(value) or len(value) > 254:
        raise PydanticCustomError("email", "Vul een geldig e-mailadres in.")
    return value


def _clean_text(value: str) -> str:
    return value.strip()


Postcode = Annotated[str, AfterValidator(normalise_postcode)]
Email = Annotated[str, AfterValidator(normalise_email)]
CleanText = Annotated[str, AfterValidator(_clean_text)]


class Versioned:
    """Optimistic locking: an UPDATE that meets a newer version fails instead of overwriting."""

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


def nullable_columns(table: type[BaseModel], *also: str) -> frozenset[str]:
    """The fields of a stored record that may hold no value (their annotation allows None), and `also`.

    A create or update body names these as its `NULLABLE`: an explicit null for any other
    field is refused with 422 (validation.null_errors) instead of reaching the database.
    """
    return frozenset(
        name for name, info in table.model_fields.items() if type(None) in getattr(info.annotation, "__args__", ())
    ) | frozenset(also)


class JsonList(TypeDecorator[list[Any]]):
    """A JSON list column that reads a stored null as the empty list.

    The API refuses an explicit null for a list (422), and migration 0013 repaired the rows
    stored before; this keeps a page from failing on one that slips in some other way.
    """

    impl = JSON
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Any) -> list[Any]:
        return value if isinstance(value, list) else []
