"""Great-circle distances between postcode-area centroids; NaN where an area is unknown."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

EARTH_RADIUS_KM = 6371.0


def distances_km(origin: tuple[Any, Any] | NDArray[Any], points: NDArray[Any]) -> NDArray[np.float64]:
    """Haversine distance from origin (lat, lon) to each row of points (n x 2), in km."""
    lat1, lon1 = np.radians(np.asarray(origin, dtype=np.float64))
    pts = np.radians(np.asarray(points, dtype=np.float64).reshape(-1, 2))
    lat2, lon2 = pts[:, 0], pts[:, 1]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    result: NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    return result
