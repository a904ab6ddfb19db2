"""What a consultant records over time: the yearly meedoen evaluation, an ontheffing
re-assessment (each starts the next term), and self-arranged activities (participation)."""

from __future__ import annotations

from flask import Blueprint, Flask

from ..models.scheduling import ACTIVITY_LABELS

bp = Blueprint("participation", __name__)


def register(app: Flask) -> None:
    app.register_blueprint(bp)
    app.add_template_global(views.resident_terms, "resident_terms")
    app.jinja_env.globals["activity_labels"] = ACTIVITY_LABELS  # a mapping, not a function


from . import views  # noqa: E402  (the routes register on the blueprints above)
