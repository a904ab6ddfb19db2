"""A demo municipality in the Food Valley: employers, locations, placements, residents."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session

from ..auth.account import Account
from ..models import AbcMeasurementCreate, Organisation, PlacementCreate, ResidentCreate, utcnow
from ..placements.operations import create_placement
from ..residents.operations import create_resident, record_abc
from .demo_proposals import seed_proposals

EMPLOYERS = [
    ("Bakkerij De Korenschoof", "6701AB", "Detailhandel"),
    ("Logistiek Centrum Ede", "6716AA", "Transport - logistiek"),
    ("Zorggroep Rijnvallei", "6703CD", "Zorg"),
    ("Hotel De Wageningsche Berg", "6705AE", "Horeca"),
    ("Bouwbedrijf Van Ginkel", "3771AB", "Bouw"),
    ("Schoonmaakbedrijf Glans", "6711AA", "Schoonmaak - reiniging"),
    ("Hoveniersbedrijf Groenrijk", "3861AB", "Landbouw, natuur en milieu"),
    ("Supermarkt Plus Bennekom", "6721AB", "Detailhandel"),
    ("Installatietechniek Gelderse Vallei", "3902AA", "Installatie"),
    ("Fietsenmaker Rijwiel & Co", "6702AB", "Voertuigentechniek"),
    ("Voedselfabriek FoodValley", "6717AB", "Industrie"),
    ("Gemeente Wageningen, Buitendienst", "6708AB", "Overheid"),
]
LOCATIONS = [
    ("Buurthuis De Wilde Wingerd", "6702CD", "Welzijn"),
    ("Kringloop Wageningen", "6704AB", "Detailhandel"),
    ("Zorgboerderij De Hooilanden", "3862AB", "Landbouw, natuur en milieu"),
    ("Repair Café Ede", "6711CD", "Techniek"),
    ("Stadsmoestuin Nijkerk", "3863AB", "Landbouw, natuur en milieu"),
    ("Dierenweide Renkum", "6871AB", "Dieren"),
    ("Voedselbank Gelderse Vallei", "6713AB", "Welzijn"),
    ("Werkplaats Houtkunst", "3772AB", "Techniek"),
    ("Wijkrestaurant De Tafel", "6706AB", "Horeca"),
    ("Fietsdepot Veenendaal", "3901AB", "Techniek"),
]
PLACEMENTS = [
    (
        "regulier",
        "Orderpicker",
        "Magazijn-, expeditiemedewerkers en orderpickers",
        "Orderpicken en inpakken in ons magazijn.",
    ),
    ("detacheringsbaan", "Schoonmaker kantoren", "Schoonmakers", "Kantoren schoonmaken in vaste ploegen."),
    ("banenafspraak", "Medewerker bakkerij", "Brood- en banketbakkers", "Helpen bij bakken en inpakken van brood."),
    ("beschut", "Medewerker inpakafdeling", "Assemblagemedewerkers", "Rustig inpakwerk met vaste begeleiding."),
    (
        "proefplaatsing",
        "Keukenassistent",
        "Keukenassistenten",
        "Groenten snijden, afwassen en de keuken netjes houden.",
    ),
    ("internship", "Snuffelstage zorg", "Helpenden", "Een week meelopen met helpenden in de zorg."),
    (
        "participatieplaats",
        "Medewerker groenonderhoud",
        "(Voorman) hoveniers, groenonderhoud",
        "Snoeien, maaien en plantsoenen bijhouden.",
    ),
    ("regulier", "Kassamedewerker", "Kassamedewerkers", "Afrekenen en klanten helpen aan de kassa."),
    ("proefplaatsing", "Fietsenmaker in opleiding", "Rijwielmonteurs", "Fietsen repareren en onderhouden."),
    ("detacheringsbaan", "Heftruckchauffeur", "Heftruckchauffeurs", "Laden en lossen met de heftruck."),
    ("banenafspraak", "Medewerker bediening", "Medewerkers bediening horeca", "Gasten ontvangen en bedienen."),
    (
        "internship",
        "Werkstage installatietechniek",
        "Elektriciens, installateurs (incl. zonnepanelen en laadpalen)",
        "Meewerken met een monteur.",
    ),
]
# One activity per location, in the order of LOCATIONS.
ACTIVITIES = [
    ("vrijwilligerswerk", "Gastvrouw of gastheer buurthuis", "Koffie schenken en bezoekers ontvangen."),
    ("activerend_werk", "Meewerken in de kringloopwinkel", "Spullen sorteren, prijzen en de winkel inrichten."),
    ("activerend_werk", "Tuinieren op de zorgboerderij", "Samen werken in de moestuin en met de dieren."),
    ("vrijwilligerswerk", "Reparateur Repair Café", "Samen met bezoekers spullen repareren."),
    ("activerend_werk", "Tuinier in de stadsmoestuin", "Zaaien, wieden en oogsten in een rustige tuin."),
    ("vrijwilligerswerk", "Verzorger dierenweide", "Dieren voeren en de stallen schoonhouden."),
    ("vrijwilligerswerk", "Helpen bij de voedselbank", "Pakketten samenstellen en uitdelen."),
    ("activerend_werk", "Houtbewerking in de werkplaats", "Meubels maken en opknappen in een rustige werkplaats."),
    ("activerend_werk", "Meekoken in het wijkrestaurant", "Samen koken en de tafels dekken voor buurtbewoners."),
    ("activerend_werk", "Fietsen opknappen", "Gebruikte fietsen nakijken en repareren voor de verkoop."),
]
FIRST = ["Sanne", "Mohammed", "Lotte", "Daan", "Fatima", "Jeroen", "Aylin", "Bram", "Noor", "Kevin", "Samira", "Tim"]
LAST = ["de Jong", "Jansen", "El Amrani", "Bakker", "Visser", "Yilmaz", "Smit", "Mulder", "de Boer", "Haddou"]
TALENTS = [
    "Werkt graag met de handen en buiten",
    "Zorgzaam, kookt graag en houdt van mensen helpen",
    "Technisch, repareert fietsen en apparaten",
    "Precies en netjes, houdt van opruimen en schoonmaken",
    "Sociaal, praat graag met klanten",
    "Houdt van dieren en de natuur",
    "Rustig werken, inpakken en sorteren",
]
WISHES = ["Magazijnmedewerker", "Kok", "Schoonmaker", "Fietsenmaker", "Zorg", "Hovenier", "Kassamedewerker"]


def seed_organisations(session: Session) -> tuple[list[Organisation], list[Organisation]]:
    """Twelve employers (one still pending) and ten activerend-werk locations."""
    employers = [_organisation(session, "employer", *e) for e in EMPLOYERS]
    locations = [_organisation(session, "location", *loc) for loc in LOCATIONS]
    employers[-1].status = "pending"  # one sign-up waiting for the adviser
    return employers, locations


def seed_placements(
    session: Session, adviser: Account, employers: list[Organisation], locations: list[Organisation]
) -> None:
    """Placements of every type, posted by the adviser on the organisations' behalf."""
    rng = random.Random(2025)
    for i, (kind, title, occupation, text) in enumerate(PLACEMENTS * 2):
        org = employers[i % (len(employers) - 1)]
        create_placement(
            session,
            actor=adviser,
            data=PlacementCreate(
                organisation_id=org.id,
                title=title,
                description=text,
                type=kind,
                occupation=occupation,
                phase=rng.choice(["orientatie", "ontwikkeling", "proef", "duurzaam"]),
                postcode=org.postcode,
                min_hours=rng.choice([0, 8, 16, 24]),
                max_hours=rng.choice([24, 32, 36, 40]),
                supports=rng.sample(
                    ["jobcoach", "werkplekaanpassing", "vervoer", "loonkostensubsidie", "werkbegeleiding"], 2
                ),
                capacity=rng.randint(1, 3),
                status="open",
                language_level=rng.choice(["none", "none", "A2", "B1"]),
            ),
        )
    for i, location in enumerate(locations):
        kind, title, text = ACTIVITIES[i]
        create_placement(
            session,
            actor=adviser,
            data=PlacementCreate(
                organisation_id=location.id,
                title=title,
                description=text,
                type=kind,
                postcode=location.postcode,
                phase=rng.choice(["orientatie", "ontwikkeling", "duurzaam"]),
                min_hours=rng.choice([0, 4, 8]),
                max_hours=rng.choice([12, 16, 24]),
                capacity=rng.randint(2, 6),
                status="open",
                supports=rng.sample(["jobcoach", "vervoer", "werkbegeleiding"], 1),
            ),
        )


def _organisation(session: Session, kind: str, name: str, postcode: str, sector: str) -> Organisation:
    slug = "".join(c for c in name.lower() if c.isalnum())[:20]
    org = Organisation(
        kind=kind,
        name=name,
        postcode=postcode,
        sector=sector,  # type: ignore[arg-type]
        contact_email=f"info@{slug}.example.nl",
        status="approved",
        approved_at=utcnow(),
    )
    session.add(org)
    session.flush()
    return org


def seed_residents(session: Session, consultants: list[Account]) -> None:
    """Sixty residents across routes, phases, ABC levels and indications, in two caseloads."""
    rng = random.Random(2026)
    today = date.today()
    postcodes = [e[1] for e in EMPLOYERS + LOCATIONS]
    for i in range(60):
        consultant = consultants[i % len(consultants)]
        route = rng.choice(["meedoen", "ontwikkeling", "snel", "snel", "ontwikkeling", None])
        resident = create_resident(
            session,
            actor=consultant,
            data=ResidentCreate(
                name=f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}",
                birth_year=rng.randint(1965, 2005),
                postcode=rng.choice(postcodes),
                route=route,
                snel_months=rng.choice([3, 6]) if route == "snel" else None,
                phase=rng.choice(["intake", "orientatie", "ontwikkeling", "nazorg"]),
                ladder_now=rng.randint(1, 5),
                ladder_target=rng.randint(3, 6),
                doelgroepregister=rng.random() < 0.2,
                beschut_advies=rng.random() < 0.1,
                wmo_dagbesteding=rng.random() < 0.1,
                ontheffing_until=today + timedelta(days=rng.randint(10, 200)) if rng.random() < 0.1 else None,
                hours_available=rng.choice([8, 12, 16, 24, 32, 36]),
                max_travel_km=rng.choice([5, 10, 15, 25]),
                driving_licence=rng.random() < 0.4,
                language_level=rng.choice(["A1", "A2", "B1", "B2"]),
                needs=rng.sample(["jobcoach", "werkplekaanpassing", "vervoer"], rng.randint(0, 2)),
                wished_occupations=rng.sample(WISHES, 2),
                talents=rng.choice(TALENTS),
                route_started_on=today - timedelta(days=rng.randint(0, 170)) if route else None,
                last_contact_on=today - timedelta(days=rng.randint(0, 500)),
            ),
        )
        if rng.random() < 0.85:
            record_abc(
                session,
                resident_id=resident.id,
                actor=consultant,  # type: ignore[arg-type]
                data=AbcMeasurementCreate(
                    level=f"G{rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 7])}",  # type: ignore[arg-type]
                    measured_on=today - timedelta(days=rng.randint(0, 300)),
                ),
            )
    seed_proposals(session)  # the carousel in motion: proposals in every state (demo_proposals.py)
