"""The employer's and location's own words for the municipality's codes (DOMAIN.md *Asking an
employer in its own words*): two plain questions; max_abc and routes derive from the answers,
the phase from the type (`placements.defaults`). An adviser sees and may adjust the codes."""

from __future__ import annotations

from typing import Any

QUESTION_GUIDANCE = "Hoeveel begeleiding kunt u bieden?"
QUESTION_STEP = "Is deze plek een stap naar betaald werk?"

# answer -> (words, max_abc); "eigen_professionals" only for a location.
GUIDANCE: dict[str, tuple[str, str]] = {
    "zelfstandig": ("De medewerker werkt zelfstandig", "G2"),
    "af_en_toe": ("Af en toe een vraag of instructie", "G3"),
    "dagelijks": ("Dagelijks iemand die meekijkt en helpt", "G4"),
    "intensief": ("Intensieve begeleiding op de werkvloer", "G5"),
    "eigen_professionals": ("Begeleiding door eigen professionals", "G6"),
}
# Rule 5: a G7 resident only goes to volunteering and activerend werk that take G7.
G7_TYPES = frozenset({"activerend_werk", "vrijwilligerswerk"})

STEP: dict[str, tuple[str, list[str]]] = {
    "ja": ("Ja, daar werken we naartoe", ["ontwikkeling", "snel"]),
    "eerste_stap": ("Ook als eerste stap, zonder dat doel", ["meedoen", "ontwikkeling", "snel"]),
}

FIELDS = ("guidance", "paid_work_step")


def guidance_choices(kind: str | None) -> list[tuple[str, str]]:
    return [(key, words) for key, (words, _) in GUIDANCE.items() if key != "eigen_professionals" or kind == "location"]


def step_choices() -> list[tuple[str, str]]:
    return [(key, words) for key, (words, _) in STEP.items()]


def max_abc_for(answer: str, placement_type: str | None) -> str:
    level = GUIDANCE[answer][1]
    if answer == "eigen_professionals" and placement_type in G7_TYPES:
        return "G7"
    return level


def apply_answers(data: dict[str, Any], *, kind: str | None) -> tuple[dict[str, Any], dict[str, str]]:
    """The form's plain answers turned into max_abc and routes (the answers themselves removed).

    An unanswered question leaves the codes as they are: the type's defaults on a new placement,
    the stored codes on an edit. The phase is not asked: the type's default applies. Returns the
    data and the errors of answers that are no choice of the form.
    """
    guidance, step = data.pop("guidance", "") or "", data.pop("paid_work_step", "") or ""
    errors = {}
    if guidance and guidance not in dict(guidance_choices(kind)):
        errors["guidance"] = "Kies hoeveel begeleiding u kunt bieden."
    elif guidance:
        data["max_abc"] = max_abc_for(guidance, data.get("type"))
    if step and step not in STEP:
        errors["paid_work_step"] = "Kies of deze plek een stap naar betaald werk is."
    elif step:
        data["routes"] = list(STEP[step][1])
    return data, errors


def answers_for(max_abc: str | None, routes: list[str] | None) -> dict[str, str]:
    """The answers that give these codes, to fill in the edit form ('' where none fits)."""
    guidance = next((key for key, (_, level) in GUIDANCE.items() if level == max_abc), "")
    if max_abc == "G7":
        guidance = "eigen_professionals"
    step = next((key for key, (_, codes) in STEP.items() if sorted(codes) == sorted(routes or [])), "")
    return {"guidance": guidance, "paid_work_step": step}
