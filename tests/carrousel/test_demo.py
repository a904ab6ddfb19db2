"""Issue 10, item 10: the demo municipality is coherent, so its match reasons read right."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func
from sqlmodel import select

from carrousel.db import unit_of_work
from carrousel.models import Occupation, Organisation, Placement, Proposal, ProposalEvent, Resident, User
from carrousel.proposals.lifecycle import is_paid
from carrousel.seeding import DEMO_PASSWORD, DEMO_USERS, run_seed
from matching.vocabulary import CATALOGUE_TYPES
from tests.conftest import Client


def test_each_organisation_offers_work_of_its_own_trade(app: Flask, demo: dict[str, int]) -> None:
    with app.app_context(), unit_of_work(app) as session:
        sector_of = {o.name: o.sector for o in session.exec(select(Occupation)).all()}
        rows = session.exec(select(Placement, Organisation).join(Organisation)).all()  # type: ignore[arg-type]
        approved = session.exec(select(Organisation).where(Organisation.status == "approved")).all()

    for placement, organisation in rows:
        if organisation.kind == "employer":
            # The bakery bakes and sells bread, the cleaning firm cleans: the occupation is on the
            # UWV list, in the employer's own sector.
            assert sector_of.get(placement.occupation) == organisation.sector, (organisation.name, placement.title)
        else:
            assert placement.type in CATALOGUE_TYPES, (organisation.name, placement.title)
    offering = {organisation.id for _, organisation in rows}
    assert all(o.id in offering for o in approved), "every approved organisation offers something"


def test_every_resident_wishes_for_something_the_demo_offers(app: Flask, demo: dict[str, int]) -> None:
    with app.app_context(), unit_of_work(app) as session:
        residents = session.exec(select(Resident)).all()
        rows = session.exec(select(Placement, Organisation).join(Organisation)).all()  # type: ignore[arg-type]
    occupations = {p.occupation for p, _ in rows}
    sectors = {o.sector for _, o in rows}

    for resident in residents:
        assert resident.talents, resident.name
        assert set(resident.wished_occupations) <= occupations and set(resident.wished_sectors) <= sectors
        assert resident.wished_occupations or resident.wished_sectors, resident.name


def test_a_resident_sees_the_work_they_wish_for_named_as_such(client: Client, app: Flask, demo: dict[str, int]) -> None:
    consultant = DEMO_USERS[0][1]
    with app.app_context(), unit_of_work(app) as session:
        me = session.exec(select(User).where(User.email == consultant)).one()
        residents = session.exec(select(Resident).where(Resident.consultant_id == me.id)).all()
        titles = {p.id: p for p in session.exec(select(Placement)).all()}
    token = client.post("/api/v1/auth/token", json={"email": consultant, "password": DEMO_PASSWORD}).get_json()
    headers = {"Authorization": f"Bearer {token['token']}"}
    named = 0
    for resident in residents:
        items = client.get(f"/api/v1/residents/{resident.id}/matches?limit=3", headers=headers).get_json()["items"]
        for item in items:
            wish = next(r["text"] for r in item["reasons"] if r["factor"] == "wensen")
            if "gewenst beroep" in wish and wish.startswith("Sluit aan"):
                # The reason is true: the place's occupation is one the resident wished for.
                assert titles[item["placement_id"]].occupation in resident.wished_occupations
                named += 1
    assert named >= 5


def test_the_demo_loads_once(app: Flask, demo: dict[str, int]) -> None:
    def counts() -> tuple[int, int, int, int]:
        with app.app_context(), unit_of_work(app) as session:
            return tuple(  # type: ignore[return-value]
                session.exec(select(func.count()).select_from(table)).one()
                for table in (Organisation, Placement, Resident, User)
            )

    before = counts()
    run_seed(app, demo=True, echo=lambda _message: None)
    assert counts() == before
    with app.app_context(), unit_of_work(app) as session:
        roles = [u.role for u in session.exec(select(User)).all()]
    assert sorted(set(roles)) == ["admin", "adviser", "consultant", "employer", "location"]
    assert all(roles.count(role) == 1 for role in ("adviser", "admin", "employer", "location"))


def test_no_demo_resident_at_g6_or_g7_is_on_the_snel_route(app: Flask, demo: dict[str, int]) -> None:
    """Issue 20, item 9: snel naar werk is for residents who can work soon."""
    with app.app_context(), unit_of_work(app) as session:
        residents = session.exec(select(Resident)).all()
    assert residents
    assert not [r.name for r in residents if r.route == "snel" and r.abc in ("G6", "G7")]


def test_every_demo_proposal_goes_to_work_the_resident_wishes_for(app: Flask, demo: dict[str, int]) -> None:
    """Issue 20, item 9: no technician proposed to the bakery (the proposals of demo_proposals.PLAN;
    the case stories of issue 16 choose their own places)."""
    from carrousel.models import Proposal
    from carrousel.seeding.demo_proposals import MOTIVATION

    with app.app_context(), unit_of_work(app) as session:
        rows = session.exec(
            select(Proposal, Resident, Placement)
            .join(Resident, Resident.id == Proposal.resident_id)  # type: ignore[arg-type]
            .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
        ).all()
    rows = [row for row in rows if row[0].motivation == MOTIVATION]
    assert len(rows) >= 10
    for _proposal, resident, placement in rows:
        assert placement.occupation in resident.wished_occupations or placement.sector in resident.wished_sectors, (
            resident.name,
            resident.wished_occupations,
            placement.title,
        )


def test_the_demo_tells_the_case_over_its_lifetime(app: Flask, demo: dict[str, int]) -> None:
    """A closed case, part-time paid work beside participation, and an extension (issue 16)."""

    with app.app_context(), unit_of_work(app) as session:
        closed = session.exec(select(Resident).where(Resident.case_status == "closed")).all()
        assert [r.outflow_reason for r in closed] == ["work"]
        running = session.exec(
            select(Proposal.resident_id, Placement.type)
            .join(Placement, Placement.id == Proposal.placement_id)  # type: ignore[arg-type]
            .where(Proposal.status == "started")
        ).all()
        kinds: dict[int, set[bool]] = {}
        for resident_id, placement_type in running:
            kinds.setdefault(resident_id, set()).add(is_paid(placement_type))
        assert any(k == {True, False} for k in kinds.values()), "nobody works part-time beside participation"
        assert session.exec(select(ProposalEvent).where(ProposalEvent.status == "extended")).first() is not None
