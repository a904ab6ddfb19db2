"""The factor `actueel`: a stale profile ranks lower with its own reason, and is never hidden."""

from __future__ import annotations

from datetime import date

import pytest

from matching.engine import MatchingIndex
from matching.freshness import is_stale, months_before, stale_cutoff
from matching.profiles import Weights
from tests.matching.helpers import TODAY, placement, resident


@pytest.mark.parametrize(
    ("confirmed", "stale"),
    [
        (None, False),
        (TODAY, False),
        (months_before(TODAY, 6), False),
        (date.fromordinal(months_before(TODAY, 6).toordinal() - 1), True),
    ],
)
def test_stale_after_six_months_to_the_day(confirmed: date | None, stale: bool) -> None:
    assert is_stale(confirmed, TODAY) is stale


def test_months_before_keeps_the_last_day_of_a_shorter_month() -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert stale_cutoff(date(2026, 11, 23), 6) == date(2026, 5, 23)


def test_a_stale_twin_ranks_lower_with_its_own_reason_and_is_never_hidden() -> None:
    fresh = resident(1, availability_confirmed_on=TODAY)
    stale = resident(2, availability_confirmed_on=date(2025, 1, 10))
    ranking = MatchingIndex([fresh, stale], [placement()]).rank_candidates(100, weights=Weights(), today=TODAY)
    assert [m.id for m in ranking.items] == [1, 2]
    assert ranking.items[0].score > ranking.items[1].score
    reason = next(r for r in ranking.items[1].reasons if r.factor == "actueel")
    assert reason.contribution == 0
    assert reason.text.startswith("Niet bevestigd sinds 10 januari 2025")
    assert next(r for r in ranking.items[0].reasons if r.factor == "actueel").contribution > 0


def test_the_horizon_follows_the_setting() -> None:
    one = resident(1, availability_confirmed_on=date(2026, 8, 1))
    ranking = MatchingIndex([one], [placement()]).rank_candidates(
        100, weights=Weights(stale_after_months=3), today=TODAY
    )
    assert next(r for r in ranking.items[0].reasons if r.factor == "actueel").contribution == 0
    ranking = MatchingIndex([one], [placement()]).rank_candidates(100, weights=Weights(), today=TODAY)
    assert next(r for r in ranking.items[0].reasons if r.factor == "actueel").contribution > 0


def test_the_employer_reads_no_date() -> None:
    stale = resident(2, availability_confirmed_on=date(2025, 1, 10))
    ranking = MatchingIndex([stale], [placement()]).rank_candidates(
        100, weights=Weights(), today=TODAY, audience="organisation"
    )
    text = next(r for r in ranking.items[0].reasons if r.factor == "actueel").text
    assert "2025" not in text
