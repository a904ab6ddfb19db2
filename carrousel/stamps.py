"""The change stamp the matching index reads is the moment a row became visible, not when it was written.

Each process's matching index re-reads the residents, placements and organisations whose
`updated_at` is at or after its last look (less a few seconds' overlap). A row stamped when it
was written but committed much later (a long import, a seed, a slow request under load) was
stamped before another process's look and committed after it: that process would never see
it. So, just before a transaction commits, the rows of those tables it wrote are stamped
again with the current time: a row's stamp is then at most the commit's own duration before
it becomes visible, which the overlap covers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.attributes import set_committed_value

from .models import Organisation, Placement, Resident, utcnow

STAMPED = (Organisation, Placement, Resident)
_WRITTEN = "carrousel.stamped_written"


def _collect(session: Session, _flush_context: Any) -> None:
    """After each flush (its lists still show what it wrote): the stamped rows it wrote."""
    written: dict[type, set[int]] = session.info.setdefault(_WRITTEN, {})
    for row in (*session.new, *session.dirty):
        if isinstance(row, STAMPED) and row.id is not None and inspect(row).attrs.updated_at.history.has_changes():
            written.setdefault(type(row), set()).add(row.id)


def _stamp_at_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint's release is no commit: nothing is visible yet
        return
    session.flush()  # what is still pending is written (and collected) first
    written: dict[type, set[int]] = session.info.pop(_WRITTEN, {})
    now = utcnow()
    for table, ids in written.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), 1000):
            session.execute(
                update(table)
                .where(table.id.in_(ordered[start : start + 1000]))  # type: ignore[attr-defined]
                .values(updated_at=now)
                .execution_options(synchronize_session=False)
            )
        for row_id in ids:  # the objects in memory say what the rows now say
            row = session.identity_map.get(inspect(table).identity_key_from_primary_key((row_id,)))
            if row is not None:
                set_committed_value(row, "updated_at", now)


def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the whole transaction ended (a commit has already taken its list)
        session.info.pop(_WRITTEN, None)


def install() -> None:
    """Listen on every session (once per process)."""
    if not event.contains(Session, "after_flush", _collect):
        event.listen(Session, "after_flush", _collect)
        event.listen(Session, "before_commit", _stamp_at_commit)
        event.listen(Session, "after_transaction_end", _forget)
