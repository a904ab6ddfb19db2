"""Headers and cookie settings that every response carries, error pages included."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()

# No inline script or style anywhere, so the policy can forbid them outright.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    settings = app.config["CARROUSEL"]["app"]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings["secure_cookies"]),
        MAX_CONTENT_LENGTH=int(settings["max_upload_mb"]) * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the login session
    )
    csrf.init_app(app)
    configure_proxy_and_hosts(app)
    hsts = int(app.config["CARROUSEL"]["security"]["hsts_seconds"]) if settings["secure_cookies"] else 0

    @app.after_request
    def _headers(response: Any) -> Any:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CSP)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if hsts > 0:  # browsers then refuse plain http to this host for that long
            headers["Strict-Transport-Security"] = f"max-age={hsts}"
        if request.endpoint != "static":
            # Pages behind login hold personal data: never kept in a cache.
            headers["Cache-Control"] = "no-store"
        return response


def configure_proxy_and_hosts(app: Flask) -> None:
    """The client's real address behind trusted proxies; a foreign Host header refused (400)."""
    hops = int(app.config["CARROUSEL"]["security"]["trusted_proxies"])
    if hops > 0:
        # Only as many X-Forwarded-For entries as there are proxies of our own are believed;
        # anything a client puts in front of them is ignored, so it cannot pick its address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    hosts = [str(host) for host in app.config["CARROUSEL"]["app"]["trusted_hosts"]]
    if not hosts:
        return
    app.config["TRUSTED_HOSTS"] = hosts

    @app.before_request
    def _known_host() -> Any:
        try:
            request.host  # noqa: B018  (Flask checks it against TRUSTED_HOSTS on access)
        except SecurityError:
            # Plain text: the error page would build links from the very Host we refuse.
            return Response("Onbekende host.", status=400, mimetype="text/plain")
        return None
