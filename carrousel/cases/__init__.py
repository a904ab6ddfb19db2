"""Use cases above several areas (one module each): they may import every area of the
marketplace and the workflow, and none of those areas imports them.

Their routes join the blueprint of the area a user sees them in, so URLs and endpoint names
stay where a reader looks for them (erasure: `residents.erase`, `residents_api.erase`).
"""

from __future__ import annotations

from . import views  # noqa: F401  (the routes register on the areas' blueprints)
