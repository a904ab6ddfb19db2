"""Configuration: defaults that need nothing, then a TOML file, then the environment."""

from __future__ import annotations

import copy
import os
import secrets
import tomllib
from pathlib import Path
from typing import Any

from matching.profiles import DEFAULT_WEIGHTS

# Every key here is documented in config.example.toml with the same default.
DEFAULTS: dict[str, Any] = {
    "app": {
        "secret_key": "",
        "database_url": "",
        "secure_cookies": True,
        "max_upload_mb": 5,
        "max_import_rows": 10_000,
        "session_hours": 8,
        "token_hours": 12,
        "page_size": 25,
        "trusted_hosts": [],
        "base_url": "",
    },
    # The resident's own pages (/ik): how long a sign-in link from the consultant stays valid,
    # how long the session it opens lasts, and how many tries one address gets per hour.
    "residents": {"link_days": 14, "session_hours": 2, "link_tries_per_hour": 20},
    # Placement types that need an agreement acknowledged by all three before they start.
    "agreements": {"required_types": ["proefplaatsing", "participatieplaats"]},
    "security": {
        "argon2_time_cost": 3,
        "argon2_memory_kib": 65536,
        "max_failures_per_account": 5,
        "max_failures_per_address": 20,
        "failure_window_minutes": 15,
        "reset_link_hours": 24,
        "max_failures_per_account_total": 50,
        "throttle_delay_seconds": 1,
        "throttle_max_delay_seconds": 900,
        "device_cookie_days": 365,
        "trusted_proxies": 0,
        "hsts_seconds": 31536000,
        "mfa_required_roles": ["consultant", "adviser", "admin"],
        "mfa_issuer": "Werkcarrousel",
    },
    "data": {"occupations_file": "", "geodata_file": ""},
    "catalogue": {"interest_per_hour": 5, "retention_days": 90},
    "placements": {
        "proefplaatsing_months": 3,
        "proefplaatsing_max_months": 6,
        "participatieplaats_years": 2,
        "participatieplaats_extension_years": 1,
        "defaults": {
            "internship": {"routes": ["ontwikkeling", "snel"], "max_abc": "G4", "phase": "orientatie"},
            "proefplaatsing": {"routes": ["ontwikkeling", "snel"], "max_abc": "G3", "phase": "proef"},
            "participatieplaats": {"routes": ["meedoen", "ontwikkeling"], "max_abc": "G5", "phase": "ontwikkeling"},
            "activerend_werk": {"routes": ["meedoen", "ontwikkeling"], "max_abc": "G6", "phase": "ontwikkeling"},
            "vrijwilligerswerk": {"routes": ["meedoen", "ontwikkeling"], "max_abc": "G7", "phase": "duurzaam"},
            "beschut": {"routes": ["ontwikkeling"], "max_abc": "G5", "phase": "duurzaam"},
            "banenafspraak": {"routes": ["ontwikkeling", "snel"], "max_abc": "G4", "phase": "duurzaam"},
            "detacheringsbaan": {"routes": ["ontwikkeling", "snel"], "max_abc": "G3", "phase": "duurzaam"},
            "regulier": {"routes": ["snel"], "max_abc": "G2", "phase": "duurzaam"},
        },
    },
    "proposals": {
        "max_awaiting_per_placement": 5,  # open proposals awaiting an answer, per placement
        # How far a step's date may lie from today (CONTRACT.md *The case over time*).
        "step_days_ahead": 30,
        "step_days_back": 365,
    },
    # Benefit counselling before a paid start (DOMAIN.md); the norms themselves are a table in /beheer/inkomen.
    "benefit_counselling": {
        "required": True,
        "max_age_days": 90,
        "gross_to_net_factor": 0.85,
    },
    # weights: the engine's own defaults; stale_after_months: when hours and wishes count as old
    "matching": {"weights": dict(DEFAULT_WEIGHTS), "ready_wait_seconds": 2.0, "stale_after_months": 6},
    "goals": {
        "targets": [
            {"date": "2025-12-31", "employers": 5, "locations": 5},
            {"date": "2026-12-31", "employers": 12, "locations": 10},
        ],
        "participation_share": 0.35,
        "ontheffing_benchmark": 0.10,
        "classified_half_by": "2026-06-30",
        "classified_all_by": "2026-12-31",
        "participation_by": "2026-12-31",
    },
    # Terms of DOMAIN.md *Time in the carousel*; admins may change them in /beheer/instellingen.
    "reminders": {
        "snel_months": 3,  # snel naar werk "in principe"; the consultant may choose the extended term
        "snel_extended_months": 6,
        "ontwikkeling_months": 12,
        "meedoen_evaluation_months": 12,
        "nazorg_weeks": 6,
        "proposal_unanswered_working_days": 10,
        "registration_waiting_working_days": 5,
        # Nazorg runs on after a hire for this many months (the plan's "aan het werk met nazorg").
        "nazorg_months_after_hire": 6,
        # "Done" is a pause: a reminder whose fact still holds this many days later comes back.
        "snooze_days": 30,
        # How many days before its due date a reminder appears, per kind.
        "lead_days": {
            "snel_deadline": 14,
            "ontwikkeling_end": 30,
            "meedoen_evaluation": 30,
            "ontheffing_end": 30,
            "no_contact_this_year": 45,
            "trial_ending": 14,
            "nazorg_check": 0,
            "proposal_unanswered": 0,
            "registration_waiting": 0,
            "consent_withdrawn": 0,
            "proposal_no_longer_fits": 0,
            "trial_overdue": 0,
            "resident_stale": 0,
        },
    },
    # What counts as maatschappelijke participatie (DOMAIN.md, The carousel's goals).
    "participation": {
        "placement_types": [
            "internship",
            "proefplaatsing",
            "participatieplaats",
            "activerend_werk",
            "vrijwilligerswerk",
        ],
        "activity_kinds": ["vrijwilligerswerk", "mantelzorg", "sociale_activiteit"],
    },
    "scheduler": {"tick_minutes": 15, "run_from_hour": 6, "timezone": "Europe/Amsterdam"},
    # Reminder e-mail; no smtp_host: no e-mail, the reminders are on the list and the home page.
    "mail": {
        "smtp_host": "",
        "smtp_port": 25,
        "smtp_starttls": False,
        "smtp_username": "",
        "smtp_password": "",
        "from_address": "werkcarrousel@gemeente.example",
        "base_url": "",  # the older name of app.base_url
    },
}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def load_settings(instance_path: Path, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the file named by CARROUSEL_CONFIG, then env, then a test override."""
    settings = copy.deepcopy(DEFAULTS)
    config_file = os.environ.get("CARROUSEL_CONFIG")
    if config_file:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError(f"CARROUSEL_CONFIG wijst naar {path}, maar dat bestand bestaat niet")
        try:
            _merge(settings, tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is geen geldige TOML: {exc}") from exc
    if os.environ.get("CARROUSEL_DATABASE_URL"):
        settings["app"]["database_url"] = os.environ["CARROUSEL_DATABASE_URL"]
    if overrides:
        _merge(settings, copy.deepcopy(overrides))
    # One address for every link that leaves the product; mail.base_url is its older name.
    base_url = str(settings["app"]["base_url"] or settings["mail"]["base_url"]).rstrip("/")
    settings["app"]["base_url"] = settings["mail"]["base_url"] = base_url
    if not settings["app"]["database_url"]:
        settings["app"]["database_url"] = f"sqlite:///{instance_path / 'carrousel.sqlite'}"
    if not settings["app"]["secret_key"]:
        settings["app"]["secret_key"] = _instance_secret(instance_path)
    return settings


def _instance_secret(instance_path: Path) -> str:
    """A secret generated once and kept in the instance folder, never a constant in code."""
    path = instance_path / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker wrote it first
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


class ConfigError(Exception):
    """The configuration cannot be used; the message says why, in one line."""
