"""`carrousel seed`: the demo municipality and synthetic data for load runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask, current_app
from sqlmodel import Session, select

from ..auth.account import Account
from ..auth.service import create_user
from ..db import unit_of_work
from ..models import User
from ..settings.store import effective_settings
from .demo import seed_municipality, seed_organisations
from .demo_goals import seed_goal_history
from .income_parameters import load_parameters
from .occupations import load_occupations, recompute_kansrijk
from .synthetic import seed_synthetic

DEMO_PASSWORD = "demo-werkcarrousel"
DEMO_USERS = [
    ("consultant", "consulent@demo.werkcarrousel.nl", "Sanne de Vries (consulent)"),
    ("consultant", "consulent2@demo.werkcarrousel.nl", "Ahmed Bakker (consulent)"),
    ("adviser", "adviseur@demo.werkcarrousel.nl", "Joris Jansen (adviseur WSP)"),
    ("employer", "werkgever@demo.werkcarrousel.nl", "Petra Visser (werkgever)"),
    ("location", "aanbieder@demo.werkcarrousel.nl", "Kees Smit (aanbieder)"),
    ("admin", "beheer@demo.werkcarrousel.nl", "Functioneel beheer"),
]


def demo_logins() -> list[tuple[str, str]]:
    return [(role, email) for role, email, _ in DEMO_USERS]


def run_seed(
    app: Flask,
    *,
    demo: bool = False,
    residents: int = 0,
    placements: int = 0,
    random_seed: int = 1,
    occupations_file: str | None = None,
    echo: Callable[[str], Any] = print,
) -> None:
    with app.app_context():
        if occupations_file or demo:
            with unit_of_work(app) as session:
                count = load_occupations(session, occupations_file)
                changed = recompute_kansrijk(session)
            echo(f"{count} kansrijke beroepen geladen.")
            if changed:
                echo(f"Bij {changed} {'werkplek' if changed == 1 else 'werkplekken'} is kansrijk opnieuw bepaald.")
        if demo:
            with unit_of_work(app) as session:
                _seed_demo(session, echo)
        if residents or placements:
            seed_synthetic(app, residents=residents, placements=placements, random_seed=random_seed, echo=echo)


def _seed_demo(session: Session, echo: Callable[[str], Any]) -> None:
    """Idempotent: a demo that is already there is left as it is."""
    if session.exec(select(User).where(User.email == DEMO_USERS[0][1])).first():
        echo("Demogegevens staan er al.")
        return
    load_parameters(session)  # the income norms a paid start's counselling needs (migration 0012 ships them too)

    employers, locations = seed_organisations(session)
    organisation_of = {"employer": employers[0].id, "location": locations[0].id}
    accounts: dict[str, list[Account]] = {}
    for role, email, name in DEMO_USERS:
        user = create_user(
            session,
            email=email,
            password=DEMO_PASSWORD,
            role=role,
            name=name,
            organisation_id=organisation_of.get(role),
        )
        assert user.id is not None
        accounts.setdefault(role, []).append(Account(user.id, user.email, user.name, role, user.organisation_id, ""))
    seed_municipality(
        session,
        adviser=accounts["adviser"][0],
        consultants=accounts["consultant"],
        employers=employers,
        locations=locations,
    )
    days = seed_goal_history(session, effective_settings(session, current_app.config["CARROUSEL"]), date.today())
    echo(f"Demogemeente geladen: {len(employers)} werkgevers, {len(locations)} locaties, 60 inwoners.")
    echo(f"Doelen: {days} dagen voorgeschiedenis voor de grafieken.")
