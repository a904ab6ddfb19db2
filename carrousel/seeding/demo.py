"""A demo municipality in the Food Valley: employers, locations, placements, residents.

Coherent on purpose: each organisation offers work of its own trade (a bakery bakes, a
supermarket fills shelves and runs tills, a cleaning firm cleans, a location offers its own
activities), and each resident wishes for a trade and tells of talents that fit it, so the
match reasons ("sluit aan bij een gewenst beroep", "talenten passen bij de omschrijving")
read right on the pages.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session

from ..auth.account import Account
from ..models import (
    AbcMeasurementCreate,
    InterestMessage,
    Organisation,
    Placement,
    PlacementCreate,
    Resident,
    ResidentCreate,
    utcnow,
)
from ..models.interest import CONSENT_TEXT
from ..placements.operations import create_placement
from ..residents.operations import create_resident, record_abc
from .demo_cases import seed_case_stories
from .demo_proposals import seed_proposals

# (name, postcode, sector); the first employer and the first location get the demo accounts,
# the last employer is a sign-up still waiting for the adviser.
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
# Per employer, in the order of EMPLOYERS: (type, title, occupation from the UWV list,
# physical load, description). The pending sign-up (last) has no placements yet.
WORK: list[list[tuple[str, str, str, str, str]]] = [
    [
        (
            "banenafspraak",
            "Medewerker bakkerij",
            "Brood- en banketbakkers",
            "medium",
            "Deeg afwegen, brood vormen en bakken, en het brood inpakken voor de winkel.",
        ),
        (
            "internship",
            "Snuffelstage bakkerij",
            "Brood- en banketbakkers",
            "medium",
            "Een week vroeg beginnen en meebakken: brood, koek en gebak.",
        ),
        (
            "regulier",
            "Verkoper in de bakkerswinkel",
            "Verkoopmedewerkers food",
            "light",
            "Klanten helpen, brood snijden en afrekenen in de winkel.",
        ),
    ],
    [
        (
            "regulier",
            "Orderpicker",
            "Magazijn-, expeditiemedewerkers en orderpickers",
            "heavy",
            "Orders verzamelen met de scanner en pakketten inpakken in het magazijn.",
        ),
        (
            "detacheringsbaan",
            "Heftruckchauffeur",
            "Heftruckchauffeurs",
            "medium",
            "Vrachtwagens laden en lossen met de heftruck en pallets opslaan.",
        ),
        (
            "proefplaatsing",
            "Medewerker expeditie",
            "Magazijn-, expeditiemedewerkers en orderpickers",
            "medium",
            "Zendingen controleren, etiketteren en klaarzetten voor vervoer.",
        ),
    ],
    [
        (
            "internship",
            "Snuffelstage zorg",
            "Helpenden",
            "medium",
            "Een week meelopen met helpenden: bewoners helpen, koffie rondbrengen, een praatje maken.",
        ),
        (
            "participatieplaats",
            "Huishoudelijk medewerker zorg",
            "Huishoudelijk medewerkers",
            "medium",
            "Kamers van bewoners schoonhouden, de was doen en bedden opmaken.",
        ),
        (
            "regulier",
            "Helpende zorg en welzijn",
            "Helpenden",
            "medium",
            "Bewoners helpen bij wassen, aankleden en eten, en activiteiten begeleiden.",
        ),
    ],
    [
        (
            "banenafspraak",
            "Medewerker bediening",
            "Medewerkers bediening horeca",
            "light",
            "Gasten ontvangen, bestellingen opnemen en de tafels dekken en afruimen.",
        ),
        (
            "proefplaatsing",
            "Keukenassistent",
            "Keukenassistenten",
            "medium",
            "Groenten snijden, salades maken en de keuken netjes houden.",
        ),
        ("detacheringsbaan", "Afwasser", "Afwassers", "medium", "De vaat doen en de spoelkeuken op orde houden."),
    ],
    [
        (
            "internship",
            "Werkstage timmeren",
            "Timmerlieden (onderhoud en civiele bouw)",
            "heavy",
            "Meewerken met een timmerman: kozijnen, deuren en vloeren.",
        ),
        (
            "proefplaatsing",
            "Onderhoudsmedewerker gebouwen",
            "Onderhoudsmedewerkers gebouwen",
            "heavy",
            "Kleine reparaties, schilderwerk en onderhoud aan woningen.",
        ),
    ],
    [
        (
            "detacheringsbaan",
            "Schoonmaker kantoren",
            "Schoonmakers",
            "medium",
            "Kantoren schoonmaken in een vaste ploeg, vroeg in de ochtend.",
        ),
        (
            "beschut",
            "Schoonmaker in een vast team",
            "Schoonmakers",
            "medium",
            "Schoonmaken op vaste plekken met een vaste begeleider.",
        ),
        (
            "proefplaatsing",
            "Glazenwasser in opleiding",
            "Glazenwassers",
            "medium",
            "Ramen wassen van winkels en kantoren, met de hoogwerker of vanaf de grond.",
        ),
    ],
    [
        (
            "participatieplaats",
            "Medewerker groenonderhoud",
            "(Voorman) hoveniers, groenonderhoud",
            "heavy",
            "Snoeien, maaien en plantsoenen bijhouden in de wijk.",
        ),
        (
            "proefplaatsing",
            "Hovenier in opleiding",
            "(Voorman) hoveniers, groenonderhoud",
            "heavy",
            "Tuinen aanleggen: bestraten, planten en gras zaaien.",
        ),
    ],
    [
        (
            "participatieplaats",
            "Vakkenvuller",
            "Verkoopmedewerkers food",
            "medium",
            "Vakken vullen, producten spiegelen en de houdbaarheid controleren.",
        ),
        ("regulier", "Kassamedewerker", "Kassamedewerkers", "light", "Afrekenen en klanten helpen aan de kassa."),
        (
            "banenafspraak",
            "Medewerker versafdeling",
            "Verkoopmedewerkers food",
            "light",
            "Groente en fruit uitstallen en klanten helpen op de versafdeling.",
        ),
    ],
    [
        (
            "internship",
            "Werkstage installatietechniek",
            "Elektriciens, installateurs (incl. zonnepanelen en laadpalen)",
            "medium",
            "Meewerken met een monteur: zonnepanelen en laadpalen aansluiten.",
        ),
        (
            "proefplaatsing",
            "Leerling-loodgieter",
            "Loodgieters, installateurs",
            "medium",
            "Leidingen leggen en kranen en cv-ketels aansluiten met een ervaren loodgieter.",
        ),
    ],
    [
        (
            "proefplaatsing",
            "Fietsenmaker in opleiding",
            "Rijwielmonteurs",
            "light",
            "Fietsen repareren en onderhouden in de werkplaats.",
        ),
        (
            "internship",
            "Snuffelstage fietsenwerkplaats",
            "Rijwielmonteurs",
            "light",
            "Meekijken en meesleutelen: banden plakken, remmen en versnellingen afstellen.",
        ),
    ],
    [
        (
            "beschut",
            "Medewerker inpakafdeling",
            "Assemblagemedewerkers",
            "light",
            "Rustig inpakwerk aan de band met vaste begeleiding.",
        ),
        (
            "regulier",
            "Operator productielijn",
            "(Hoofd)operators proces- en levensmiddelenindustrie",
            "medium",
            "De machines van de productielijn instellen en bewaken.",
        ),
    ],
]
# Per location, in the order of LOCATIONS: its own activities (type, title, description).
ACTIVITIES: list[list[tuple[str, str, str]]] = [
    [
        (
            "vrijwilligerswerk",
            "Gastvrouw of gastheer buurthuis",
            "Koffie schenken, bezoekers ontvangen en een praatje maken.",
        ),
        (
            "activerend_werk",
            "Klusjes in het buurthuis",
            "Kleine klussen, opruimen en de zaal klaarzetten voor activiteiten.",
        ),
    ],
    [("activerend_werk", "Meewerken in de kringloopwinkel", "Spullen sorteren, prijzen en de winkel inrichten.")],
    [("activerend_werk", "Tuinieren op de zorgboerderij", "Samen werken in de moestuin en met de dieren.")],
    [("vrijwilligerswerk", "Reparateur Repair Café", "Samen met bezoekers apparaten en fietsen repareren.")],
    [("activerend_werk", "Tuinier in de stadsmoestuin", "Zaaien, wieden en oogsten in een rustige tuin.")],
    [("vrijwilligerswerk", "Verzorger dierenweide", "Dieren voeren en de stallen schoonhouden.")],
    [("vrijwilligerswerk", "Helpen bij de voedselbank", "Pakketten samenstellen, sorteren en uitdelen.")],
    [("activerend_werk", "Houtbewerking in de werkplaats", "Meubels maken en opknappen in een rustige werkplaats.")],
    [("activerend_werk", "Meekoken in het wijkrestaurant", "Samen koken en de tafels dekken voor buurtbewoners.")],
    [("activerend_werk", "Fietsen opknappen", "Gebruikte fietsen nakijken en repareren voor de verkoop.")],
]
# Per type: the phase it offers and the supports it can give (loonkostensubsidie only where
# the work is paid).
PHASE = {
    "internship": "orientatie",
    "proefplaatsing": "proef",
    "participatieplaats": "ontwikkeling",
    "beschut": "duurzaam",
    "banenafspraak": "duurzaam",
    "detacheringsbaan": "duurzaam",
    "regulier": "duurzaam",
}
SUPPORTS = {
    "internship": ["werkbegeleiding"],
    "proefplaatsing": ["werkbegeleiding", "jobcoach"],
    "participatieplaats": ["werkbegeleiding"],
    "beschut": ["jobcoach", "werkplekaanpassing", "werkbegeleiding"],
    "banenafspraak": ["jobcoach", "loonkostensubsidie", "werkplekaanpassing"],
    "detacheringsbaan": ["werkbegeleiding", "vervoer"],
    "regulier": ["loonkostensubsidie"],
}
# What residents wish for and tell about themselves: (wished occupations, wished sectors,
# talents). Each trade of the demo's organisations has people who want it.
PERSONAS = [
    (["Brood- en banketbakkers"], ["Detailhandel"], "Bakt graag brood en gebak en begint graag vroeg."),
    (
        ["Magazijn-, expeditiemedewerkers en orderpickers", "Heftruckchauffeurs"],
        ["Transport - logistiek"],
        "Werkt graag fysiek: inpakken, sorteren en orders verzamelen in een magazijn.",
    ),
    (["Helpenden", "Huishoudelijk medewerkers"], ["Zorg"], "Zorgzaam, helpt graag ouderen en maakt graag een praatje."),
    (
        ["Keukenassistenten", "Medewerkers bediening horeca"],
        ["Horeca"],
        "Gastvrij, kookt graag en werkt graag met gasten in een team.",
    ),
    (
        ["Timmerlieden (onderhoud en civiele bouw)", "Onderhoudsmedewerkers gebouwen"],
        ["Bouw"],
        "Klust graag: timmeren, schilderen en reparaties aan huis.",
    ),
    (
        ["Schoonmakers", "Glazenwassers"],
        ["Schoonmaak - reiniging"],
        "Precies en netjes, houdt van opruimen en schoonmaken.",
    ),
    (
        ["(Voorman) hoveniers, groenonderhoud"],
        ["Landbouw, natuur en milieu"],
        "Werkt graag buiten: snoeien, maaien en planten in de tuin.",
    ),
    (["Kassamedewerkers", "Verkoopmedewerkers food"], ["Detailhandel"], "Sociaal, helpt graag klanten in de winkel."),
    (
        ["Elektriciens, installateurs (incl. zonnepanelen en laadpalen)", "Loodgieters, installateurs"],
        ["Installatie"],
        "Technisch, sluit graag apparaten aan en sleutelt aan leidingen.",
    ),
    (["Rijwielmonteurs"], ["Voertuigentechniek", "Techniek"], "Technisch, repareert graag fietsen en sleutelt graag."),
    (["Assemblagemedewerkers"], ["Industrie"], "Werkt graag rustig en precies: inpakken en sorteren aan de band."),
    ([], ["Dieren", "Landbouw, natuur en milieu"], "Houdt van dieren en de natuur: voeren en stallen verzorgen."),
    ([], ["Welzijn"], "Maakt graag een praatje, schenkt koffie en helpt in de buurt."),
    (
        ["Brood- en banketbakkers", "Verkoopmedewerkers food"],
        ["Detailhandel"],
        "Werkt graag met eten: bakken, inpakken en verkopen.",
    ),
]
FIRST = ["Sanne", "Mohammed", "Lotte", "Daan", "Fatima", "Jeroen", "Aylin", "Bram", "Noor", "Kevin", "Samira", "Tim"]
LAST = ["de Jong", "Jansen", "El Amrani", "Bakker", "Visser", "Yilmaz", "Smit", "Mulder", "de Boer", "Haddou"]


def seed_municipality(
    session: Session,
    *,
    adviser: Account,
    consultants: list[Account],
    employers: list[Organisation],
    locations: list[Organisation],
) -> None:
    """Placements and residents of the demo, after its organisations and accounts."""
    placements = seed_placements(session, adviser, employers, locations)
    seed_residents(session, consultants)
    seed_interest(session, next(p for p in placements if p.organisation_id == locations[0].id))
    seed_proposals(session)  # the carousel in motion: proposals in every state (demo_proposals.py)
    seed_case_stories(session)  # a closed case, part-time work beside participation, an extension


def seed_organisations(session: Session) -> tuple[list[Organisation], list[Organisation]]:
    """Twelve employers (one still pending) and ten activerend-werk locations."""
    employers = [_organisation(session, "employer", *e) for e in EMPLOYERS]
    locations = [_organisation(session, "location", *loc) for loc in LOCATIONS]
    employers[-1].status = "pending"  # one sign-up waiting for the adviser
    employers[-1].approved_at = None
    return employers, locations


def seed_placements(
    session: Session, adviser: Account, employers: list[Organisation], locations: list[Organisation]
) -> list[Placement]:
    """Each organisation's own work, posted by the adviser on its behalf, all open."""
    rng = random.Random(2025)
    placements = []
    for org, work in zip(employers, WORK, strict=False):
        for kind, title, occupation, load, text in work:
            low = rng.choice([0, 8, 16, 24]) if kind not in ("regulier", "detacheringsbaan") else rng.choice([16, 24])
            data = PlacementCreate(
                organisation_id=org.id,
                title=title,
                description=text,
                type=kind,  # type: ignore[arg-type]
                occupation=occupation,
                phase=PHASE[kind],  # type: ignore[arg-type]
                physical_load=load,  # type: ignore[arg-type]
                postcode=org.postcode,
                min_hours=low,
                max_hours=rng.choice([max(low, 24), 32, 36]),
                supports=SUPPORTS[kind],  # type: ignore[arg-type]
                capacity=rng.randint(1, 3),
                status="open",
                language_level=rng.choice(["none", "A2", "A2", "B1"]),
            )
            placements.append(create_placement(session, actor=adviser, data=data))
    for location, activities in zip(locations, ACTIVITIES, strict=True):
        for kind, title, text in activities:
            data = PlacementCreate(
                organisation_id=location.id,
                title=title,
                description=text,
                type=kind,  # type: ignore[arg-type]
                postcode=location.postcode,
                phase=rng.choice(["orientatie", "ontwikkeling", "duurzaam"]),
                min_hours=rng.choice([0, 4, 8]),
                max_hours=rng.choice([12, 16, 24]),
                capacity=rng.randint(2, 6),
                status="open",
                supports=rng.sample(["jobcoach", "vervoer", "werkbegeleiding"], 1),
            )
            placements.append(create_placement(session, actor=adviser, data=data))
    return placements


def seed_interest(session: Session, place: Placement) -> None:
    """One visitor of the catalogue wrote to the demo location about one of its places."""
    session.add(
        InterestMessage(
            placement_id=place.id,  # type: ignore[arg-type]
            organisation_id=place.organisation_id,
            name="Mila Hendriks",
            contact="06 12345678",
            message="Ik woon om de hoek en zou graag op dinsdagochtend komen helpen. Kan ik een keer langskomen?",
            consent_text=CONSENT_TEXT,
            sender_key="demo",
        )
    )
    session.flush()


def _near(sectors: list[str]) -> list[str]:
    """Postcodes of the organisations in these sectors: the demo's residents live near their trade."""
    return [postcode for _name, postcode, sector in EMPLOYERS + LOCATIONS if sector in sectors]


def _organisation(session: Session, kind: str, name: str, postcode: str, sector: str) -> Organisation:
    slug = "".join(c for c in name.lower() if c.isalnum())[:20]
    org = Organisation(
        kind=kind,  # type: ignore[arg-type]
        name=name,
        postcode=postcode,
        sector=sector,
        contact_email=f"info@{slug}.example.nl",
        status="approved",
        approved_at=utcnow(),
    )
    session.add(org)
    session.flush()
    return org


def seed_residents(session: Session, consultants: list[Account]) -> list[Resident]:
    """Sixty residents across routes, phases, ABC levels and indications, in two caseloads;
    each wishes for a trade the demo offers and says what they are good at."""
    rng = random.Random(2026)
    today = date.today()
    postcodes = [e[1] for e in EMPLOYERS + LOCATIONS]
    residents = []
    for i in range(60):
        consultant = consultants[i % len(consultants)]
        occupations, sectors, talents = PERSONAS[i % len(PERSONAS)]
        route = rng.choice(["meedoen", "ontwikkeling", "snel", "snel", "ontwikkeling", None])
        data = ResidentCreate(
            name=f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}",
            birth_year=rng.randint(1965, 2005),
            postcode=rng.choice(_near(sectors) or postcodes),
            route=route,  # type: ignore[arg-type]
            snel_months=rng.choice([3, 6]) if route == "snel" else None,
            phase=rng.choice(["intake", "orientatie", "ontwikkeling", "nazorg"]),
            ladder_now=rng.randint(1, 5),
            ladder_target=rng.randint(3, 6),
            doelgroepregister=rng.random() < 0.2,
            beschut_advies=rng.random() < 0.1,
            wmo_dagbesteding=rng.random() < 0.1,
            ontheffing_until=today + timedelta(days=rng.randint(10, 90)) if rng.random() < 0.1 else None,
            hours_available=rng.choice([8, 12, 16, 24, 32, 36]),
            max_travel_km=rng.choice([10, 15, 25]),
            driving_licence=rng.random() < 0.4,
            language_level=rng.choice(["A1", "A2", "B1", "B2"]),
            physical_capacity=rng.choice(["light", "medium", "medium", "heavy"]),
            needs=rng.sample(["jobcoach", "werkplekaanpassing", "vervoer"], rng.randint(0, 2)),
            wished_occupations=occupations,
            wished_sectors=sectors,
            talents=talents,
            route_started_on=today - timedelta(days=rng.randint(0, 170)) if route else None,
            last_contact_on=today - timedelta(days=rng.randint(0, 500)),
        )
        if i % 6 == 5:
            # A few residents last confirmed their hours and wishes at their last contact, long ago:
            # the demo shows the stale mark ("niet bevestigd sinds ...") and its lower rank.
            data.availability_confirmed_on = data.last_contact_on
        # The same draws in the same order as before, so the demo's other facts stay put.
        level = f"G{rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 7])}" if rng.random() < 0.85 else None
        measured_on = today - timedelta(days=rng.randint(0, 300)) if level else None
        if level in ("G6", "G7") and data.route == "snel":
            # Snel naar werk is for residents who can work soon: G6 and G7 take part first (meedoen).
            data.route, data.snel_months = "meedoen", None
        resident = create_resident(session, actor=consultant, data=data)
        if level and measured_on:
            record_abc(
                session,
                resident_id=resident.id,  # type: ignore[arg-type]
                actor=consultant,
                data=AbcMeasurementCreate(level=level, measured_on=measured_on),  # type: ignore[arg-type]
            )
        residents.append(resident)
    return residents
