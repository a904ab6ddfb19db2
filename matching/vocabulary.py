"""The words of DOMAIN.md: placement types, routes, phases, levels, supports.

One place for the vocabulary that the engine, the models and the pages share.
"""

from typing import Literal, get_args

PlacementType = Literal[
    "internship",
    "proefplaatsing",
    "participatieplaats",
    "activerend_werk",
    "vrijwilligerswerk",
    "beschut",
    "banenafspraak",
    "detacheringsbaan",
    "regulier",
]
PLACEMENT_TYPES: tuple[str, ...] = get_args(PlacementType)

PLACEMENT_TYPE_LABELS = {
    "internship": "Werkstage / snuffelstage",
    "proefplaatsing": "Proefplaatsing",
    "participatieplaats": "Participatieplaats",
    "activerend_werk": "Activerend werk",
    "vrijwilligerswerk": "Vrijwilligerswerk",
    "beschut": "Beschut werk",
    "banenafspraak": "Banenafspraak-baan",
    "detacheringsbaan": "Detacheringsbaan",
    "regulier": "Regulier betaald werk",
}
PAID_TYPES = frozenset({"beschut", "banenafspraak", "detacheringsbaan", "regulier"})
# The only types a resident at G7 may be matched to (DOMAIN.md, eligibility rule 5).
G7_TYPES = frozenset({"vrijwilligerswerk", "activerend_werk"})
# What the public catalogue shows (seed: Aansluiting platform Activerend werk).
CATALOGUE_TYPES = ("activerend_werk", "vrijwilligerswerk")

Route = Literal["meedoen", "ontwikkeling", "snel"]
ROUTES: tuple[str, ...] = get_args(Route)
ROUTE_LABELS = {
    "meedoen": "Meedoen",
    "ontwikkeling": "Ontwikkeling naar werk",
    "snel": "Snel naar werk",
}

PlacementPhase = Literal["orientatie", "ontwikkeling", "proef", "duurzaam"]
PLACEMENT_PHASES: tuple[str, ...] = get_args(PlacementPhase)
PLACEMENT_PHASE_LABELS = {
    "orientatie": "Oriëntatie",
    "ontwikkeling": "Ontwikkeling",
    "proef": "Proef",
    "duurzaam": "Duurzaam",
}

ResidentPhase = Literal["intake", "orientatie", "ontwikkeling", "nazorg"]
RESIDENT_PHASES: tuple[str, ...] = get_args(ResidentPhase)
RESIDENT_PHASE_LABELS = {
    "intake": "Intake",
    "orientatie": "Oriëntatie",
    "ontwikkeling": "Ontwikkeling",
    "nazorg": "Nazorg",
}

AbcLevel = Literal["G1", "G2", "G3", "G4", "G5", "G6", "G7"]
ABC_LEVELS: tuple[str, ...] = get_args(AbcLevel)
ABC_LABELS = {
    "G1": "G1 (in balans)",
    "G2": "G2",
    "G3": "G3",
    "G4": "G4",
    "G5": "G5",
    "G6": "G6",
    "G7": "G7 (uit balans)",
}

LanguageLevel = Literal["none", "A1", "A2", "B1", "B2", "C1"]
LANGUAGE_LEVELS: tuple[str, ...] = get_args(LanguageLevel)
LANGUAGE_LABELS = {"none": "Geen eis", "A1": "A1", "A2": "A2", "B1": "B1", "B2": "B2", "C1": "C1"}
# "Geen eis" is a placement's requirement; a resident's own level is unknown or absent.
RESIDENT_LANGUAGE_LABELS = {**LANGUAGE_LABELS, "none": "Geen / onbekend"}

PhysicalLoad = Literal["light", "medium", "heavy"]
PHYSICAL_LOADS: tuple[str, ...] = get_args(PhysicalLoad)
PHYSICAL_LABELS = {"light": "Licht", "medium": "Gemiddeld", "heavy": "Zwaar"}

Support = Literal["jobcoach", "werkplekaanpassing", "vervoer", "loonkostensubsidie", "werkbegeleiding"]
SUPPORTS: tuple[str, ...] = get_args(Support)
SUPPORT_LABELS = {
    "jobcoach": "Jobcoach",
    "werkplekaanpassing": "Werkplekaanpassing",
    "vervoer": "Vervoer",
    "loonkostensubsidie": "Loonkostensubsidie mogelijk",
    "werkbegeleiding": "Interne werkbegeleiding",
}

PlacementStatus = Literal["draft", "open", "filled", "closed"]
PLACEMENT_STATUSES: tuple[str, ...] = get_args(PlacementStatus)
PLACEMENT_STATUS_LABELS = {
    "draft": "Concept",
    "open": "Open",
    "filled": "Vervuld",
    "closed": "Gesloten",
}

LADDER_LABELS = {
    1: "1 Geïsoleerd",
    2: "2 Sociale contacten buitenshuis",
    3: "3 Deelname aan georganiseerde activiteiten",
    4: "4 Onbetaald werk",
    5: "5 Betaald werk met ondersteuning",
    6: "6 Betaald werk zonder ondersteuning",
}

YOUNG_AGE = 27  # "jongeren < 27" and Participatiewet art. 10a


def abc_number(level: str | None) -> int:
    """G1..G7 as 1..7; 0 for no measurement."""
    return int(level[1]) if level else 0
