"""Property tests: a change that helps one factor never lowers the pair's rank, all else equal."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import MatchingIndex
from matching.profiles import PlacementProfile, ResidentProfile, Weights
from matching.vocabulary import PHYSICAL_LOADS, PLACEMENT_PHASES, RESIDENT_PHASES, ROUTES, SUPPORTS
from tests.matching.helpers import TODAY, WAGENINGEN

OCCUPATIONS = ("Schoonmakers", "Kassamedewerkers", "Heftruckchauffeurs", "Restaurantkoks", "Helpenden")
WORDS = ("tuin", "keuken", "klanten", "magazijn", "fietsen", "zorg", "dieren", "techniek")

residents = st.builds(
    ResidentProfile,
    id=st.just(1),
    route=st.sampled_from(ROUTES),
    phase=st.sampled_from(RESIDENT_PHASES),
    abc=st.integers(0, 6),
    birth_year=st.integers(1960, 2006),
    hours_available=st.none() | st.integers(0, 40),
    physical_capacity=st.sampled_from(("", *PHYSICAL_LOADS)),
    max_travel_km=st.just(500.0),
    language_level=st.just("C1"),
    driving_licence=st.just(True),
    needs=st.frozensets(st.sampled_from(SUPPORTS[:3])),
    wished_occupations=st.tuples(st.sampled_from(OCCUPATIONS)),
    talents=st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join),
    lat=st.just(WAGENINGEN[0]),
    lon=st.just(WAGENINGEN[1]),
)


def placements(id_: int) -> st.SearchStrategy[PlacementProfile]:
    return st.builds(
        PlacementProfile,
        id=st.just(id_),
        type=st.sampled_from(("regulier", "internship", "detacheringsbaan")),
        routes=st.just(frozenset(ROUTES)),
        phase=st.sampled_from(PLACEMENT_PHASES),
        max_abc=st.just(7),
        min_hours=st.just(0),
        max_hours=st.integers(1, 40),
        physical_load=st.sampled_from(("", *PHYSICAL_LOADS)),
        kansrijk=st.booleans(),
        occupation=st.sampled_from(OCCUPATIONS),
        supports=st.frozensets(st.sampled_from(SUPPORTS)),
        text=st.lists(st.sampled_from(WORDS), max_size=5).map(" ".join),
        lat=st.floats(51.9, 52.2),
        lon=st.floats(5.4, 5.9),
    )


def _improvements(p: PlacementProfile, r: ResidentProfile) -> list[PlacementProfile]:
    """Changes to the placement that each help exactly one factor for this resident."""
    return [
        replace(p, kansrijk=True),
        replace(p, lat=(p.lat + r.lat) / 2, lon=(p.lon + r.lon) / 2),
        replace(p, supports=p.supports | r.needs),
        replace(p, max_hours=max(p.max_hours, r.hours_available or 0, 1)),
        replace(p, physical_load="light" if p.physical_load else p.physical_load),
        replace(p, occupation=r.wished_occupations[0]),
        replace(p, max_abc=max(r.abc, 1) if r.abc else p.max_abc),
    ]


def _rank_of(index: MatchingIndex, placement_id: int) -> int:
    ranking = index.rank_placements(1, weights=Weights(), today=TODAY, limit=100)
    return [m.id for m in ranking.items].index(placement_id)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(r=residents, target=placements(1), others=st.lists(placements(2), min_size=3, max_size=6), data=st.data())
def test_helping_one_factor_never_lowers_the_rank(
    r: ResidentProfile, target: PlacementProfile, others: list[PlacementProfile], data: st.DataObject
) -> None:
    others = [replace(o, id=10 + i) for i, o in enumerate(others)]
    index = MatchingIndex([r], [target, *others])
    before = _rank_of(index, 1)
    score_before = next(
        m.score for m in index.rank_placements(1, weights=Weights(), today=TODAY, limit=100).items if m.id == 1
    )
    better = data.draw(st.sampled_from(_improvements(target, r)))
    index.upsert_placement(better)
    ranking = index.rank_placements(1, weights=Weights(), today=TODAY, limit=100)
    assert next(m.score for m in ranking.items if m.id == 1) >= score_before - 1e-9
    assert _rank_of(index, 1) <= before


@settings(max_examples=40, deadline=None)
@given(r=residents, p=placements(1))
def test_scores_are_in_unit_interval_and_deterministic(r: ResidentProfile, p: PlacementProfile) -> None:
    index = MatchingIndex([r], [p])
    first = index.rank_placements(1, weights=Weights(), today=TODAY)
    second = index.rank_placements(1, weights=Weights(), today=TODAY)
    assert first.items == second.items
    for match in first.items:
        assert 0.0 <= match.score <= 1.0


def _resident_improvements(r: ResidentProfile, p: PlacementProfile) -> list[ResidentProfile]:
    """Changes to a resident that each help exactly one factor for this placement."""
    return [
        replace(r, lat=(r.lat + p.lat) / 2, lon=(r.lon + p.lon) / 2),
        replace(r, wished_occupations=(p.occupation,)),
        replace(r, talents=p.text or r.talents),
        replace(r, needs=r.needs & p.supports),
        replace(r, hours_available=min(max(r.hours_available or 0, 1), p.max_hours)),
        replace(r, physical_capacity="heavy" if r.physical_capacity else r.physical_capacity),
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(target=residents, others=st.lists(residents, min_size=3, max_size=6), p=placements(1), data=st.data())
def test_helping_one_factor_never_lowers_a_candidates_rank(
    target: ResidentProfile, others: list[ResidentProfile], p: PlacementProfile, data: st.DataObject
) -> None:
    others = [replace(o, id=10 + i) for i, o in enumerate(others)]
    index = MatchingIndex([target, *others], [p])

    def rank() -> tuple[int, float]:
        ranking = index.rank_candidates(1, weights=Weights(), today=TODAY, limit=100)
        position = [m.id for m in ranking.items].index(1)
        return position, ranking.items[position].score

    before, score_before = rank()
    index.upsert_resident(data.draw(st.sampled_from(_resident_improvements(target, p))))
    after, score_after = rank()
    assert score_after >= score_before - 1e-9
    assert after <= before


@settings(max_examples=60, deadline=None)
@given(r=residents, p=placements(1), min_hours=st.integers(0, 60))
def test_unknown_hours_never_exclude_and_never_move_the_hours_factor(
    r: ResidentProfile, p: PlacementProfile, min_hours: int
) -> None:
    unknown = replace(r, hours_available=None)
    index = MatchingIndex([unknown], [replace(p, min_hours=min_hours)])
    assert "uren" not in [code for code, _ in index.why_excluded(1, 1, TODAY)]
    ranking = index.rank_placements(1, weights=Weights(), today=TODAY)
    hours = next(reason for reason in ranking.items[0].reasons if reason.factor == "uren")
    assert hours.contribution == round(0.5 * Weights().of("uren") / Weights().total, 4)


@settings(max_examples=60, deadline=None)
@given(r=residents, p=placements(1))
def test_physical_load_never_excludes_and_a_lighter_place_never_scores_lower(
    r: ResidentProfile, p: PlacementProfile
) -> None:
    scores = []
    for load in ("heavy", "medium", "light"):
        index = MatchingIndex([r], [replace(p, physical_load=load)])
        assert index.why_excluded(1, 1, TODAY) == []
        scores.append(index.rank_placements(1, weights=Weights(), today=TODAY).items[0].score)
    assert scores == sorted(scores)
