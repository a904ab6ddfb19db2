"""What the reminders do: the daily sync (make what is due, close what resolved) and 'done'."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypedDict

from sqlmodel import Session, col, select

from ..auth.account import Account
from ..dates import add_months
from ..errors import ApiError
from ..models import Reminder, utcnow
from ..models.scheduling import MailState
from ..templating import dutch_date
from ..terms import Terms, terms_from
from . import queries, rules
from .rules import EVENT_KINDS, shows

PLACEMENT_WORDS = {"proefplaatsing": "de proefplaatsing", "participatieplaats": "de participatieplaats"}


class _About(TypedDict):
    """What a proposal's reminder is about: its resident, placement and proposal."""

    resident_id: int
    placement_id: int
    proposal_id: int


@dataclass(frozen=True)
class Wanted:
    """A reminder the rules say is due for one user today."""

    kind: str
    due_on: date
    user_id: int
    subject: str  # r12, p5, o3
    text: str
    resident_id: int | None = None
    placement_id: int | None = None
    proposal_id: int | None = None
    organisation_id: int | None = None
    # A fact nothing can resolve any more (consent withdrawn after the place ended): once the
    # consultant marks it done it stays done, instead of coming back after every pause.
    final_when_done: bool = False

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject}:{self.due_on.isoformat()}:{self.user_id}"


def _resident_dues(f: queries.ResidentFacts, today: date, terms: Terms) -> Iterator[tuple[str, date, str]]:
    who = f"Inwoner {f.code}"
    due = rules.snel_deadline(terms, f.route, f.route_started_on, f.snel_extended)
    if due:
        yield "snel_deadline", due, f"{who}: de termijn van Snel naar werk loopt af op {dutch_date(due)}."
    due = rules.ontwikkeling_end(terms, f.route, f.route_started_on)
    if due:
        yield (
            "ontwikkeling_end",
            due,
            f"{who}: het ontwikkeltraject loopt af op {dutch_date(due)}; bespreek de volgende stap.",
        )
    due = rules.meedoen_evaluation(terms, f.route, f.route_started_on, f.last_evaluation)
    if due:
        yield "meedoen_evaluation", due, f"{who}: evalueer de route Meedoen uiterlijk {dutch_date(due)}."
    due = rules.ontheffing_end(f.ontheffing_until, f.last_reassessment, terms)
    if due:
        yield "ontheffing_end", due, f"{who}: de ontheffing loopt af op {dutch_date(due)}; herbeoordeel haar."
    due = rules.resident_stale(f.availability_confirmed_on, terms)
    if due:
        since = dutch_date(f.availability_confirmed_on)
        yield "resident_stale", due, f"{who}: uren en wensen niet bevestigd sinds {since}; vraag of ze nog kloppen."
    due = rules.no_contact_this_year(f.last_contact_on, today)
    if due:
        yield (
            "no_contact_this_year",
            due,
            f"{who}: nog geen contact in {today.year}; neem contact op vóór {dutch_date(due)}.",
        )


def collect_due(session: Session, terms: Terms, today: date) -> list[Wanted]:
    """Every reminder the rules want on a list today (after its lead time, until resolved)."""
    active = queries.active_user_ids(session)
    advisers = queries.active_adviser_ids(session)
    wanted: list[Wanted] = []
    for r in queries.resident_facts(session):
        if r.consultant_id not in active:
            continue
        for kind, due, text in _resident_dues(r, today, terms):
            if shows(kind, due, today, terms):
                wanted.append(Wanted(kind, due, r.consultant_id, f"r{r.id}", text, resident_id=r.id))
    hired_after = add_months(today, -terms.nazorg_months_after_hire)
    for p in queries.proposal_facts(session, hired_after=hired_after):
        ids: _About = {"resident_id": p.resident_id, "placement_id": p.placement_id, "proposal_id": p.id}
        where = f"'{p.placement_title}' ({p.organisation_name})"
        day = rules.nazorg_check(p.status, p.started_on, p.last_nazorg, terms, p.hired_on)
        if day and p.consultant_id in active and shows("nazorg_check", day, today, terms):
            text = f"Inwoner {p.resident_code}: nazorg bij {where}; controleer of de plek nog past."
            wanted.append(Wanted("nazorg_check", day, p.consultant_id, f"p{p.id}", text, **ids))
        if not p.case_open:  # a closed case keeps nazorg only
            continue
        day = rules.trial_overdue(p.placement_type, p.status, p.end_date)
        if day and p.consultant_id in active and shows("trial_overdue", day, today, terms):
            kind_word = PLACEMENT_WORDS[p.placement_type]
            text = (
                f"Inwoner {p.resident_code}: {kind_word} {where} liep af op {dutch_date(p.end_date)} en loopt nog; "
                "verleng, beëindig of wissel."
            )
            wanted.append(Wanted("trial_overdue", day, p.consultant_id, f"p{p.id}", text, **ids))
        day = rules.trial_ending(p.placement_type, p.status, p.end_date)
        if day and p.consultant_id in active and shows("trial_ending", day, today, terms):
            kind_word = PLACEMENT_WORDS[p.placement_type]
            text = f"Inwoner {p.resident_code}: {kind_word} {where} eindigt op {dutch_date(day)}."
            wanted.append(Wanted("trial_ending", day, p.consultant_id, f"p{p.id}", text, **ids))
        day = rules.proposal_unanswered(p.status, p.waiting_since, p.answered, terms)
        if day and shows("proposal_unanswered", day, today, terms):
            text = (
                f"Voorstel {p.id} voor {where} is sinds {dutch_date(p.waiting_since)} onbeantwoord; "
                "neem contact op met de organisatie."
            )
            wanted += [
                Wanted("proposal_unanswered", day, a, f"p{p.id}", text, organisation_id=p.organisation_id, **ids)
                for a in advisers
            ]
    for c in queries.consent_withdrawn_facts(session):
        if c.consultant_id in active:
            wanted.append(consent_withdrawn(c))
    for o in queries.organisation_facts(session):
        day = rules.registration_waiting(o.status, o.registered_on, terms)
        if day and shows("registration_waiting", day, today, terms):
            text = f"{o.name} wacht sinds {dutch_date(o.registered_on)} op goedkeuring."
            wanted += [Wanted("registration_waiting", day, a, f"o{o.id}", text, organisation_id=o.id) for a in advisers]
    return wanted


def consent_withdrawn(c: queries.ConsentWithdrawnFacts) -> Wanted:
    ask = "Bespreek of de plek doorgaat." if c.running else "De plek is al afgelopen; vraag of er iets te regelen is."
    text = (
        f"Inwoner {c.resident_code} trok de toestemming in voor '{c.placement_title}' op {dutch_date(c.withdrawn_on)}; "
        f"de organisatie ziet de gegevens niet meer. {ask}"
    )
    ids: _About = {"resident_id": c.resident_id, "placement_id": c.placement_id, "proposal_id": c.proposal_id}
    return Wanted(
        "consent_withdrawn",
        c.withdrawn_on,
        c.consultant_id,  # type: ignore[arg-type]
        f"p{c.proposal_id}",
        text,
        **ids,
        final_when_done=not c.running,
    )


def remind_consent_withdrawn(session: Session, *, proposal_id: int, today: date, mail: bool) -> None:
    """The reminder now, not at the next daily run (which keeps it while the fact holds)."""
    for c in queries.consent_withdrawn_facts(session, proposal_id):
        if c.consultant_id is not None:
            _add(session, consent_withdrawn(c), today, "pending" if mail else "none")
    session.flush()


def _add(session: Session, w: Wanted, today: date, mail_state: str) -> None:
    session.add(
        Reminder(
            key=w.key,
            kind=w.kind,
            due_on=w.due_on,
            user_id=w.user_id,
            resident_id=w.resident_id,
            placement_id=w.placement_id,
            proposal_id=w.proposal_id,
            organisation_id=w.organisation_id,
            text=w.text[:300],
            created_on=today,
            mail_state=mail_state,  # type: ignore[arg-type]
        )
    )


def _existing(session: Session, keys: list[str]) -> dict[str, Reminder]:
    found: dict[str, Reminder] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update((r.key, r) for r in session.exec(select(Reminder).where(col(Reminder.key).in_(chunk))).all())
    return found


def _snoozed_until(reminder: Reminder, terms: Terms) -> date | None:
    """'Done' by a user is a pause: the day the reminder comes back if its fact still holds."""
    if reminder.status != "done" or reminder.done_by_id is None or reminder.done_at is None:
        return None
    return reminder.done_at.date() + timedelta(days=terms.snooze_days)


def sync_reminders(session: Session, settings: dict[str, Any], today: date) -> dict[str, Any]:
    """Make each due reminder once; close the open ones whose underlying fact resolved."""
    terms = terms_from(settings)
    wanted = {w.key: w for w in collect_due(session, terms, today)}
    closed: Counter[str] = Counter()
    for reminder in session.exec(select(Reminder).where(Reminder.status == "open")).all():
        if reminder.key not in wanted and reminder.kind not in EVENT_KINDS:
            reminder.status = "done"
            reminder.done_at = utcnow()
            closed[reminder.kind] += 1
    mail_state: MailState = "pending" if settings["mail"]["smtp_host"] else "none"
    known = _existing(session, list(wanted))
    made: Counter[str] = Counter()
    for key, w in wanted.items():
        if key in known:
            reminder = known[key]
            back_on = None if w.final_when_done else _snoozed_until(reminder, terms)
            if back_on is not None and today >= back_on:  # the pause is over and the fact still holds
                reminder.status, reminder.done_at, reminder.done_by_id = "open", None, None
                reminder.mail_state = mail_state
                made[w.kind] += 1
            continue
        _add(session, w, today, mail_state)
        made[w.kind] += 1
    session.flush()
    return {
        "made": sum(made.values()),
        "closed": sum(closed.values()),
        "made_by_kind": dict(made),
        "closed_by_kind": dict(closed),
    }


def add_event_reminder(
    session: Session,
    *,
    kind: str,
    user_id: int,
    subject: str,
    text: str,
    today: date,
    resident_id: int | None = None,
    placement_id: int | None = None,
    proposal_id: int | None = None,
) -> Reminder | None:
    """A reminder made by an event (a re-check), once per kind, subject and day."""
    key = f"{kind}:{subject}:{today.isoformat()}:{user_id}"
    if session.exec(select(Reminder.id).where(Reminder.key == key)).first() is not None:
        return None
    reminder = Reminder(
        key=key,
        kind=kind,
        due_on=today,
        user_id=user_id,
        resident_id=resident_id,
        placement_id=placement_id,
        proposal_id=proposal_id,
        text=text[:300],
        created_on=today,
    )
    session.add(reminder)
    session.flush()
    return reminder


def mark_done(session: Session, *, reminder_id: int, actor: Account) -> Reminder:
    """The user marks one of their own reminders done (404 for anyone else's)."""
    reminder = session.get(Reminder, reminder_id)
    if reminder is None or reminder.user_id != actor.id:
        raise ApiError(404)
    if reminder.status == "open":
        reminder.status = "done"
        reminder.done_at = utcnow()
        reminder.done_by_id = actor.id
        session.flush()
    return reminder
