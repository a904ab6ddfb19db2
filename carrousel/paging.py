"""Paging for the pages: page number from the query string, size from the configuration."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app, request

from .parsing import DB_INT_MAX, parse_int


@dataclass(frozen=True)
class Page:
    number: int
    size: int
    total: int = 0

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def with_total(self, total: int) -> Page:
        return replace(self, total=total)


def page_from_request() -> Page:
    size = int(current_app.config["CARROUSEL"]["app"]["page_size"])
    # A page whose offset the database integer cannot hold is no page: show the first.
    number = parse_int(request.args.get("pagina"), low=1, high=DB_INT_MAX // size) or 1
    return Page(number, size)
