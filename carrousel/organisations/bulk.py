"""Bulk import of organisations and placements: check every row first, then write."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from ..auth.account import Account
from ..models import Organisation, OrganisationCreate, Placement, PlacementCreate, utcnow
from ..placements import operations as placement_operations
from ..validation import InvalidInput, validate
from ..wording import plural
from . import columns
from .operations import likely_duplicates, looks_alike
from .tabular import unneutralise

ORGANISATION_COLUMNS = ("kind", "name", "postcode", "sector", "contact_email")
PLACEMENT_COLUMNS = (
    "organisation_id",
    "organisation_name",
    "title",
    "type",
    "description",
    "routes",
    "phase",
    "max_abc",
    "min_hours",
    "max_hours",
    "language_level",
    "physical_load",
    "driving_licence",
    "skills",
    "occupation",
    "supports",
    "postcode",
    "capacity",
    "start_date",
    "end_date",
    "status",
)
_LIST_COLUMNS = {"routes", "skills", "supports"}
_YES = {"ja", "yes", "true", "1", "waar", "x"}


ORGANISATION_STATUSES = ("pending", "approved", "rejected", "inactive")
# What an organisation row with an empty status becomes: the adviser chooses on the import form.
EMPTY_STATUS_CHOICES = {
    "pending": "Wacht op goedkeuring: ik beoordeel ze daarna (aanbevolen)",
    "approved": "Meteen goedgekeurd",
}


@dataclass
class ImportCheck:
    kind: str
    valid: list[tuple[int, Any]] = field(default_factory=list)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # row number, field, message
    # Rows that may be an organisation that exists already, or another row of the same file:
    # a warning, not an error (the adviser decides), shown in the check step.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    statuses: dict[int, str] = field(default_factory=dict)  # row number -> organisation status
    empty_status: str = "pending"

    @property
    def rows(self) -> int:
        return len(self.valid) + len({n for n, _, _ in self.errors})


def _prepare(row: dict[str, str], kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for column, value in row.items():
        if value != "":
            field = columns.field_name(kind, column)
            data[field] = columns.code_value(kind, field, unneutralise(value))
    if kind == "organisations":
        if "kind" in data:
            data["kind"] = data["kind"].lower()
        return {k: v for k, v in data.items() if k in (*ORGANISATION_COLUMNS, "status")}
    for name in _LIST_COLUMNS & data.keys():
        data[name] = [part.strip() for part in data[name].replace(",", ";").split(";") if part.strip()]
    if "driving_licence" in data:
        data["driving_licence"] = data["driving_licence"].lower() in _YES
    return {k: v for k, v in data.items() if k in PLACEMENT_COLUMNS}


def check_rows(
    session: Session, kind: str, rows: list[dict[str, str]], *, empty_status: str = "pending"
) -> ImportCheck:
    """Validate every row; row numbers count the header as row 1, as a spreadsheet shows them.

    Organisations: a row without a status gets `empty_status` (pending unless the adviser chose
    otherwise), and every row is checked for a likely duplicate (fuzzy name in the same postcode
    area), against the organisations there are and against the rows above it in the file.
    """
    if empty_status not in EMPTY_STATUS_CHOICES:
        raise InvalidInput({"empty_status": "Kies wat organisaties zonder status worden."})
    check = ImportCheck(kind, empty_status=empty_status)
    earlier: list[tuple[int, str, str]] = []  # row number, name, postcode of the file's rows so far
    names: dict[str, int] = {}
    statuses: dict[int, str] = {}
    if kind == "placements":
        for org_id, name, status in session.exec(select(Organisation.id, Organisation.name, Organisation.status)).all():
            assert org_id is not None  # a stored row
            names[name.lower()] = org_id
            statuses[org_id] = status
    model = OrganisationCreate if kind == "organisations" else PlacementCreate
    for number, row in enumerate(rows, start=2):
        data = _prepare(row, kind)
        if kind == "placements":
            name = data.pop("organisation_name", "")
            if "organisation_id" not in data and name:
                if name.lower() not in names:
                    check.errors.append((number, "organisatie", f"Organisatie ‘{name}’ bestaat niet."))
                    continue
                data["organisation_id"] = names[name.lower()]
            if "organisation_id" not in data:
                check.errors.append((number, "organisatie", "Vul de kolom organisatie of organisatie-id in."))
                continue
        status = data.pop("status", "") if kind == "organisations" else ""
        if status and status not in ORGANISATION_STATUSES:
            check.errors.append(
                (number, "status", "Kies goedgekeurd, wacht op goedkeuring, afgewezen of gedeactiveerd.")
            )
            continue
        try:
            record = validate(model, data)
        except InvalidInput as exc:
            shown = columns.NAMES[kind]  # the column the adviser sees in the file
            check.errors.extend((number, shown.get(field, field), message) for field, message in exc.fields.items())
            continue
        if kind == "organisations":
            check.statuses[number] = status or empty_status
            _warn_duplicates(session, check, number, record.name, record.postcode, earlier)  # type: ignore[union-attr]
            earlier.append((number, record.name, record.postcode))  # type: ignore[union-attr]
            check.valid.append((number, record))
            continue
        if isinstance(record, PlacementCreate) and record.organisation_id not in statuses:
            check.errors.append((number, "organisatie-id", f"Organisatie {record.organisation_id} bestaat niet."))
        elif (
            isinstance(record, PlacementCreate)
            and record.status == "open"
            and statuses[record.organisation_id] != "approved"  # type: ignore[index]  # in statuses: checked above
        ):
            check.errors.append(
                (number, "status", "De organisatie is nog niet goedgekeurd: importeer de werkplek als concept.")
            )
        else:
            check.valid.append((number, record))
    return check


def _warn_duplicates(
    session: Session, check: ImportCheck, number: int, name: str, postcode: str, earlier: list[tuple[int, str, str]]
) -> None:
    """The same duplicate check as for one organisation (operations.likely_duplicates), per row."""
    for twin in likely_duplicates(session, name=name, postcode=postcode):
        check.warnings.append((number, f"Lijkt op ‘{twin.name}’ ({twin.postcode}), die er al is."))
    for other_number, other_name, other_postcode in earlier:
        if looks_alike(name, postcode, other_name, other_postcode):
            check.warnings.append(
                (number, f"Lijkt op rij {other_number} van dit bestand: ‘{other_name}’ ({other_postcode}).")
            )


def import_rows(session: Session, check: ImportCheck, actor: Account, *, only_valid: bool) -> int:
    """Write the checked rows; nothing at all while any row is invalid unless only_valid."""
    if check.errors and not only_valid:
        raise InvalidInput(
            {
                "file": f"{plural(len(check.errors), 'fout', 'fouten')}: niets geïmporteerd. "
                "Herstel het bestand of importeer alleen de geldige rijen."
            }
        )
    written = 0
    for number, data in check.valid:
        if check.kind == "organisations":
            status = check.statuses.get(number, check.empty_status)
            session.add(
                Organisation(
                    **data.model_dump(),
                    status=status,
                    approved_at=utcnow() if status == "approved" else None,
                    created_by_id=actor.id,
                )
            )
        else:
            try:
                placement_operations.create_placement(session, data=data, actor=actor)
            except InvalidInput as exc:
                if not only_valid:
                    raise InvalidInput({f"rij {number} {k}": v for k, v in exc.fields.items()}) from None
                continue
        written += 1
    session.flush()
    return written


def export_rows(session: Session, kind: str) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    """The rows under their Dutch column names, codes as Dutch words: what the import reads back."""
    if kind == "organisations":
        records = [o.model_dump() for o in session.exec(select(Organisation).order_by(Organisation.name)).all()]
    else:
        result = session.exec(
            select(Placement, Organisation.name)
            .join(Organisation, col(Organisation.id) == Placement.organisation_id)
            .order_by(col(Placement.id))
        ).all()
        records = [{**p.model_dump(), "organisation_name": name} for p, name in result]
    names = columns.NAMES[kind]
    rows = [{names[f]: columns.dutch_value(kind, f, record.get(f)) for f in names} for record in records]
    return rows, tuple(names.values())
