"""The counts on each role's start page: what needs doing, each linking to the list behind it.

Each count is one line in COUNTS: who sees it, its words (one and many), how it is counted
and the filtered list it links to. A count counts with the same query as its list (limit 1,
the total only), so the number on the start page is the number of rows the link shows.
A count whose list is not part of this application (its endpoint is not registered) is left
out, so a line can be added before the page it links to exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, url_for
from sqlmodel import Session

from ..auth.account import Account
from ..catalogue.queries import interest_count
from ..organisations.queries import OrganisationFilter, list_organisations
from ..proposals.queries import awaiting_for
from ..proposals.waiting import recent_declines
from ..reminders.queries import open_reminder_count
from ..residents.queries import CaseloadFilter, list_caseload

Counter = Callable[[Session, Account], int]


@dataclass(frozen=True)
class HomeCount:
    roles: tuple[str, ...]
    one: str  # "1 aanmelding wacht op goedkeuring"
    many: str  # "3 aanmeldingen wachten op goedkeuring" (also for 0)
    count: Counter
    endpoint: str
    args: dict[str, str] = field(default_factory=dict)
    urgent: bool = False  # shown in the colour of an error while the count is above 0
    hide_zero: bool = False  # shown only when there is something (a list most accounts never need)


@dataclass(frozen=True)
class ShownCount:
    number: int
    text: str
    url: str
    urgent: bool


def caseload(**filters: str) -> Counter:
    """The consultant's caseload under these filters, counted as the caseload list counts it."""

    def count(session: Session, account: Account) -> int:
        return list_caseload(session, account, CaseloadFilter(**filters, limit=1))[1]

    return count


def organisations(**filters: str) -> Counter:
    def count(session: Session, account: Account) -> int:
        return list_organisations(session, OrganisationFilter(**filters, limit=1))[1]

    return count


COUNTS: list[HomeCount] = [
    HomeCount(
        ("adviser",),
        "aanmelding wacht op goedkeuring",
        "aanmeldingen wachten op goedkeuring",
        organisations(status="pending"),
        "organisations.index",
        {"status": "pending"},
        urgent=True,
    ),
    HomeCount(
        ("consultant",),
        "inwoner met een termijn die verstreken is of binnen 30 dagen afloopt",
        "inwoners met een termijn die verstreken is of binnen 30 dagen afloopt",
        caseload(deadline="30"),
        "residents.index",
        {"deadline": "30", "sort": "deadline"},
        urgent=True,
    ),
    HomeCount(
        ("consultant",),
        "ontheffing loopt binnen 30 dagen af",
        "ontheffingen lopen binnen 30 dagen af",
        caseload(ontheffing="ending"),
        "residents.index",
        {"ontheffing": "ending"},
    ),
    HomeCount(
        ("consultant",),
        "inwoner nog niet gesproken dit jaar",
        "inwoners nog niet gesproken dit jaar",
        caseload(contact="none_this_year"),
        "residents.index",
        {"contact": "none_this_year"},
    ),
    HomeCount(
        ("consultant",),
        "inwoner heeft uren en wensen lang niet bevestigd",
        "inwoners hebben uren en wensen lang niet bevestigd",
        caseload(confirmed="stale"),
        "residents.index",
        {"confirmed": "stale"},
    ),
    HomeCount(
        ("employer", "location"),
        "bericht van iemand met interesse in een plek",
        "berichten van mensen met interesse in een plek",
        interest_count,
        "catalogue.inbox",
        hide_zero=True,
    ),
    HomeCount(
        ("consultant", "adviser"),
        "open herinnering",
        "open herinneringen",
        lambda session, account: open_reminder_count(session, account.id),
        "reminders.index",
        {"status": "open"},
        urgent=True,
    ),
    HomeCount(
        ("employer", "location", "adviser"),
        "voorstel wacht op antwoord",
        "voorstellen wachten op antwoord",
        awaiting_for,
        "proposals.index",
    ),
    HomeCount(
        ("consultant",),
        "voorstel wacht op een stap van u (toestemming of start)",
        "voorstellen wachten op een stap van u (toestemming of start)",
        awaiting_for,
        "proposals.index",
    ),
    HomeCount(
        ("consultant",),
        "voorstel afgewezen in de afgelopen 30 dagen",
        "voorstellen afgewezen in de afgelopen 30 dagen",
        lambda session, account: recent_declines(session, account),
        "proposals.index",
        {"_anchor": "afgewezen"},
    ),
]


def counts_for(session: Session, account: Account) -> list[ShownCount]:
    """The counts this account's role sees, in the order of COUNTS."""
    shown = []
    for item in COUNTS:
        if account.role not in item.roles or item.endpoint not in current_app.view_functions:
            continue
        number = item.count(session, account)
        if number == 0 and item.hide_zero:
            continue
        shown.append(
            ShownCount(
                number=number,
                text=item.one if number == 1 else item.many,
                url=url_for(item.endpoint, **item.args),  # type: ignore[arg-type]
                urgent=item.urgent and number > 0,
            )
        )
    return shown
