"""Moving a proposal through the API, for tests that need a resident placed (one way in)."""

from __future__ import annotations

from typing import Any

from tests.conftest import bearer


def propose(client: Any, token: str, resident: int, placement: int, motivation: str = "Past goed") -> Any:
    return client.post(
        "/api/v1/proposals",
        headers=bearer(token),
        json={"resident_id": resident, "placement_id": placement, "motivation": motivation},
    )


# Consent is a record: a step to `consented` carries how it was given (the scope defaults to all five).
CONSENT = {"channel": "in_person"}


def step(client: Any, token: str, proposal: int, to: str, **fields: Any) -> Any:
    if to == "consented":
        fields.setdefault("consent", CONSENT)
    return client.post(f"/api/v1/proposals/{proposal}/transition", headers=bearer(token), json={"to": to, **fields})


def counsel(client: Any, token: str, resident: int, on: str | None = None, **fields: Any) -> Any:
    """Record an income scenario (benefit counselling), which a paid start needs (CONTRACT.md *Income scenarios*)."""
    body = {"household": "single", "net_monthly_wage": 900, **({"on": on} if on else {}), **fields}
    answer = client.post(f"/api/v1/residents/{resident}/income-scenarios", headers=bearer(token), json=body)
    assert answer.status_code == 201, answer.get_json()
    return answer


def place(client: Any, consultant_token: str, adviser_token: str, resident: int, placement: int) -> int:
    """Propose, consent, introduce (the adviser for the organisation) and start: the resident is placed."""
    created = propose(client, consultant_token, resident, placement)
    assert created.status_code == 201, created.get_json()
    proposal: int = created.get_json()["id"]
    counsel(client, consultant_token, resident)
    for token, to in ((consultant_token, "consented"), (adviser_token, "introduced"), (consultant_token, "started")):
        answer = step(client, token, proposal, to)
        assert answer.status_code == 200, answer.get_json()
    return proposal
