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
        "session_hours": 8,
        "token_hours": 12,
        "page_size": 25,
    },
    "security": {
        "argon2_time_cost": 3,
        "argon2_memory_kib": 65536,
        "max_failures_per_account": 5,
        "max_failures_per_address": 20,
        "failure_window_minutes": 15,
    },
    "data": {"occupations_file": "", "geodata_file": ""},
    "placements": {
        "proefplaatsing_months": 3,
        "proefplaatsing_max_months": 6,
        "participatieplaats_years": 2,
        "participatieplaats_extension_years": 1,
        "defaults": {
            "internship": {"routes": ["ontwikkeling", "snel"], "max_abc": "G4"},
            "proefplaatsing": {"routes": ["ontwikkeling", "snel"], "max_abc": "G3"},
            "participatieplaats": {"routes": ["meedoen", "ontwikkeling"], "max_abc": "G5"},
            "activerend_werk": {"routes": ["meedoen", "ontwikkeling"], "max_abc": "G6"},
            "vrijwilligerswerk": {"routes": ["meedoen", "ontwikkeling"], "max_abc": "G7"},
            "beschut": {"routes": ["ontwikkeling"], "max_abc": "G5"},
            "banenafspraak": {"routes": ["ontwikkeling", "snel"], "max_abc": "G4"},
            "detacheringsbaan": {"routes": ["ontwikkeling", "snel"], "max_abc": "G3"},
            "regulier": {"routes": ["snel"], "max_abc": "G2"},
        },
    },
    "matching": {"weights": dict(DEFAULT_WEIGHTS), "ready_wait_seconds": 2.0},  # weights: the engine's own defaults
    "goals": {
        "targets": [
            {"date": "2025-12-31", "employers": 5, "locations": 5},
            {"date": "2026-12-31", "employers": 12, "locations": 10},
        ],
        "participation_share": 0.35,
        "ontheffing_benchmark": 0.10,
        "classified_half_by": "2026-06-30",
        "classified_all_by": "2026-12-31",
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
