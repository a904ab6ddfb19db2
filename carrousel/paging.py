"""Paging for the pages: page number from the query string, size from the configuration."""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask import current_app, request


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
    raw = request.args.get("pagina", "1")
    number = int(raw) if raw.isdigit() and int(raw) > 0 else 1
    return Page(number, int(current_app.config["CARROUSEL"]["app"]["page_size"]))
