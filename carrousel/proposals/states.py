"""The proposal's state table: who may move it from which status to which, and what follows.

One table, read by the checks in `operations.py` and by the pages to show only the buttons a
user may press. CONTRACT.md *Proposals*; DOMAIN.md *The carousel: from match to place and back*.
"""

from __future__ import annotations

from dataclasses import dataclass

# "organisation" stands for the placement's own employer or location (never another one's).
ORGANISATION = "organisation"


@dataclass(frozen=True)
class Step:
    to: str
    sources: tuple[str, ...]
    roles: tuple[str, ...]
    effect: str  # what happens, in the words of the page
    button: str  # the label of the button that takes this step


STEPS: dict[str, Step] = {
    step.to: step
    for step in (
        # to, from, who; then the effect and the button
        Step("consented", ("proposed",), ("consultant", "resident"),
             "De inwoner stemt in: de organisatie ziet het voorstel.", "Toestemming vastleggen"),
        Step("introduced", ("consented",), (ORGANISATION, "adviser"),
             "Kennismaking of driegesprek gepland.", "Uitnodigen"),
        Step("started", ("introduced",), ("consultant", "adviser"),
             "De inwoner begint: één plaats is bezet en dit wordt de werkplek van de inwoner.", "Start vastleggen"),
        Step("ended", ("started",), ("consultant",),
             "De plaatsing is afgelopen met een uitkomst; de plaats is weer vrij.", "Beëindigen"),
        Step("declined", ("proposed", "consented", "introduced"), (ORGANISATION, "adviser"),
             "De organisatie wijst het voorstel af, met een reden.", "Afwijzen"),
        Step("withdrawn", ("proposed", "consented", "introduced"), ("consultant", "resident"),
             "Toestemming ingetrokken of om een andere reden teruggenomen.", "Intrekken"),
    )
}  # fmt: skip

STATUS_LABELS = {
    "proposed": "Voorgesteld",
    "consented": "Toestemming gegeven",
    "introduced": "Uitgenodigd",
    "started": "Gestart",
    "ended": "Beëindigd",
    "declined": "Afgewezen",
    "withdrawn": "Ingetrokken",
    "nazorg": "Nazorg",
}
OUTCOME_LABELS = {
    "hired": "In dienst (betaald werk)",
    "completed": "Afgerond",
    "switched": "Gewisseld naar een andere plek",
    "stopped": "Gestopt",
}
INTRODUCTION_LABELS = {"kennismaking": "Kennismaking", "driegesprek": "Driegesprek"}


def role_may(role: str, step: Step, *, own_organisation: bool) -> bool:
    """Whether this role may take the step; an organisation only on its own placements."""
    if role in step.roles:
        return True
    return ORGANISATION in step.roles and role in ("employer", "location") and own_organisation


def steps_for(status: str, role: str, *, own_organisation: bool) -> list[Step]:
    """The steps this user may take from this status: the buttons of the proposal page."""
    return [
        step
        for step in STEPS.values()
        if status in step.sources and role_may(role, step, own_organisation=own_organisation)
    ]
