"""The index stays current row by row, and ranks with a stable top-k."""

from __future__ import annotations

import pytest

from matching.engine import MatchingIndex
from matching.profiles import Weights
from tests.matching.helpers import TODAY, placement, resident


def test_upsert_changes_a_ranking_without_a_rebuild() -> None:
    index = MatchingIndex([resident(1), resident(2, abc=1)], [placement(max_abc=3)])
    assert [m.id for m in index.rank_candidates(100, weights=Weights(), today=TODAY).items] == [1, 2]
    index.upsert_resident(resident(2, abc=3, talents="nieuwe woorden"))  # now the same level as 1
    index.upsert_resident(resident(3, abc=5))  # new, and above the max
    ranking = index.rank_candidates(100, weights=Weights(), today=TODAY)
    assert {m.id for m in ranking.items} == {1, 2}
    assert ranking.excluded_by_reason == {"abc": 1}


def test_removed_rows_are_neither_ranked_nor_counted() -> None:
    index = MatchingIndex([resident(1), resident(2)], [placement()])
    index.remove_resident(2)
    ranking = index.rank_candidates(100, weights=Weights(), today=TODAY)
    assert [m.id for m in ranking.items] == [1]
    assert ranking.considered == 1 and ranking.excluded_total == 0
    with pytest.raises(KeyError):
        index.rank_placements(2, weights=Weights(), today=TODAY)


def test_many_upserts_grow_the_arrays_and_keep_every_row() -> None:
    index = MatchingIndex([], [placement()])
    for i in range(1, 101):
        index.upsert_resident(resident(i, talents=f"woord{i}"))
    ranking = index.rank_candidates(100, weights=Weights(), today=TODAY, limit=500)
    assert len(ranking.items) == 100


def test_top_k_returns_the_best_in_order_with_ties_by_id() -> None:
    residents = [resident(i) for i in range(1, 31)]
    index = MatchingIndex(residents, [placement()])
    ranking = index.rank_candidates(100, weights=Weights(), today=TODAY, limit=5)
    assert [m.id for m in ranking.items] == [1, 2, 3, 4, 5]
    assert ranking.eligible == 30


def test_weights_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown factor"):
        Weights({"charisma": 1.0})
    with pytest.raises(ValueError):
        Weights({"afstand": -1.0})


def test_a_zero_weight_leaves_a_factor_out() -> None:
    index = MatchingIndex([resident()], [placement(1, kansrijk=True), placement(2)])
    weights = Weights({**Weights().values, "kansrijk": 0.0})
    ranking = index.rank_placements(1, weights=weights, today=TODAY)
    assert ranking.items[0].score == ranking.items[1].score
    assert all(r.factor != "kansrijk" for r in ranking.items[0].reasons)


def test_one_off_functions_rank_without_building_an_index_by_hand() -> None:
    from matching import rank_candidates, rank_placements

    p = placement(max_abc=3)
    ranking = rank_candidates(p, [resident(1, abc=3), resident(2, abc=5), resident(3, abc=1)], today=TODAY)
    assert [m.id for m in ranking.items] == [1, 3]
    assert ranking.excluded_by_reason == {"abc": 1}
    assert [m.id for m in rank_placements(resident(abc=3), [p, placement(101, max_abc=7)], today=TODAY).items] == [
        100,
        101,
    ]


def test_the_engine_imports_neither_flask_nor_the_database() -> None:
    import subprocess
    import sys

    code = (
        "import sys, matching, matching.engine, matching.rules, matching.factors; "
        "print(sorted(m for m in ('flask', 'sqlalchemy', 'sqlmodel', 'carrousel') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
