"""Matching through the app: reasons on screen, exclusions, privacy per audience, fresh index."""

from __future__ import annotations

from collections.abc import Callable

from carrousel.auth.account import Account
from tests.carrousel.proposals_flow import place, propose, step
from tests.conftest import Client, bearer


def test_placements_for_a_resident_with_reasons_and_exclusions(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, route="snel", hours_available=24, wished_occupations=["schoonmaker"])
    fits = make_placement(title="Schoonmaker kantoor", occupation="Schoonmakers", min_hours=16)
    make_placement(title="Te veel uren", min_hours=36)
    make_placement(title="Banenafspraak", type="banenafspraak")
    make_placement(title="Alleen meedoen", routes=["meedoen"])
    token = token_for(consultant)
    body = client.get(f"/api/v1/residents/{resident}/matches?limit=10", headers=bearer(token)).get_json()
    assert [item["placement_id"] for item in body["items"]] == [fits]
    item = body["items"][0]
    assert 0 < item["score"] <= 1 and item["abc_missing"] is True
    assert {r["factor"] for r in item["reasons"]} >= {"capaciteit", "kansrijk", "wensen", "afstand"}
    assert body["excluded"] == {"total": 3, "by_reason": {"doelgroepregister": 1, "route": 1, "uren": 1}}
    client.login(consultant.email)
    page = client.get(f"/caseload/{resident}/plekken").get_data(as_text=True)
    assert "Schoonmaker kantoor" in page and "Kansrijk beroep volgens UWV" in page
    assert "Niet passend: 3" in page and "Minder uren beschikbaar" in page and "Te veel uren" in page
    filtered = client.get(f"/api/v1/residents/{resident}/matches?type=internship", headers=bearer(token)).get_json()
    assert filtered["items"] == [] and filtered["considered"] == 0
    assert client.get(f"/api/v1/residents/{resident}/matches?limit=0", headers=bearer(token)).status_code == 422


def test_candidates_show_names_only_for_the_own_caseload(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    mine, theirs = make_user("consultant"), make_user("consultant")
    own = make_resident(mine, name="Eigen Inwoner", abc="G2")
    make_resident(theirs, name="Andermans Inwoner")
    employer_org = make_organisation()
    placement = make_placement(employer_org, max_abc="G4")
    items = client.get(f"/api/v1/placements/{placement}/candidates", headers=bearer(token_for(mine))).get_json()[
        "items"
    ]
    by_name = {item.get("name"): item for item in items}
    assert set(by_name) == {"Eigen Inwoner", None}
    assert by_name["Eigen Inwoner"]["resident_id"] == own
    assert "resident_id" not in by_name[None] and by_name[None]["code"].startswith("R-")


def test_employers_see_codes_without_health_or_indication_data(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    make_organisation: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    private = make_resident(
        consultant,
        name="Privé Persoon",
        birth_year=2003,
        postcode="6702AB",
        doelgroepregister=True,
        needs=["jobcoach"],
        abc="G3",
    )
    org = make_organisation()
    placement = make_placement(org, type="banenafspraak", occupation="Kassamedewerkers")
    make_resident(consultant, name="Niet In Register")
    employer = make_user("employer", organisation_id=org)
    url = f"/api/v1/placements/{placement}/candidates"
    # Nobody was proposed: the employer browses no pool, and learns no count of it (CONTRACT.md,
    # third version: the eligible band is gone, it was an oracle).
    nobody = client.get(url, headers=bearer(token_for(employer))).get_json()
    assert nobody == {"items": [], "total": 0}
    token = token_for(consultant)
    proposal = propose(client, token, private, placement).get_json()["id"]
    assert client.get(url, headers=bearer(token_for(employer))).get_json()["items"] == []  # no consent yet
    step(client, token, proposal, "consented")
    response = client.get(url, headers=bearer(token_for(employer)))
    body = response.get_json()
    text = response.get_data(as_text=True)
    assert len(body["items"]) == 1 and set(body["items"][0]) == {"proposal_id", "code", "status"}
    assert body["items"][0]["code"].startswith("K-")  # the employer's own pseudonym, not the municipality's code
    for secret in ("Privé", "2003", "6702", "G3", "doelgroepregister", "jobcoach", "27", "abc", "score", "reasons"):
        assert secret not in text, secret
    other = make_placement(make_organisation())
    assert client.get(f"/api/v1/placements/{other}/candidates", headers=bearer(token_for(employer))).status_code == 404
    client.login(employer.email)
    page = client.get(f"/werkplekken/{placement}/kandidaten").get_data(as_text=True)
    assert body["items"][0]["code"] in page and "Privé" not in page


def test_the_index_follows_changes_made_between_requests(
    client: Client,
    make_user: Callable[..., Account],
    make_resident: Callable[..., int],
    make_placement: Callable[..., int],
    token_for: Callable[..., str],
) -> None:
    consultant = make_user("consultant")
    resident = make_resident(consultant, hours_available=8)
    placement = make_placement(min_hours=16, capacity=1)
    token = token_for(consultant)
    adviser_token = token_for(make_user("adviser"))
    url = f"/api/v1/placements/{placement}/candidates"
    assert client.get(url, headers=bearer(token)).get_json()["excluded"]["by_reason"] == {"uren": 1}
    client.patch(f"/api/v1/residents/{resident}", headers=bearer(token), json={"hours_available": 20})
    assert len(client.get(url, headers=bearer(token)).get_json()["items"]) == 1
    client.patch(f"/api/v1/placements/{placement}", headers=bearer(adviser_token), json={"status": "closed"})
    matches = client.get(f"/api/v1/residents/{resident}/matches", headers=bearer(token)).get_json()
    assert matches["items"] == [] and matches["excluded"]["by_reason"] == {"niet_beschikbaar": 1}
    client.patch(f"/api/v1/placements/{placement}", headers=bearer(adviser_token), json={"status": "open"})
    other = make_resident(consultant, hours_available=20)
    place(client, token, adviser_token, other, placement)
    full = client.get(f"/api/v1/residents/{resident}/matches", headers=bearer(token)).get_json()
    assert full["excluded"]["by_reason"] == {"niet_beschikbaar": 1}  # its one place is taken
    client.post(f"/api/v1/residents/{other}/erase", headers=bearer(token))
    assert len(client.get(url, headers=bearer(token)).get_json()["items"]) == 1
