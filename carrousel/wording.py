"""The words a user reads: field names, numbers with a decimal comma, real plurals.

One place, so that an error summary, the access log and a page call a field the same.
"""

from __future__ import annotations

from typing import Any

from matching import vocabulary as vocab

from .models.consent import CHANNEL_LABELS, SCOPE_LABELS

# Form and API field -> the Dutch name a user reads (error summaries, access-log details).
FIELD_LABELS = {
    # residents
    "name": "naam",
    "contact": "telefoon of e-mail",
    "birth_year": "geboortejaar",
    "birth_date": "geboortedatum",
    "postcode": "postcode",
    "newcomer": "nieuwkomer",
    "route": "route",
    "snel_months": "termijn snel naar werk",
    "snel_extended": "termijn snel naar werk",  # the stored choice (standard or extended term)
    "phase": "fase",
    "ladder_now": "participatieladder nu",
    "ladder_target": "participatieladder verwacht",
    "doelgroepregister": "doelgroepregister",
    "beschut_advies": "advies beschut werk",
    "wmo_dagbesteding": "Wmo-dagbesteding",
    "ontheffing_until": "ontheffing tot en met",
    "wants_to_participate": "wil ondanks de ontheffing meedoen",
    "hours_available": "beschikbare uren per week",
    "max_travel_km": "maximale reisafstand",
    "driving_licence": "rijbewijs",
    "language_level": "taalniveau Nederlands",
    "physical_capacity": "fysiek aankunnen",
    "needs": "nodig om te kunnen werken",
    "wished_occupations": "gewenste beroepen",
    "wished_sectors": "gewenste sectoren",
    "talents": "talenten en interesses",
    "last_contact_on": "laatste contact",
    "availability_confirmed_on": "uren en wensen bevestigd op",
    "placement_id": "werkplek",
    "abc": "ABC-niveau",
    "reason": "reden",
    "level": "ABC-niveau",
    "measured_on": "meetdatum",
    "consultant_id": "consulent",
    "outflow_reason": "reden van uitstroom",
    "closed_on": "datum van sluiten",
    "reopened_on": "datum van heropenen",
    "until": "verlengen tot en met",
    "successor_id": "opvolger",
    # placements
    "organisation_id": "organisatie",
    "title": "titel",
    "description": "omschrijving",
    "type": "soort werkplek",
    "routes": "routes",
    "max_abc": "hoogste ABC-niveau",
    "min_hours": "minimum uren per week",
    "max_hours": "maximum uren per week",
    "physical_load": "fysieke belasting",
    "skills": "vaardigheden",
    "occupation": "beroep",
    "supports": "ondersteuning",
    "sector": "sector",
    "capacity": "aantal plaatsen",
    "start_date": "startdatum",
    "end_date": "einddatum",
    "status": "status",
    # organisations and accounts
    "kind": "soort organisatie",
    "contact_email": "e-mailadres voor contact",
    "user_name": "uw naam",
    "user_email": "uw e-mailadres",
    "email": "e-mailadres",
    "password": "wachtwoord",
    "current_password": "huidig wachtwoord",
    "new_password": "nieuw wachtwoord",
    "repeat_password": "nieuw wachtwoord nogmaals",
    "role": "rol",
    "file": "bestand",
    # proposals, evaluations and other forms (issue 20: no code name on any page)
    "outcome": "uitkomst",
    "on": "datum",
    "on_date": "datum",
    "note": "toelichting",
    "motivation": "motivatie",
    "to": "stap",
    "resident_id": "inwoner",
    "confirm": "bevestiging",
    "message": "bericht",
    "starts_on": "begint op",
    "ends_on": "eindigt op",
    "code": "code",
    "guidance": "begeleiding",
    "paid_work_step": "stap naar betaald werk",
    "empty_status": "organisaties zonder status",
    "q": "zoekterm",
    # consent of a proposal
    "consent": "toestemming",
    "consent.channel": "manier van toestemming",
    "consent.scope": "wat de organisatie mag zien",
    # income scenarios (benefit counselling)
    "benefit_counselling": "inkomensgesprek",
    "household": "huishouden",
    "net_monthly_wage": "netto maandloon",
    "hours_per_week": "uren per week",
    "gross_hourly_wage": "bruto uurloon",
    "discussed": "besproken",
}

# Keys of an error dict that are no field on the form: shown in the summary without a link.
NOT_A_FIELD = frozenset({"version", "body", "reset", "case"})

# The Dutch label of each value of a choice field, for "kies een van" messages.
CHOICE_LABELS: dict[str, dict[Any, str]] = {
    "route": vocab.ROUTE_LABELS,
    "routes": vocab.ROUTE_LABELS,
    "phase": {**vocab.PLACEMENT_PHASE_LABELS, **vocab.RESIDENT_PHASE_LABELS},
    "type": vocab.PLACEMENT_TYPE_LABELS,
    "abc": vocab.ABC_LABELS,
    "level": vocab.ABC_LABELS,
    "max_abc": vocab.ABC_LABELS,
    "language_level": vocab.LANGUAGE_LABELS,
    "physical_load": vocab.PHYSICAL_LABELS,
    "physical_capacity": vocab.PHYSICAL_LABELS,
    "needs": vocab.SUPPORT_LABELS,
    "supports": vocab.SUPPORT_LABELS,
    "status": vocab.PLACEMENT_STATUS_LABELS,
    "kind": {"employer": "werkgever", "location": "aanbieder activerend werk"},
    "channel": CHANNEL_LABELS,
    "scope": SCOPE_LABELS,
    "household": {"single": "alleenstaande", "single_parent": "alleenstaande ouder", "couple": "gehuwd of samenwonend"},
    "discussed": {
        "toeslagen": "toeslagen",
        "kinderopvang": "kinderopvang",
        "reiskosten": "reiskosten",
        "kwijtschelding": "kwijtschelding",
    },
}


# A proposal's status, outcome and introduction as a user reads them (pages, messages, filters).
PROPOSAL_STATUS_LABELS = {
    "proposed": "Voorgesteld",
    "consented": "Toestemming gegeven",
    "introduced": "Uitgenodigd",
    "started": "Gestart",
    "ended": "Beëindigd",
    "declined": "Afgewezen",
    "withdrawn": "Ingetrokken",
    "nazorg": "Nazorg",
}
PROPOSAL_OUTCOME_LABELS = {
    "hired": "In dienst (betaald werk)",
    "completed": "Afgerond",
    "switched": "Gewisseld naar een andere plek",
    "stopped": "Gestopt",
}
PROPOSAL_INTRODUCTION_LABELS = {"kennismaking": "Kennismaking", "driegesprek": "Driegesprek"}


def field_label(name: str) -> str:
    """The Dutch name of a field; an unknown name is shown as it is, never dropped."""
    return FIELD_LABELS.get(name, name.replace("_", " "))


def field_list(names: list[str] | tuple[str, ...]) -> str:
    """'route, termijn snel naar werk': field names as a reader of the access log sees them."""
    return ", ".join(field_label(name) for name in names)


def or_list(words: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b of c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " of " + words[-1]


def choice_message(field: str, expected: str) -> str:
    """A Dutch 'choose one of' sentence with the labels the page shows."""
    labels = CHOICE_LABELS.get(field)
    if labels:
        return f"Kies {or_list(list(labels.values()))}."
    # Pydantic's own list looks like "'G1', 'G2' or 'G3'": keep the values, Dutch glue.
    values = [part.strip().strip("'\"") for part in expected.replace(" or ", ", ").split(",") if part.strip()]
    return f"Kies {or_list(values)}." if values else "Kies een van de mogelijkheden."


def decimal(value: float, digits: int = 1) -> str:
    """1.75 -> '1,8': the Dutch decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def percent(share: float | None, digits: int = 1) -> str:
    """A fraction from 0 to 1 as a Dutch percentage: 0.8333 -> '83,3%', 0.5 -> '50%'."""
    if share is None:
        return "–"
    text = decimal(share * 100, digits)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return f"{text}%"


def plural(count: int, one: str, many: str) -> str:
    """'1 plek', '2 plekken', '0 plekken': the count with the right form of the word."""
    return f"{count} {one if count == 1 else many}"
