"""Dutch column names and values for import and export; the old English ones still read.

The export writes what an adviser reads in Excel (`soort`, `werkgever`, `goedgekeurd`);
the import accepts both that and the field names and codes of the first version, so files
made before keep working.
"""

from __future__ import annotations

from typing import Any

# field name -> Dutch column name, in the order of the export
ORGANISATION_NAMES = {
    "id": "id",
    "kind": "soort",
    "name": "naam",
    "postcode": "postcode",
    "sector": "sector",
    "contact_email": "e-mailadres",
    "status": "status",
}
PLACEMENT_NAMES = {
    "id": "id",
    "organisation_id": "organisatie-id",
    "organisation_name": "organisatie",
    "title": "titel",
    "type": "soort",
    "description": "omschrijving",
    "routes": "routes",
    "phase": "fase",
    "max_abc": "hoogste abc",
    "min_hours": "min uren",
    "max_hours": "max uren",
    "language_level": "taalniveau",
    "physical_load": "fysieke belasting",
    "driving_licence": "rijbewijs",
    "skills": "vaardigheden",
    "occupation": "beroep",
    "supports": "ondersteuning",
    "postcode": "postcode",
    "capacity": "aantal plaatsen",
    "start_date": "startdatum",
    "end_date": "einddatum",
    "status": "status",
}
NAMES = {"organisations": ORGANISATION_NAMES, "placements": PLACEMENT_NAMES}

# field -> code -> Dutch word; codes that are Dutch already (routes, phases, supports) stay.
_VALUES: dict[str, dict[str, dict[str, str]]] = {
    "organisations": {
        "kind": {"employer": "werkgever", "location": "aanbieder"},
        "status": {
            "pending": "wacht op goedkeuring",
            "approved": "goedgekeurd",
            "rejected": "afgewezen",
            "inactive": "gedeactiveerd",
        },
    },
    "placements": {
        "type": {"internship": "werkstage"},
        "language_level": {"none": "geen"},
        "physical_load": {"light": "licht", "medium": "gemiddeld", "heavy": "zwaar"},
        "status": {"draft": "concept", "open": "open", "filled": "vervuld", "closed": "gesloten"},
    },
}
# Words of the import that are not the export's own but that people type.
_EXTRA_WORDS = {"kind": {"locatie": "location", "aanbieder activerend werk": "location"}}


def dutch_value(kind: str, field: str, value: Any) -> Any:
    """The Dutch word for a code, for the export; anything else unchanged."""
    if isinstance(value, str):
        return _VALUES[kind].get(field, {}).get(value, value)
    return value


def field_name(kind: str, column: str) -> str:
    """The field a column header means: its Dutch name or the old English field name."""
    column = column.strip().lower()
    for field, dutch in NAMES[kind].items():
        if column in (dutch, field):
            return field
    return column


def code_value(kind: str, field: str, value: str) -> str:
    """The code for a Dutch word on import; the codes themselves are accepted as they are."""
    words = {v: k for k, v in _VALUES[kind].get(field, {}).items()} | _EXTRA_WORDS.get(field, {})
    return words.get(value.strip().lower(), value)
