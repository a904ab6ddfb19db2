"""What the resident reads: plain B1 Dutch, no codes (no "G4", no "snel"), short sentences."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

ROUTE_WORDS = {
    "snel": "U zoekt betaald werk. Het doel is dat u binnen een paar maanden werk heeft.",
    "ontwikkeling": "U werkt stap voor stap naar betaald werk. Daar nemen we ongeveer een jaar voor.",
    "meedoen": "U doet mee in de samenleving, bijvoorbeeld met vrijwilligerswerk of werk met begeleiding.",
}
# The ABC level as the help a resident needs, never the code.
ABC_WORDS = {
    "G1": "U kunt zelfstandig werken.",
    "G2": "U kunt bijna alles zelf. Soms heeft u een vraag.",
    "G3": "U werkt graag met af en toe uitleg of hulp.",
    "G4": "U heeft elke dag iemand nodig die met u meekijkt en helpt.",
    "G5": "U heeft veel begeleiding nodig op het werk.",
    "G6": "U werkt het best met begeleiding van professionals.",
    "G7": "Nu is werk nog een te grote stap. Eerst komt er rust en hulp.",
}
PHASE_WORDS = {
    "intake": "We leren u kennen.",
    "orientatie": "U kijkt wat bij u past.",
    "ontwikkeling": "U leert en oefent op een werkplek.",
    "nazorg": "U heeft werk. Uw consulent vraagt soms hoe het gaat.",
}
LANGUAGE_WORDS = {
    "none": "Niet bekend",
    "A1": "U kent een paar woorden Nederlands.",
    "A2": "U kunt eenvoudige gesprekken voeren in het Nederlands.",
    "B1": "U kunt de meeste gesprekken in het Nederlands voeren.",
    "B2": "U spreekt en schrijft goed Nederlands.",
    "C1": "U spreekt en schrijft heel goed Nederlands.",
}
PHYSICAL_WORDS = {"light": "Licht werk", "medium": "Gewoon werk, niet te zwaar", "heavy": "Ook zwaar werk"}
SUPPORT_WORDS = {
    "jobcoach": "een jobcoach die u helpt",
    "werkplekaanpassing": "een aangepaste werkplek",
    "vervoer": "hulp bij vervoer naar het werk",
    "loonkostensubsidie": "geld voor de werkgever, zodat u daar kunt werken",
    "werkbegeleiding": "iemand op het werk die u begeleidt",
}
PLACEMENT_TYPE_WORDS = {
    "internship": "een stage om te kijken en te leren",
    "proefplaatsing": "een proefplaats: een paar maanden werken met behoud van uitkering",
    "participatieplaats": "een participatieplaats: werken met behoud van uitkering",
    "activerend_werk": "werk met begeleiding",
    "vrijwilligerswerk": "vrijwilligerswerk",
    "beschut": "werk met veel begeleiding, met een salaris",
    "banenafspraak": "een baan met salaris, met extra steun",
    "detacheringsbaan": "een baan met salaris via een uitzender",
    "regulier": "een gewone baan met salaris",
}
# What the resident reads about each proposal: where it stands, then what happens next.
STATUS_WORDS = {
    "proposed": (
        "Uw consulent stelt deze plek voor.",
        "Wilt u kennismaken? Geef dan toestemming. Dan mag de organisatie uw gegevens zien.",
    ),
    "consented": (
        "U gaf toestemming.",
        "De organisatie bekijkt het voorstel. Misschien nodigt zij u uit voor een gesprek.",
    ),
    "introduced": (
        "De organisatie nodigt u uit voor een gesprek.",
        "Na het gesprek maken u, de organisatie en uw consulent samen afspraken.",
    ),
    "started": ("U werkt hier nu.", "Heeft u vragen? Neem contact op met uw consulent."),
    "ended": ("Deze plek is afgelopen.", "Uw consulent bespreekt met u wat de volgende stap is."),
    "declined": ("De organisatie heeft nee gezegd.", "Uw consulent zoekt samen met u verder."),
    "withdrawn": ("Dit voorstel is gestopt.", "Uw consulent zoekt samen met u verder."),
}
# What the organisation may see when the resident agrees (the consent's scope).
SCOPE_FIELDS = ("hours_available", "language_level", "driving_licence", "wished_occupations", "talents")
SCOPE_WORDS = {
    "hours_available": "hoeveel uur u per week kunt werken",
    "language_level": "hoe goed u Nederlands spreekt",
    "driving_licence": "of u een rijbewijs heeft",
    "wished_occupations": "welk werk u zoekt",
    "talents": "wat u goed kunt en leuk vindt",
}
WITHDRAW_BEFORE_START = "Wilt u toch niet? Dan stopt dit voorstel."
WITHDRAW_RUNNING = (
    "Trekt u uw toestemming in? Dan ziet de organisatie uw gegevens niet meer. "
    "Uw plek stopt daardoor niet. Praat er ook over met uw consulent."
)
ATTENDANCE_WORDS = {"good": "Altijd op tijd aanwezig", "mixed": "Meestal aanwezig", "poor": "Vaak afwezig"}
RECOMMENDATION_WORDS = {
    "hire": "Klaar voor betaald werk",
    "extend": "Nog wat langer op deze plek blijven",
    "next_step": "Een volgende stap op een andere plek",
    "stop": "Stoppen en samen iets anders zoeken",
}


def long_date(day: date | None) -> str:
    """'7 december 2026'."""
    return "" if day is None else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def yes_no(value: bool | None) -> str:
    return "Ja" if value else "Nee"


def words_list(items: list[str]) -> str:
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def what_organisation_sees(scope: list[str], organisation: str) -> str:
    """The sentence beside the consent button: what the organisation will see, in plain words."""
    shown = [SCOPE_WORDS[name] for name in SCOPE_FIELDS if name in scope]
    if not shown:
        return f"{organisation} ziet alleen dat uw consulent u voorstelt. Uw naam ziet zij pas bij een uitnodiging."
    return (
        f"{organisation} ziet dan: {words_list(shown)}. Uw naam ziet zij pas als zij u uitnodigt. "
        "Uw adres, uw uitkering en uw gezondheid ziet zij nooit."
    )
