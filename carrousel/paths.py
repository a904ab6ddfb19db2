"""Where the shipped folders are: templates/ and seed/ in a checkout, inside the package when installed.

A frame module (no imports from the rest of `carrousel`), so that `geo`, `occupations` and the
seeding read the seed folder without importing the factory.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).parent


def _shipped(name: str, package_name: str) -> Path:
    inside = _HERE / package_name
    return inside if inside.is_dir() else _HERE.parent / name


TEMPLATES_DIR = _shipped("templates", "templates")
SEED_DIR = _shipped("seed", "seed_data")
