"""Residents and placements encoded once into numpy columns, kept current row by row."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from .age import day_turning
from .profiles import PlacementProfile, ResidentProfile
from .vocabulary import (
    LANGUAGE_LEVELS,
    PHYSICAL_LOADS,
    PLACEMENT_PHASES,
    PLACEMENT_TYPES,
    RESIDENT_PHASES,
    ROUTES,
    SUPPORTS,
    YOUNG_AGE,
)

NO_DATE = np.iinfo(np.int32).max

ROUTE_BIT = {route: 1 << i for i, route in enumerate(ROUTES)}
SUPPORT_BIT = {support: 1 << i for i, support in enumerate(SUPPORTS)}
TYPE_CODE = {name: i for i, name in enumerate(PLACEMENT_TYPES)}
LANGUAGE_RANK = {name: i for i, name in enumerate(LANGUAGE_LEVELS)}
RESIDENT_PHASE_CODE = {name: i for i, name in enumerate(RESIDENT_PHASES)}
PLACEMENT_PHASE_CODE = {name: i for i, name in enumerate(PLACEMENT_PHASES)}
LOAD_RANK = {name: i for i, name in enumerate(PHYSICAL_LOADS)}  # light 0, medium 1, heavy 2; unknown -1
UNKNOWN = -1


def bits(names: frozenset[str] | set[str], table: dict[str, int]) -> int:
    return sum(table.get(name, 0) for name in names)


def day(value: Any) -> int:
    return NO_DATE if value is None else int(value.toordinal())


P = TypeVar("P")


@dataclass(frozen=True)
class Column(Generic[P]):
    name: str
    dtype: Any
    encode: Callable[[P], Any]
    ragged: bool = False  # a list per row (ids > 0), as wide as the longest; 0 pads


class ColumnStore(Generic[P]):
    """Arrays of a fixed schema that grow by doubling; rows are found by record id."""

    def __init__(self, schema: Sequence[Column[P]], profiles: Sequence[P], id_of: Callable[[P], int]):
        self.schema = schema
        self.id_of = id_of
        self.size = len(profiles)
        capacity = max(16, self.size)
        self.arrays: dict[str, NDArray[Any]] = {}
        for column in schema:
            if column.ragged:
                values = [column.encode(p) for p in profiles]
                width = max(1, max((len(v) for v in values), default=1))
                array = np.zeros((capacity, width), dtype=column.dtype)
                for row, items in enumerate(values):
                    array[row, : len(items)] = items
            else:
                array = np.zeros(capacity, dtype=column.dtype)
                # fromiter fills the array as it goes: no list of 100,000 Python objects in between
                array[: self.size] = np.fromiter(map(column.encode, profiles), dtype=column.dtype, count=self.size)
            self.arrays[column.name] = array
        self.ids = np.zeros(capacity, dtype=np.int64)
        self.ids[: self.size] = [id_of(p) for p in profiles]
        self.active = np.zeros(capacity, dtype=bool)
        self.active[: self.size] = True
        self.row_of: dict[int, int] = {int(i): r for r, i in enumerate(self.ids[: self.size])}

    def upsert(self, profile: P) -> int:
        record_id = self.id_of(profile)
        row = self.row_of.get(record_id)
        if row is None:
            row = self.size
            if row >= len(self.ids):
                self._grow()
            self.size += 1
            self.row_of[record_id] = row
            self.ids[row] = record_id
        for column in self.schema:
            value = column.encode(profile)
            if column.ragged:
                self._set_list(column.name, row, value)
            else:
                self.arrays[column.name][row] = value
        self.active[row] = True
        return row

    def _set_list(self, name: str, row: int, items: list[int]) -> None:
        array = self.arrays[name]
        if len(items) > array.shape[1]:  # a longer list than any before: widen the column
            wider = np.zeros((array.shape[0], len(items)), dtype=array.dtype)
            wider[:, : array.shape[1]] = array
            self.arrays[name] = array = wider
        array[row] = 0
        array[row, : len(items)] = items

    def remove(self, record_id: int) -> None:
        row = self.row_of.get(record_id)
        if row is not None:
            self.active[row] = False

    def _grow(self) -> None:
        for name, array in self.arrays.items():
            grown = np.zeros((array.shape[0] * 2, *array.shape[1:]), dtype=array.dtype)
            grown[: array.shape[0]] = array
            self.arrays[name] = grown
        self.ids = np.concatenate([self.ids, np.zeros_like(self.ids)])
        self.active = np.concatenate([self.active, np.zeros_like(self.active)])

    def all(self) -> dict[str, NDArray[Any]]:
        """Every row (views, no copies)."""
        view = {name: array[: self.size] for name, array in self.arrays.items()}
        view["active"] = self.active[: self.size]
        view["ids"] = self.ids[: self.size]
        return view

    def one(self, row: int) -> dict[str, NDArray[Any]]:
        """One row, shaped to broadcast against all rows of the other side."""
        view = {name: (array[row : row + 1] if array.ndim == 2 else array[row]) for name, array in self.arrays.items()}
        view["active"] = self.active[row]
        view["ids"] = self.ids[row]
        return view

    @property
    def memory_bytes(self) -> int:
        return int(sum(a.nbytes for a in self.arrays.values()) + self.ids.nbytes + self.active.nbytes)


def turns_27(p: ResidentProfile) -> int:
    """The day (ordinal) from which the resident certainly is 27; 0 when the age is unknown."""
    found = day_turning(YOUNG_AGE, p.birth_date, p.birth_year)
    return 0 if found is None else found.toordinal()


def _ids(texts: tuple[str, ...], id_of: Callable[[str], int]) -> list[int]:
    return [i for i in (id_of(t) for t in texts) if i]


def resident_schema(
    occupation_id: Callable[[str], int], sector_id: Callable[[str], int]
) -> list[Column[ResidentProfile]]:
    """`occupation_id` and `sector_id` give the id of a wished term."""
    return [
        Column[ResidentProfile]("route_bit", np.uint8, lambda p: ROUTE_BIT.get(p.route or "", 0)),
        Column[ResidentProfile]("phase", np.int8, lambda p: RESIDENT_PHASE_CODE.get(p.phase, 0)),
        Column[ResidentProfile]("abc", np.int8, lambda p: p.abc),
        Column[ResidentProfile]("turns_27", np.int32, turns_27),
        Column[ResidentProfile]("doelgroepregister", np.bool_, lambda p: p.doelgroepregister),
        Column[ResidentProfile]("beschut_advies", np.bool_, lambda p: p.beschut_advies),
        Column[ResidentProfile](
            "ontheffing_until", np.int32, lambda p: day(p.ontheffing_until) if p.ontheffing_until else 0
        ),
        Column[ResidentProfile]("wants_to_participate", np.bool_, lambda p: p.wants_to_participate),
        Column[ResidentProfile](
            "hours", np.int16, lambda p: UNKNOWN if p.hours_available is None else p.hours_available
        ),
        Column[ResidentProfile]("max_km", np.float32, lambda p: p.max_travel_km),
        Column[ResidentProfile]("driving_licence", np.bool_, lambda p: p.driving_licence),
        Column[ResidentProfile]("language", np.int8, lambda p: LANGUAGE_RANK.get(p.language_level, 0)),
        Column[ResidentProfile]("capacity", np.int8, lambda p: LOAD_RANK.get(p.physical_capacity, UNKNOWN)),
        Column[ResidentProfile]("needs", np.uint8, lambda p: bits(p.needs, SUPPORT_BIT)),
        Column[ResidentProfile](
            "confirmed_on", np.int32, lambda p: day(p.availability_confirmed_on) if p.availability_confirmed_on else 0
        ),
        Column[ResidentProfile]("lat", np.float64, lambda p: p.lat),
        Column[ResidentProfile]("lon", np.float64, lambda p: p.lon),
        Column[ResidentProfile](
            "wished_occupations", np.int32, lambda p: _ids(p.wished_occupations, occupation_id), ragged=True
        ),
        Column[ResidentProfile]("wished_sectors", np.int32, lambda p: _ids(p.wished_sectors, sector_id), ragged=True),
    ]


def placement_schema(
    occupation_id: Callable[[str], int], sector_id: Callable[[str], int]
) -> list[Column[PlacementProfile]]:
    return [
        Column[PlacementProfile]("type", np.int8, lambda p: TYPE_CODE[p.type]),
        Column[PlacementProfile]("routes", np.uint8, lambda p: bits(p.routes, ROUTE_BIT)),
        Column[PlacementProfile]("phase", np.int8, lambda p: PLACEMENT_PHASE_CODE.get(p.phase, 1)),
        Column[PlacementProfile]("max_abc", np.int8, lambda p: p.max_abc),
        Column[PlacementProfile]("min_hours", np.int16, lambda p: p.min_hours),
        Column[PlacementProfile]("max_hours", np.int16, lambda p: p.max_hours),
        Column[PlacementProfile]("language", np.int8, lambda p: LANGUAGE_RANK.get(p.language_level, 0)),
        Column[PlacementProfile]("driving_licence", np.bool_, lambda p: p.driving_licence),
        Column[PlacementProfile]("load", np.int8, lambda p: LOAD_RANK.get(p.physical_load, UNKNOWN)),
        Column[PlacementProfile]("kansrijk", np.bool_, lambda p: p.kansrijk),
        Column[PlacementProfile]("occupation", np.int32, lambda p: occupation_id(p.occupation)),
        Column[PlacementProfile]("sector", np.int32, lambda p: sector_id(p.sector)),
        Column[PlacementProfile]("supports", np.uint8, lambda p: bits(p.supports, SUPPORT_BIT)),
        Column[PlacementProfile]("lat", np.float64, lambda p: p.lat),
        Column[PlacementProfile]("lon", np.float64, lambda p: p.lon),
        Column[PlacementProfile]("offered", np.bool_, lambda p: p.offered),
        Column[PlacementProfile]("free_places", np.int32, lambda p: p.free_places),
        Column[PlacementProfile]("end_date", np.int32, lambda p: day(p.end_date)),
    ]
