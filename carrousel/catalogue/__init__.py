"""The public catalogue /plekken: open activerend-werk and volunteer places, no login; each
place has its own page where a visitor can show interest, and the organisation reads those
messages in its inbox /interesse."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("catalogue", __name__)


def register(app: Flask) -> None:
    app.register_blueprint(bp)


from . import views  # noqa: E402, F401  (the routes register on the blueprints above)
