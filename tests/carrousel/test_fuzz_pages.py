"""Hypothesis-generated query strings for every HTML list page: never an answer >= 500.

Each page gets its own filter names with values from anywhere (huge and negative numbers,
superscript digits, dates out of range, NUL bytes, invalid UTF-8 percent-escapes, long text),
plus names it does not know and repeated parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carrousel.auth.account import Account
from tests.conftest import Client

# page (with {resident} / {placement}), the role that opens it, the parameters it reads
LIST_PAGES = [
    ("/caseload", "consultant", ["q", "route", "phase", "abc", "deadline", "ontheffing", "contact", "sort", "pagina"]),
    ("/caseload/{resident}/plekken", "consultant", ["type", "limit", "kansrijk"]),
    ("/werkplekken", "adviser", ["type", "route", "phase", "status", "organisation_id", "q", "sort", "pagina"]),
    ("/werkplekken/{placement}/kandidaten", "employer", ["limit"]),
    ("/organisaties", "adviser", ["kind", "status", "q", "sort", "pagina"]),
    ("/plekken", None, ["sector", "uren", "afstand", "postcode", "pagina"]),
    ("/beheer/gebruikers", "admin", ["pagina"]),
    ("/beheer/toegangslog", "admin", ["q", "gebruiker", "van", "tot", "pagina"]),
]
AWKWARD = [
    "",
    "0",
    "-1",
    "²",
    "١٢",
    str(2**31),
    str(2**63),
    "9" * 40,
    "1e9",
    "9999-12-31",
    "0000-00-00",
    "%00",
    "%ED%A0%80",  # a lone surrogate, percent-encoded
    "%FF%FE",
    "G7",
    "snel",
    "open",
    "none",
    "x" * 5000,
]
VALID = {
    "type": "regulier",
    "route": "snel",
    "phase": "ontwikkeling",
    "status": "open",
    "abc": "G3",
    "sort": "name",
    "kind": "employer",
    "deadline": "30",
    "ontheffing": "ending",
    "contact": "none_this_year",
    "kansrijk": "1",
    "q": "a",
    "van": "2026-01-01",
    "tot": "2026-12-31",
    "sector": "Zorg",
    "postcode": "6701AB",
    "afstand": "10",
    "uren": "8",
    "limit": "5",
}
values = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(max_size=60).map(lambda text: quote(text, safe="")),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def query_strings(names: list[str]) -> st.SearchStrategy[str]:
    """Any of the page's own parameters (each present about half the time), plus unknown and repeated ones."""
    # Half the time a value the page accepts: a bad value among good ones is where a query runs with it.
    choice = {name: st.one_of(st.just(VALID.get(name, "1")), values) for name in names}
    known = st.fixed_dictionaries({}, optional=choice).map(lambda chosen: [f"{k}={v}" for k, v in chosen.items()])
    stranger = st.text(min_size=1, max_size=10).map(lambda t: quote(t, safe=""))
    extra = st.lists(st.tuples(st.one_of(st.sampled_from(names), stranger), values), max_size=3)
    return st.tuples(known, extra).map(lambda parts: "&".join(parts[0] + [f"{k}={v}" for k, v in parts[1]]))


@pytest.mark.parametrize(("path", "role", "names"), LIST_PAGES, ids=[p[0] for p in LIST_PAGES])
def test_list_pages_answer_every_query_string_without_a_server_error(
    app: Flask,
    client: Client,
    make_user: Callable[..., Account],
    make_organisation: Callable[..., int],
    make_placement: Callable[..., int],
    make_resident: Callable[..., int],
    path: str,
    role: str | None,
    names: list[str],
) -> None:
    organisation = make_organisation()
    placement = make_placement(organisation)
    consultant = make_user("consultant")
    resident = make_resident(consultant, abc="G3")
    if role:
        client.login((consultant if role == "consultant" else make_user(role, organisation_id=organisation)).email)
    url = path.format(resident=resident, placement=placement)

    # Every awkward value in every parameter on its own first (a bad value among none: the query runs
    # with it), then hypothesis' combinations.
    for name in names:
        for value in AWKWARD:
            response = client.get(f"{url}?{name}={value}")
            assert response.status_code in (200, 422), (url, name, value, response.status_code)

    @settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(query=query_strings(names))
    def answers(query: str) -> None:
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, query)
        assert response.status_code in (200, 422), (url, query, response.status_code)

    answers()
