"""The resident's own pages (/ik) and API (/api/v1/resident): no password, a link instead.

A resident's session or token reaches only the views declared for the role "resident"
(access.py); a user's session or token never reaches them. CONTRACT.md *The resident's own
pages*; DOMAIN.md *The resident takes part*.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("ownpages", __name__, url_prefix="/ik")
api = Blueprint("ownpages_api", __name__, url_prefix="/api/v1")
# The consultant's side of it: making a link, the readable inzage beside the JSON export.
consultant = Blueprint("resident_link", __name__)


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)
    app.register_blueprint(consultant)
    # The consultant's pages (resident page, Passende plekken) show "niet bevestigd sinds ...".
    app.add_template_global(queries.stale_since, "niet_bevestigd_sinds")


from . import api_views, consultant_views, queries, views  # noqa: E402, F401  (the routes register on the blueprints above)
