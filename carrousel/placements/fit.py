"""Which placement types and supports fit an organisation: one place for the form and the service.

An activerend-werk location offers unpaid places only (DOMAIN.md: structured unpaid activity);
loonkostensubsidie is a wage subsidy, so it only goes with paid work.
"""

from __future__ import annotations

from matching.vocabulary import PAID_TYPES, PLACEMENT_TYPE_LABELS, PLACEMENT_TYPES, SUPPORTS

UNPAID_TYPES: tuple[str, ...] = tuple(t for t in PLACEMENT_TYPES if t not in PAID_TYPES)
TYPES_BY_KIND: dict[str, tuple[str, ...]] = {"employer": PLACEMENT_TYPES, "location": UNPAID_TYPES}
PAID_ONLY_SUPPORTS = frozenset({"loonkostensubsidie"})


def types_for(kind: str | None) -> tuple[str, ...]:
    """The placement types an organisation of this kind may post (all when unknown)."""
    return TYPES_BY_KIND.get(kind or "", PLACEMENT_TYPES)


def supports_for(placement_type: str | None) -> tuple[str, ...]:
    """The supports a placement of this type may offer (all when the type is not chosen yet)."""
    if placement_type and placement_type not in PAID_TYPES:
        return tuple(s for s in SUPPORTS if s not in PAID_ONLY_SUPPORTS)
    return SUPPORTS


def fit_errors(kind: str, placement_type: str, supports: list[str]) -> dict[str, str]:
    """field -> Dutch message for a type or support that does not fit the organisation."""
    errors: dict[str, str] = {}
    if placement_type not in types_for(kind):
        allowed = ", ".join(PLACEMENT_TYPE_LABELS[t].lower() for t in types_for(kind))
        errors["type"] = f"Een aanbieder van activerend werk plaatst alleen onbetaalde plekken: {allowed}."
    if placement_type not in PAID_TYPES and PAID_ONLY_SUPPORTS & set(supports):
        errors["supports"] = "Loonkostensubsidie hoort alleen bij betaald werk; vink haar uit of kies betaald werk."
    return errors
