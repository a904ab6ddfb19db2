"""Werkcarrousel: the matching marketplace for work and participation placements."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from . import (
    access,
    admin,
    api,
    auth,
    cases,
    catalogue,
    db,
    errors,
    goals,
    home,
    matches,
    organisations,
    outage,
    placements,
    proposals,
    residents,
    security,
)
from .agreements import register as register_agreements
from .config import load_settings
from .hardening import install_guards
from .income import register as register_income
from .ownpages import register as register_ownpages
from .participation import register as register_participation
from .paths import SEED_DIR, TEMPLATES_DIR
from .reminders import register as register_reminders
from .settings import register as register_settings
from .templating import register_template_helpers

__all__ = ["SEED_DIR", "TEMPLATES_DIR", "create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings, database, security, accounts, then the areas."""
    app = Flask(
        __name__,
        template_folder=str(TEMPLATES_DIR),
        instance_path=(test_config or {}).get("instance_path") or os.environ.get("CARROUSEL_INSTANCE_PATH") or None,
    )
    configure_settings(app, test_config)
    db.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    outage.init_app(app)
    install_guards(app)  # before the areas: the id converter applies when URLs register
    access.init_app(app)
    configure_areas(app)
    configure_templates(app)
    return app


def configure_settings(app: Flask, test_config: dict[str, Any] | None) -> None:
    settings = load_settings(Path(app.instance_path), test_config)
    app.config["CARROUSEL"] = settings
    app.config["SECRET_KEY"] = settings["app"]["secret_key"]
    app.config["TESTING"] = bool(settings.get("testing", False))
    app.json.sort_keys = False  # type: ignore[attr-defined]


def configure_areas(app: Flask) -> None:
    auth.init_app(app)
    app.register_blueprint(api.bp)
    security.csrf.exempt(api.bp)
    for area in (home, admin, organisations, placements, residents, matches, goals, catalogue, proposals):
        area.register(app)
    for register in (
        register_reminders,
        register_participation,
        register_settings,
        register_income,
        cases.register,
        register_agreements,
        register_ownpages,
    ):
        register(app)
    for name, blueprint in app.blueprints.items():
        if name.endswith("_api"):
            security.csrf.exempt(blueprint)


def configure_templates(app: Flask) -> None:
    register_template_helpers(app)
