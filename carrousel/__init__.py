"""Werkcarrousel: the matching marketplace for work and participation placements."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from . import access, db, errors, security
from .config import load_settings
from .hardening import install_guards

_HERE = Path(__file__).parent


def _shipped(name: str, package_name: str) -> str:
    """Top-level folders (templates/, seed/) in a checkout; inside the package when installed."""
    inside = _HERE / package_name
    return str(inside if inside.is_dir() else _HERE.parent / name)


TEMPLATES_DIR = _shipped("templates", "templates")
SEED_DIR = Path(_shipped("seed", "seed_data"))


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings, database, security, accounts, then the areas."""
    app = Flask(
        __name__,
        template_folder=TEMPLATES_DIR,
        instance_path=(test_config or {}).get("instance_path") or os.environ.get("CARROUSEL_INSTANCE_PATH") or None,
    )
    configure_settings(app, test_config)
    db.init_app(app)
    security.init_app(app)
    errors.init_app(app)
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
    # Imported here, not at module top, so that the areas can import the app's helpers freely.
    from . import admin, api, auth, catalogue, goals, home, matches, organisations, placements, proposals, residents
    from .agreements import register as register_agreements
    from .ownpages import register as register_ownpages
    from .participation import register as register_participation
    from .reminders import register as register_reminders
    from .settings import register as register_settings

    auth.init_app(app)
    app.register_blueprint(api.bp)
    security.csrf.exempt(api.bp)
    for area in (home, admin, organisations, placements, residents, matches, goals, catalogue, proposals):
        area.register(app)
    for register in (
        register_reminders,
        register_participation,
        register_settings,
        register_agreements,
        register_ownpages,
    ):
        register(app)
    for name, blueprint in app.blueprints.items():
        if name.endswith("_api"):
            security.csrf.exempt(blueprint)


def configure_templates(app: Flask) -> None:
    from .templating import register_template_helpers

    register_template_helpers(app)
