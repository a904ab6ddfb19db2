"""Load the kansrijke-beroepen list into the database, replacing the previous list."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete
from sqlmodel import Session

from .. import SEED_DIR
from ..models import Occupation
from ..occupations import read_occupation_file
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
    session.exec(delete(Occupation))  # type: ignore[call-overload]
    session.add_all(Occupation(code=e.code, name=e.name, sector=e.sector, level=e.level) for e in entries)
    session.flush()
    return len(entries)
