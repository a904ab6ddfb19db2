"""Links that leave the product (a password-reset link, a resident's sign-in link, e-mails).

Such a link is read elsewhere, later, by somebody who trusts it: it is built from the
configured `app.base_url`, never from the Host header of the request that made it (with
`trusted_hosts` empty any client may put any host there, and a reset link pointing at an
attacker's site hands over the token). Without `base_url`:

- with `app.trusted_hosts` set, the request's host has been checked against it: it is used;
- otherwise only a request to this machine itself (localhost, as `carrousel demo` serves) is
  believed; anything else is refused with a message that says what to configure.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for

from .validation import InvalidInput

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
NO_BASE_URL = (
    "Deze link kan niet worden gemaakt: stel app.base_url in de configuratie in "
    "(het adres waarop gebruikers de Werkcarrousel openen)."
)


def configured_base_url(settings: dict[str, Any]) -> str:
    """app.base_url (mail.base_url is its older name), without a trailing slash; '' when unset."""
    return str(settings["app"].get("base_url") or settings.get("mail", {}).get("base_url") or "").rstrip("/")


def external_url(endpoint: str, *, field: str = "link", **values: Any) -> str:
    """The absolute URL of endpoint for use outside the product; InvalidInput(field) when none can be trusted."""
    settings = current_app.config["CARROUSEL"]
    path = url_for(endpoint, **values)
    base = configured_base_url(settings)
    if base:
        return base + path
    if has_request_context():
        host = request.host.rsplit(":", 1)[0] if not request.host.startswith("[") else request.host.split("]")[0] + "]"
        if settings["app"]["trusted_hosts"] or host.lower() in LOOPBACK:
            return url_for(endpoint, _external=True, **values)
    raise InvalidInput({field: NO_BASE_URL})
