"""The placement agreement (driegesprek made binding) and the evaluation at the end.

Drafted by the consultant from the introduction, acknowledged by the organisation and the
resident; the organisation's evaluation after the end, confirmed by the resident.
CONTRACT.md *The resident's own pages*, *Agreement*.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("agreements", __name__)
api = Blueprint("agreements_api", __name__, url_prefix="/api/v1")


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_blueprint(api)


from . import api_views, views  # noqa: E402, F401  (the routes register on the blueprints above)
