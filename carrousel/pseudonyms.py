"""Each organisation's own pseudonym for a resident (CONTRACT.md *What an organisation sees*).

An employer or location never sees the municipality's resident code: it sees a code of its own,
stable for that organisation and different for every other one, so two organisations cannot
link what each learnt about the same person. The code is an HMAC of a secret made once per
installation (kept in the database, so a backup and restore keeps every code), the resident's
id and the organisation's id, written in a readable alphabet without look-alike characters.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from .models import InstallationSecret, Proposal

SECRET_NAME = "pseudonym"
# Crockford's base 32: no I, L, O or U, so a code read aloud or typed over is not mistaken.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_GROUP = 5
_CODE = re.compile(r"^K-?([0-9A-Z]{5})-?([0-9A-Z]{5})$")
# A code read aloud or typed over: I and L are a 1, O is a 0 (Crockford's reading rules).
_LOOK_ALIKES = str.maketrans("ILO", "110")


def organisation_code(secret: bytes, resident_id: int, organisation_id: int) -> str:
    """The organisation's code for a resident, e.g. 'K-7F3QZ-9XM2A' (50 bits: no collisions in practice)."""
    digest = hmac.new(secret, f"{organisation_id}:{resident_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") >> 14  # the first 50 bits
    chars = "".join(_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(2 * _GROUP)))
    return f"K-{chars[:_GROUP]}-{chars[_GROUP:]}"


def installation_secret(session: Session) -> bytes:
    """The installation's pseudonym secret; made on first use (the migration makes it for upgrades)."""
    row = session.get(InstallationSecret, SECRET_NAME)
    if row is None:
        try:
            with session.begin_nested():  # two workers at once: the second reads the first's
                row = InstallationSecret(name=SECRET_NAME, value=secrets.token_hex(32))
                session.add(row)
        except IntegrityError:
            row = session.get(InstallationSecret, SECRET_NAME, populate_existing=True)
            assert row is not None
    return bytes.fromhex(row.value)


def codes_for(session: Session, organisation_id: int, resident_ids: Iterable[int]) -> dict[int, str]:
    """The organisation's codes for these residents, by resident id."""
    secret = installation_secret(session)
    return {rid: organisation_code(secret, rid, organisation_id) for rid in set(resident_ids)}


def as_organisation_code(text: str) -> str | None:
    """The K- code in what someone typed ('k 7f3qz 9xm2a', 'K-7F3QZ-9XM2A'), or None if it is none."""
    cleaned = re.sub(r"[\s.]", "", text).upper()
    if not cleaned.startswith("K"):
        return None
    match = _CODE.match("K" + cleaned[1:].translate(_LOOK_ALIKES))
    return f"K-{match[1]}-{match[2]}" if match else None


def residents_behind(session: Session, code: str) -> list[int]:
    """The residents an organisation knows by this code (an organisation only meets residents
    through proposals, so only those pairs are tried): the way back from a complaint or a
    question that names only the organisation's code."""
    secret = installation_secret(session)
    pairs = session.exec(select(Proposal.resident_id, Proposal.organisation_id).distinct()).all()
    return sorted({resident for resident, org in pairs if organisation_code(secret, resident, org) == code})
