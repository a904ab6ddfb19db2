"""The application for a WSGI server started by hand, with its matching index built at load:

    gunicorn --preload -w 4 --threads 4 -b 127.0.0.1:8000 'carrousel.wsgi:app'

With `--preload` the master loads this module once and the workers share the index.
"""

from __future__ import annotations

from . import create_app
from .server import prepare

app = create_app()
prepare(app)
