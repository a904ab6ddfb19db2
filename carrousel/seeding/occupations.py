"""Load the kansrijke-beroepen list into the database, replacing the previous list, and
check every placement's occupation against the new list."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import bindparam, delete, select, update
from sqlmodel import Session

from ..models import Occupation, Placement, utcnow
from ..occupations import OccupationEntry, occupation_list, read_occupation_file
from ..paths import SEED_DIR
from ..validation import InvalidInput

DEFAULT_FILE = "kansrijke-beroepen-2025-2026.csv"


def load_occupations(session: Session, path: str | None = None) -> int:
    """Replace the list with the file's (default: the shipped UWV 2025-2026 list)."""
    file = Path(path) if path else SEED_DIR / DEFAULT_FILE
    if not file.is_file():
        raise InvalidInput({"occupations": f"bestand {file} bestaat niet"})
    try:
        entries = read_occupation_file(file)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput({"occupations": str(exc)}) from None
    if not entries:
        raise InvalidInput({"occupations": f"{file} bevat geen beroepen"})
    session.exec(delete(Occupation))
    session.add_all(Occupation(code=e.code, name=e.name, sector=e.sector, level=e.level) for e in entries)
    session.flush()
    return len(entries)


def recompute_kansrijk(session: Session) -> int:
    """Every placement's occupation against the list now loaded, as a new placement would be
    (placements.operations): on the list, it takes the entry's name and code and is kansrijk;
    off it, it keeps its text and is not. Returns how many placements changed; each is stamped
    (updated_at, version) so every worker's matching index picks the change up."""
    occupations = occupation_list(session)
    table = Placement.__table__  # type: ignore[attr-defined]
    meant: dict[str, OccupationEntry | None] = {}
    changes = []
    now = utcnow()
    for row in session.execute(select(table.c.id, table.c.occupation, table.c.occupation_code, table.c.kansrijk)):
        text = row.occupation or ""
        if text not in meant:
            meant[text] = occupations.normalise(text) if text else None
        entry = meant[text]
        new = (entry.name, entry.code, True) if entry else (text, None, False)
        if new != (text, row.occupation_code, bool(row.kansrijk)):
            changes.append({"row_id": row.id, "new_name": new[0], "new_code": new[1], "new_kansrijk": new[2]})
    if changes:
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(
                occupation=bindparam("new_name"),
                occupation_code=bindparam("new_code"),
                kansrijk=bindparam("new_kansrijk"),
                updated_at=now,
                version=table.c.version + 1,
            )
        )
        session.connection().execute(statement, changes)
    return len(changes)
