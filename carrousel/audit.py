"""The access log of resident records (AVG accountability), written in its own transaction.

A view records what it showed with `log_access`; during a request the rows wait in the
request context and are written after the request's own unit of work has committed or
rolled back, in a transaction of their own. So a request that ends in a 4xx and rolls its
changes back (a refused form that still showed the resident's name) keeps its log rows,
and on SQLite the log write never waits on the request's own write lock. If the log cannot
be written, the answer is an error page instead of the data: nothing shown without a trace.

Outside a request (commands, jobs, test factories) the row joins the caller's session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from flask import g, has_request_context
from sqlalchemy import Engine
from sqlmodel import Session

from .models import AccessLog

if TYPE_CHECKING:
    from .auth.account import Account

_PENDING = "carrousel_access_log"
MAX_DETAIL = 300
CHANGES = frozenset({"aanmaken", "gewijzigd"})  # logged only when the request's transaction committed
REFUSED = "geweigerd"  # an attempt on a resident the actor may not see; the detail names what was tried
SELF = "de inwoner zelf"  # the detail of a row the resident caused on /ik (no user account)


def ids_text(resident_ids: Iterable[int | None]) -> str:
    """Ids as ",12,15,33,": compact, and `LIKE '%,15,%'` finds a resident in it."""
    ids = [str(i) for i in dict.fromkeys(resident_ids) if i is not None]
    return f",{','.join(ids)}," if ids else ""


def ids_of(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part]


def log_access(
    session: Session,
    actor: Account,
    resident_id: int | None,
    action: str,
    detail: str = "",
    *,
    resident_ids: Iterable[int | None] = (),
) -> None:
    """Record that actor saw or changed a resident (resident_id) or a list of them (resident_ids)."""
    row = AccessLog(
        user_id=actor.id,
        resident_id=resident_id,
        action=action[:20],
        detail=detail[:MAX_DETAIL],
        resident_ids=ids_text(resident_ids),
    )
    if has_request_context():
        g.setdefault(_PENDING, []).append(row)
    else:
        session.add(row)


def write_pending(engine: Engine, *, committed: bool) -> None:
    """Write the request's log rows in a transaction of their own; raises when that fails.

    A change that was rolled back did not happen: its row is dropped (its id may even be
    handed out again); every view stays, whatever the answer's status.
    """
    rows = [r for r in g.pop(_PENDING, []) if committed or r.action not in CHANGES]
    if not rows:
        return
    with Session(engine) as session:
        session.add_all(rows)
        session.commit()


def log_own_access(session: Session, resident_id: int, action: str) -> None:
    """Record that the resident, signed in with a link, saw or changed their own record."""
    row = AccessLog(user_id=None, resident_id=resident_id, action=action[:20], detail=SELF)
    if has_request_context():
        g.setdefault(_PENDING, []).append(row)
    else:
        session.add(row)
