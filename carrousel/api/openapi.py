"""The OpenAPI 3 document, built from the registered routes and their declared models."""

from __future__ import annotations

import re
from typing import Any

from apispec import APISpec
from flask import Flask
from pydantic import BaseModel

from .frame import DOC_ATTR

_CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
_ERROR = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
            "required": ["code", "message", "fields"],
        }
    },
}


def build_spec(app: Flask) -> dict[str, Any]:
    spec = APISpec(
        title="Werkcarrousel API",
        version="1",
        openapi_version="3.0.3",
        info={"description": "Werkplekken, inwoners en matches van de Werkcarrousel."},
    )
    spec.components.schema("Error", _ERROR)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    paths: dict[str, dict[str, Any]] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/api/v1"):
            continue
        view = app.view_functions[rule.endpoint]
        doc = getattr(view, DOC_ATTR, None) or {"summary": rule.endpoint}
        path = _CONVERTER.sub(r"{\2}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(spec, rule, view, doc)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    return spec.to_dict()


def _operation(spec: APISpec, rule: Any, view: Any, doc: dict[str, Any]) -> dict[str, Any]:
    params = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "integer" if conv == "int" else "string"}}
        for conv, name in _CONVERTER.findall(rule.rule)
    ]
    if doc.get("query"):
        schema = _schema(spec, doc["query"])
        for name, prop in schema.get("properties", {}).items():
            params.append({"name": name, "in": "query", "required": False, "schema": prop})
    ok: dict[str, Any] = {"description": "OK"}
    if doc.get("answer"):
        ref: dict[str, Any] = {"$ref": f"#/components/schemas/{_register(spec, doc['answer'])}"}
        if doc.get("listing"):
            ref = {
                "type": "object",
                "properties": {"items": {"type": "array", "items": ref}, "total": {"type": "integer"}},
            }
        ok["content"] = {"application/json": {"schema": ref}}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    operation: dict[str, Any] = {
        "summary": doc["summary"],
        "description": (view.__doc__ or "").strip().splitlines()[0] if view.__doc__ else "",
        "tags": [rule.endpoint.split(".")[0].removesuffix("_api")],
        "parameters": params,
        "responses": {
            str(doc.get("status", 200)): ok,
            **{str(s): {"description": d, **error} for s, d in _ERRORS.items()},
        },
    }
    if doc.get("body"):
        name = _register(spec, doc["body"])
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
        }
    if doc.get("auth", True):
        operation["security"] = [{"bearer": []}]
    return operation


_ERRORS = {
    400: "Ongeldig verzoek",
    401: "Niet ingelogd",
    403: "Geen recht",
    404: "Niet gevonden",
    409: "Conflict",
    422: "Ongeldige velden",
}


def _schema(spec: APISpec, model: type[BaseModel]) -> dict[str, Any]:
    schema = _without_refused_null(model, model.model_json_schema(ref_template="#/components/schemas/{model}"))
    for name, sub in schema.pop("$defs", {}).items():
        if name not in spec.components.schemas:
            spec.components.schema(name, sub)
    return schema


def _register(spec: APISpec, model: type[BaseModel]) -> str:
    name = model.__name__
    if name not in spec.components.schemas:
        spec.components.schema(name, _schema(spec, model))
    return name


def _without_refused_null(model: type[BaseModel], schema: dict[str, Any]) -> dict[str, Any]:
    """A field that may be left out but not sent as null (validation.null_errors) is documented without null."""
    nullable: frozenset[str] | None = getattr(model, "NULLABLE", None)
    if nullable is None:
        return schema
    for name, prop in schema.get("properties", {}).items():
        options = prop.get("anyOf")
        if name in nullable or not options:
            continue
        kept = [option for option in options if option.get("type") != "null"]
        prop.pop("anyOf")
        if len(kept) == 1:
            prop.update(kept[0])
        else:
            prop["anyOf"] = kept
        if prop.get("default", "") is None:
            prop.pop("default")
    return schema
