"""What every JSON endpoint shares: parsed and validated input, paging, documentation."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict, Field

from ..errors import ApiError
from ..validation import validate

F = TypeVar("F", bound=Callable[..., Any])
DOC_ATTR = "_carrousel_doc"


class PageQuery(BaseModel):
    """limit and offset, shared by every list."""

    model_config = ConfigDict(extra="forbid")

    limit: int = Field(default=50, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


def documented(
    *,
    summary: str,
    body: type[BaseModel] | None = None,
    answer: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    listing: bool = False,
    auth: bool = True,
    status: int = 200,
) -> Callable[[F], F]:
    """Declare what an endpoint takes and answers; the OpenAPI document is built from this."""

    def mark(view: F) -> F:
        setattr(
            view,
            DOC_ATTR,
            {
                "summary": summary,
                "body": body,
                "answer": answer,
                "query": query,
                "listing": listing,
                "auth": auth,
                "status": status,
            },
        )
        return view

    return mark


def json_body(model: type[BaseModel]) -> Callable[[F], F]:
    """Pass the validated JSON body as `body`; 400 when it is no JSON object, 422 per field."""

    def wrap(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            data = request.get_json(silent=True)
            if not isinstance(data, dict):
                raise ApiError(400, "Stuur een JSON-object met Content-Type application/json.")
            return view(*args, body=validate(model, data, refuse_null=True), **kwargs)

        return wrapper  # type: ignore[return-value]

    return wrap


def query_args(model: type[BaseModel], multi: Sequence[str] = ()) -> Callable[[F], F]:
    """Pass the validated query string as `query`; 422 names each bad parameter."""

    def wrap(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            data: dict[str, Any] = {k: v for k, v in request.args.items() if v != ""}
            for name in multi:
                if name in request.args:
                    data[name] = request.args.getlist(name)
            return view(*args, query=validate(model, data), **kwargs)

        return wrapper  # type: ignore[return-value]

    return wrap


def listing(items: list[Any], total: int) -> dict[str, Any]:
    return {"items": items, "total": total}
