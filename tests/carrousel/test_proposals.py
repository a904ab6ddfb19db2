"""The proposal workflow through the API: every step of the state table for every role, and each refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlmodel import select

from carrousel.auth.account import Account
from carrousel.dates import add_months
from carrousel.db import unit_of_work
from carrousel.models import AccessLog, Placement
from carrousel.proposals.states import STEPS
from tests.carrousel.proposals_flow import counsel, propose, step
from tests.conftest import Client, bearer

STATUSES = ("proposed", "consented", "introduced", "started", "ended", "declined", "withdrawn")
# The path from `proposed` to each status, with the role that takes each step.
PATH = {
    "proposed": [],
    "consented": [("consultant", "consented")],
    "introduced": [("consultant", "consented"), ("adviser", "introduced")],
    "started": [("consultant", "consented"), ("adviser", "introduced"), ("consultant", "started")],
    "ended": [
        ("consultant", "consented"),
        ("adviser", "introduced"),
        ("consultant", "started"),
        ("consultant", "ended"),
    ],
    "declined": [("adviser", "declined")],
    "withdrawn": [("consultant", "withdrawn")],
}
NEEDS = {"declined": {"reason": "Geen plek meer in het team"}, "ended": {"outcome": "completed"}}


@dataclass
class World:
    client: Client
    tokens: dict[str, str]
    accounts: dict[str, Account]
    resident: int
    placement: int
    organisation: int

    def at(self, status: str, resident: int | None = None, placement: int | None = None) -> int:
        """A new proposal brought to `status` along the table."""
        created = propose(
            self.client, self.tokens["consultant"], resident or self.resident, placement or self.placement
        )
        assert created.status_code == 201, created.get_json()
        proposal: int = created.get_json()["id"]
        if status in ("introduced", "started", "ended"):  # a paid start needs an income scenario first
            counsel(self.client, self.tokens["consultant"], resident or self.resident)
        for role, to in PATH[status]:
            answer = step(self.client, self.tokens[role], proposal, to, **NEEDS.get(to, {}))
            assert answer.status_code == 200, (to, answer.get_json())
        return proposal

    def get(self, role: str, url: str) -> Any:
        return self.client.get(url, headers=bearer(self.tokens[role]))


@pytest.fixture
def world(
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    token_for: Callable[[Account], str],
) -> World:
    organisation = make_organisation(name="Bakkerij De Korenschoof")
    accounts = {
        "consultant": make_user("consultant"),
        "other_consultant": make_user("consultant"),
        "adviser": make_user("adviser"),
        "admin": make_user("admin"),
        "employer": make_user("employer", organisation_id=organisation),
        "other_employer": make_user("employer", organisation_id=make_organisation()),
    }
    placement = make_placement(organisation, title="Medewerker bakkerij", capacity=2)
    resident = make_resident(accounts["consultant"], name="Sanne de Vries", abc="G2")
    tokens = {role: token_for(account) for role, account in accounts.items()}
    return World(client, tokens, accounts, resident, placement, organisation)


def _cases() -> list[tuple[str, str, str]]:
    roles = ("consultant", "other_consultant", "adviser", "admin", "employer", "other_employer")
    return [(to, source, role) for to, s in STEPS.items() for source in s.sources for role in roles]


def _expected(to: str, source: str, role: str) -> int:
    step_roles = STEPS[to].roles
    if role == "admin":
        return 403  # the API of proposals is not for the admin at all
    if role in ("other_consultant", "other_employer"):
        return 404  # not in their caseload / not their organisation: no hint it exists
    if role == "employer":
        if source == "proposed":
            return 404  # the organisation sees a proposal only from the consent on
        return 200 if "organisation" in step_roles else 403
    return 200 if role in step_roles else 403


@pytest.mark.parametrize(("to", "source", "role"), _cases())
def test_every_step_for_every_role(world: World, to: str, source: str, role: str) -> None:
    proposal = world.at(source)
    answer = step(world.client, world.tokens[role], proposal, to, **NEEDS.get(to, {}))
    expected = _expected(to, source, role)
    assert answer.status_code == expected, answer.get_json()
    seen = world.get("consultant", f"/api/v1/proposals/{proposal}").get_json()
    assert seen["status"] == (to if expected == 200 else source)
    if expected == 200:
        assert seen["history"][-1]["status"] == to and seen["history"][-1]["role"] == world.accounts[role].role
    else:
        assert answer.get_json()["error"]["message"]


@pytest.mark.parametrize("source", STATUSES)
def test_a_step_the_table_does_not_allow_is_invalid_transition(world: World, source: str) -> None:
    proposal = world.at(source)
    refused = [to for to in STATUSES if source not in (STEPS[to].sources if to in STEPS else ())]
    for to in refused:
        role = "consultant" if to in ("consented", "started", "ended", "withdrawn", "proposed") else "adviser"
        answer = step(world.client, world.tokens[role], proposal, to, **NEEDS.get(to, {}))
        assert answer.status_code == 409, (source, to)
        assert answer.get_json()["error"]["code"] == "invalid_transition"
    assert world.get("consultant", f"/api/v1/proposals/{proposal}").get_json()["status"] == source


def test_a_location_answers_for_its_own_placements(
    world: World,
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_user: Callable[..., Account],
    token_for: Callable[[Account], str],
) -> None:
    location = make_organisation(kind="location", name="Kringloop Wageningen")
    placement = make_placement(location, type="activerend_werk", title="Sorteren in de kringloop")
    world.tokens["location"] = token_for(make_user("location", organisation_id=location))
    proposal = world.at("consented", placement=placement)
    assert step(world.client, world.tokens["employer"], proposal, "introduced").status_code == 404
    soon = (date.today() + timedelta(days=3)).isoformat()
    invited = step(world.client, world.tokens["location"], proposal, "introduced", kind="driegesprek", on=soon)
    assert invited.status_code == 200
    body = invited.get_json()
    assert body["introduction_kind"] == "driegesprek" and body["introduced_on"] == soon
    assert body["name"] == "Sanne de Vries"  # from the introduction on


def test_the_rules_are_checked_at_creation_with_the_engines_reason(
    world: World, make_placement: Callable[..., int], make_resident: Callable[..., int]
) -> None:
    banen = make_placement(world.organisation, type="banenafspraak")
    answer = propose(world.client, world.tokens["consultant"], world.resident, banen)
    assert answer.status_code == 422
    assert answer.get_json()["error"]["fields"]["placement_id"] == (
        "Banenafspraak-baan, maar niet in het doelgroepregister."
    )
    draft = make_placement(world.organisation, status="draft")
    assert propose(world.client, world.tokens["consultant"], world.resident, draft).status_code == 422
    missing = propose(world.client, world.tokens["consultant"], world.resident, 99999)
    assert missing.status_code == 422 and "placement_id" in missing.get_json()["error"]["fields"]
    other = make_resident(world.accounts["other_consultant"])
    assert propose(world.client, world.tokens["consultant"], other, world.placement).status_code == 404
    bad = world.client.post("/api/v1/proposals", headers=bearer(world.tokens["consultant"]), json={"resident_id": "x"})
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"resident_id", "placement_id"}


def test_the_rules_are_checked_again_at_the_start(world: World) -> None:
    proposal = world.at("introduced")
    changed = world.client.patch(
        f"/api/v1/residents/{world.resident}", headers=bearer(world.tokens["consultant"]), json={"hours_available": 2}
    )
    assert changed.status_code == 200
    world.client.patch(
        f"/api/v1/placements/{world.placement}", headers=bearer(world.tokens["adviser"]), json={"min_hours": 16}
    )
    answer = step(world.client, world.tokens["consultant"], proposal, "started")
    assert answer.status_code == 422
    assert (
        answer.get_json()["error"]["fields"]["placement_id"] == "Minder uren beschikbaar dan de plek minimaal vraagt."
    )
    assert world.get("consultant", f"/api/v1/proposals/{proposal}").get_json()["status"] == "introduced"


def test_a_second_open_proposal_for_the_pair_is_refused_and_allowed_again_after_a_decline(world: World) -> None:
    first = world.at("consented")
    again = propose(world.client, world.tokens["consultant"], world.resident, world.placement)
    assert again.status_code == 409 and "al voorgesteld" in again.get_json()["error"]["message"]
    step(world.client, world.tokens["employer"], first, "declined", reason="Team is vol")
    assert propose(world.client, world.tokens["consultant"], world.resident, world.placement).status_code == 201


def test_a_decline_needs_a_reason_and_an_end_an_outcome(world: World) -> None:
    proposal = world.at("consented")
    answer = step(world.client, world.tokens["employer"], proposal, "declined")
    assert answer.status_code == 422 and "reden" in answer.get_json()["error"]["fields"]["reason"]
    step(world.client, world.tokens["employer"], proposal, "introduced")
    counsel(world.client, world.tokens["consultant"], world.resident)
    step(world.client, world.tokens["consultant"], proposal, "started")
    answer = step(world.client, world.tokens["consultant"], proposal, "ended")
    assert answer.status_code == 422 and set(answer.get_json()["error"]["fields"]) == {"outcome"}
    wrong = step(world.client, world.tokens["consultant"], proposal, "ended", outcome="weg")
    assert wrong.status_code == 422 and "outcome" in wrong.get_json()["error"]["fields"]
    early = step(world.client, world.tokens["consultant"], proposal, "ended", outcome="stopped", on="2000-01-01")
    assert early.status_code == 422 and "on" in early.get_json()["error"]["fields"]


def test_a_stale_version_is_a_conflict(world: World) -> None:
    proposal = world.at("proposed")
    version = world.get("consultant", f"/api/v1/proposals/{proposal}").get_json()["version"]
    assert step(world.client, world.tokens["consultant"], proposal, "consented", version=version).status_code == 200
    stale = step(world.client, world.tokens["adviser"], proposal, "introduced", version=version)
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "conflict"


def test_the_number_awaiting_an_answer_per_placement_is_limited(
    world: World, make_resident: Callable[..., int]
) -> None:
    for _ in range(5):
        world.at("proposed", resident=make_resident(world.accounts["consultant"]))
    sixth = propose(world.client, world.tokens["consultant"], world.resident, world.placement)
    assert sixth.status_code == 409
    assert "al 5 op antwoord" in sixth.get_json()["error"]["message"]


def test_capacity_is_held_by_starts(app: Flask, world: World, make_resident: Callable[..., int]) -> None:
    others = [make_resident(world.accounts["consultant"], name=f"Inwoner {i}") for i in range(3)]
    first = world.at("started")
    waiting = world.at("introduced", resident=others[0])
    second = world.at("started", resident=others[1])
    placement = world.get("adviser", f"/api/v1/placements/{world.placement}").get_json()
    assert placement["status"] == "filled" and placement["filled_at"]
    full = propose(world.client, world.tokens["consultant"], others[2], world.placement)
    assert full.status_code == 409 and "geen vrije plaats" in full.get_json()["error"]["message"]
    assert step(world.client, world.tokens["consultant"], waiting, "started").status_code == 409
    resident = world.get("consultant", f"/api/v1/residents/{world.resident}").get_json()
    assert [p["placement_id"] for p in resident["placements"]] == [world.placement]
    assert step(world.client, world.tokens["consultant"], first, "ended", outcome="hired").status_code == 200
    assert world.get("adviser", f"/api/v1/placements/{world.placement}").get_json()["status"] == "open"
    assert world.get("consultant", f"/api/v1/residents/{world.resident}").get_json()["placements"] == []
    assert step(world.client, world.tokens["consultant"], waiting, "started").status_code == 200
    with app.app_context(), unit_of_work(app) as session:
        assert session.get(Placement, world.placement).status == "filled"  # type: ignore[union-attr]
    assert second


def test_filled_is_not_set_by_hand_and_capacity_cannot_drop_below_the_starts(
    world: World, make_resident: Callable[..., int]
) -> None:
    headers = bearer(world.tokens["adviser"])
    url = f"/api/v1/placements/{world.placement}"
    by_hand = world.client.patch(url, headers=headers, json={"status": "filled"})
    assert by_hand.status_code == 422 and "status" in by_hand.get_json()["error"]["fields"]
    world.at("started")
    lower = world.client.patch(url, headers=headers, json={"capacity": 1})
    assert lower.status_code == 200 and lower.get_json()["status"] == "filled"
    reopen = world.client.patch(url, headers=headers, json={"status": "open"})
    assert reopen.status_code == 422 and "status" in reopen.get_json()["error"]["fields"]
    more = world.client.patch(url, headers=headers, json={"capacity": 2})
    assert more.status_code == 200 and more.get_json()["status"] == "open"
    world.at("started", resident=make_resident(world.accounts["consultant"]))
    below = world.client.patch(url, headers=headers, json={"capacity": 1})
    assert below.status_code == 422 and "2 plaatsen bezet" in below.get_json()["error"]["fields"]["capacity"]


def test_patch_resident_no_longer_places_anyone(world: World) -> None:
    answer = world.client.patch(
        f"/api/v1/residents/{world.resident}",
        headers=bearer(world.tokens["consultant"]),
        json={"placement_id": world.placement},
    )
    assert answer.status_code == 422
    assert "voorstel" in answer.get_json()["error"]["fields"]["placement_id"]
    assert world.get("consultant", f"/api/v1/residents/{world.resident}").get_json()["placements"] == []


def _months(months: int, days: int = 0) -> str:
    return (add_months(date.today(), months) + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("placement_type", "given", "expected"),
    [
        ("proefplaatsing", None, _months(3)),
        ("proefplaatsing", _months(2), _months(2)),
        ("proefplaatsing", _months(6), _months(6)),  # up to its maximum at one organisation
        ("proefplaatsing", _months(6, 1), 422),
        ("participatieplaats", None, _months(24)),
        ("participatieplaats", _months(24, 1), 422),  # beyond the term only by a dated extension
        ("regulier", None, None),
    ],
)
def test_a_started_trial_runs_within_its_types_time_limit(
    world: World,
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    placement_type: str,
    given: str | None,
    expected: str | int | None,
) -> None:
    resident = make_resident(world.accounts["consultant"], birth_year=1980)
    placement = make_placement(world.organisation, type=placement_type)
    proposal = world.at("introduced", resident=resident, placement=placement)
    fields: dict[str, Any] = {"on": date.today().isoformat()} | ({"end_date": given} if given else {})
    answer = step(world.client, world.tokens["consultant"], proposal, "started", **fields)
    if expected == 422:
        assert answer.status_code == 422 and "end_date" in answer.get_json()["error"]["fields"]
    else:
        assert answer.status_code == 200 and answer.get_json()["end_date"] == expected


def test_simpel_switchen_keeps_consent_and_invitation_and_never_leaves_the_resident_without_a_place(
    world: World, make_placement: Callable[..., int]
) -> None:
    old = world.at("started")
    new_place = make_placement(world.organisation, title="Winkel", capacity=1)
    headers = bearer(world.tokens["consultant"])
    consent = {"channel": "in_person", "scope": ["hours_available", "talents"]}
    url = f"/api/v1/proposals/{old}/switch"
    same = world.client.post(url, headers=headers, json={"placement_id": world.placement, "consent": consent})
    assert same.status_code == 422
    no_consent = world.client.post(url, headers=headers, json={"placement_id": new_place})
    assert no_consent.status_code == 422 and "consent" in no_consent.get_json()["error"]["fields"]
    online = world.client.post(url, headers=headers, json={"placement_id": new_place, "consent": {"channel": "online"}})
    assert online.status_code == 422  # `online` is the resident's own channel, never the consultant's
    switched = world.client.post(
        url, headers=headers, json={"placement_id": new_place, "motivation": "Rustiger werk", "consent": consent}
    )
    assert switched.status_code == 201, switched.get_json()
    body = switched.get_json()
    # No new intake, but the resident's consent and the new organisation's invitation stay.
    assert body["status"] == "consented" and [h["status"] for h in body["history"]] == ["proposed", "consented"]
    assert world.get("consultant", f"/api/v1/proposals/{old}").get_json()["status"] == "started"
    places = world.get("consultant", f"/api/v1/residents/{world.resident}").get_json()["placements"]
    assert [p["placement_id"] for p in places] == [world.placement]  # still in the old place meanwhile
    assert step(world.client, world.tokens["consultant"], body["id"], "started").status_code == 409  # invite first
    assert step(world.client, world.tokens["employer"], body["id"], "introduced").status_code == 200
    started = step(world.client, world.tokens["consultant"], body["id"], "started")
    assert started.status_code == 200, started.get_json()
    previous = world.get("consultant", f"/api/v1/proposals/{old}").get_json()
    assert previous["status"] == "ended" and previous["outcome"] == "switched"
    assert previous["ended_on"] == started.get_json()["started_on"]  # the same step: not a day without a place
    places = world.get("consultant", f"/api/v1/residents/{world.resident}").get_json()["placements"]
    assert [p["placement_id"] for p in places] == [new_place]
    assert world.get("adviser", f"/api/v1/placements/{new_place}").get_json()["status"] == "filled"
    assert world.get("adviser", f"/api/v1/placements/{world.placement}").get_json()["status"] == "open"
    again = world.client.post(url, headers=headers, json={"placement_id": new_place, "consent": consent})
    assert again.status_code == 409
    employer = world.client.post(
        f"/api/v1/proposals/{body['id']}/switch",
        headers=bearer(world.tokens["adviser"]),
        json={"placement_id": 1, "consent": consent},
    )
    assert employer.status_code == 403


def test_nazorg_notes_are_history_for_the_municipality_only(world: World) -> None:
    proposal = world.at("started")
    url = f"/api/v1/proposals/{proposal}/notes"
    assert world.client.post(url, headers=bearer(world.tokens["consultant"]), json={"note": " "}).status_code == 422
    noted = world.client.post(
        url, headers=bearer(world.tokens["consultant"]), json={"note": "Gaat goed, werkt zelfstandig"}
    )
    assert noted.status_code == 201
    assert noted.get_json()["history"][-1] == {
        "status": "nazorg",
        "on": date.today().isoformat(),
        "role": "consultant",
        "reason": "Gaat goed, werkt zelfstandig",
    }
    employer_view = world.get("employer", f"/api/v1/proposals/{proposal}").get_data(as_text=True)
    assert "zelfstandig" not in employer_view and "nazorg" not in employer_view
    assert world.client.post(url, headers=bearer(world.tokens["employer"]), json={"note": "x"}).status_code == 403


def test_who_sees_which_proposals(world: World) -> None:
    proposed = world.at("proposed")
    listing = world.get("employer", "/api/v1/proposals").get_json()
    assert listing == {"items": [], "total": 0}
    assert world.get("employer", f"/api/v1/proposals/{proposed}").status_code == 404
    step(world.client, world.tokens["consultant"], proposed, "consented")
    item = world.get("employer", "/api/v1/proposals").get_json()["items"][0]
    for hidden in ("resident_id", "score", "rank", "name"):
        assert hidden not in item
    assert item["contact"] == {"name": "Test consultant", "email": world.accounts["consultant"].email}
    assert item["resident"]["hours_available"] == 32
    probe = world.get("employer", f"/api/v1/proposals?resident_id={world.resident}")
    assert probe.status_code == 422 and "resident_id" in probe.get_json()["error"]["fields"]
    assert world.get("other_employer", "/api/v1/proposals").get_json()["total"] == 0
    assert world.get("other_consultant", "/api/v1/proposals").get_json()["total"] == 0
    assert world.get("adviser", "/api/v1/proposals").get_json()["total"] == 1
    assert world.get("admin", "/api/v1/proposals").status_code == 403
    mine = world.get("consultant", f"/api/v1/proposals?status=consented&placement_id={world.placement}").get_json()
    assert mine["total"] == 1 and mine["items"][0]["resident_id"] == world.resident
    assert mine["items"][0]["rank"] == 1 and 0 < mine["items"][0]["score"] <= 1
    assert world.get("consultant", "/api/v1/proposals?status=weg").status_code == 422


def test_every_view_of_a_proposal_is_in_the_access_log(app: Flask, world: World) -> None:
    proposal = world.at("consented")
    world.get("employer", f"/api/v1/proposals/{proposal}")
    world.get("employer", "/api/v1/proposals")
    with app.app_context(), unit_of_work(app) as session:
        rows = session.exec(select(AccessLog).where(AccessLog.user_id == world.accounts["employer"].id)).all()
        assert len(rows) == 2 and {r.resident_id for r in rows} == {world.resident}


def test_each_step_is_on_the_residents_timeline(world: World) -> None:
    world.at("started")
    events = world.get("consultant", f"/api/v1/residents/{world.resident}/timeline").get_json()["items"]
    steps = [(e["kind"], e["new_value"]) for e in reversed(events) if e["kind"] in ("voorstel", "werkplek")]
    assert steps == [
        ("voorstel", "proposed"),
        ("voorstel", "consented"),
        ("voorstel", "introduced"),
        ("werkplek", str(world.placement)),
        ("voorstel", "started"),
    ]
    world.client.login(world.accounts["consultant"].email)
    page = world.client.get(f"/caseload/{world.resident}").get_data(as_text=True)
    assert "Voorstel: – → Gestart" in page and "Werkplek: – → Medewerker bakkerij" in page


def test_matching_quality_counts_by_rank_band(world: World, make_resident: Callable[..., int]) -> None:
    world.at("started")
    world.at("withdrawn", resident=make_resident(world.accounts["consultant"]))
    quality = world.get("adviser", "/api/v1/matching/quality").get_json()
    assert quality["proposals"] == 2 and quality["started"] == 1 and quality["hired"] == 0
    assert quality["by_rank"]["1"] == {"proposals": 2, "started": 1, "hired": 0}
    assert quality["by_rank"]["11+"] == {"proposals": 0, "started": 0, "hired": 0}
    assert world.get("admin", "/api/v1/matching/quality").status_code == 200
    assert world.get("consultant", "/api/v1/matching/quality").status_code == 403


def test_awaiting_for_counts_what_waits_on_each_user(app: Flask, world: World) -> None:
    from carrousel.proposals.queries import awaiting_for

    world.at("proposed")
    with app.app_context(), unit_of_work(app) as session:
        counts = {role: awaiting_for(session, account) for role, account in world.accounts.items()}
    assert counts == {
        "consultant": 1,
        "other_consultant": 0,
        "adviser": 0,
        "admin": 0,
        "employer": 0,
        "other_employer": 0,
    }


def test_erasure_frees_the_place(app: Flask, world: World) -> None:
    proposal = world.at("started")
    assert (
        world.client.post(
            f"/api/v1/residents/{world.resident}/erase", headers=bearer(world.tokens["consultant"])
        ).status_code
        == 204
    )
    body = world.get("adviser", f"/api/v1/proposals/{proposal}").get_json()
    assert body["status"] == "ended" and body["outcome"] == "stopped" and body["motivation"] == ""
    assert world.get("adviser", f"/api/v1/placements/{world.placement}").get_json()["status"] == "open"
