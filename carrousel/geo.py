"""Centroids of the 4-digit postcode areas (GeoNames, CC BY 4.0)."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from .paths import SEED_DIR

Centroids = dict[str, tuple[float, float, str]]  # area -> (lat, lon, place)


def read_centroids(path: Path) -> Centroids:
    """Read GeoNames' NL.txt or the demo table; areas listed twice get their mean."""
    sums: dict[str, list[float]] = {}
    places: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("postcode\t"):
            continue
        cols = line.split("\t")
        if len(cols) >= 11:  # GeoNames: country, code, place, ..., lat (9), lon (10)
            area, place, lat, lon = cols[1][:4], cols[2], cols[9], cols[10]
        else:  # the demo table: postcode, place, lat, lon
            area, place, lat, lon = cols[0][:4], cols[1], cols[2], cols[3]
        try:
            point = (float(lat), float(lon))
        except ValueError:
            continue
        acc = sums.setdefault(area, [0.0, 0.0, 0.0])
        acc[0] += point[0]
        acc[1] += point[1]
        acc[2] += 1
        places.setdefault(area, place)
    return {area: (s[0] / s[2], s[1] / s[2], places[area]) for area, s in sums.items()}


def geodata_path(app: Flask) -> Path:
    """The configured file, else the full list fetched into the instance folder, else the demo table."""
    configured = app.config["CARROUSEL"]["data"]["geodata_file"]
    if configured:
        return Path(configured)
    fetched = Path(app.instance_path) / "NL.txt"
    return fetched if fetched.is_file() else SEED_DIR / "demo-postcodes.tsv"


def centroids(app: Flask) -> Centroids:
    cached: Centroids | None = app.extensions.get("carrousel.centroids")
    if cached is None:
        path = geodata_path(app)
        cached = read_centroids(path) if path.is_file() else {}
        app.extensions["carrousel.centroids"] = cached
    return cached


def place_name(app: Flask, postcode: str) -> str:
    found = centroids(app).get((postcode or "")[:4])
    return found[2] if found else ""
