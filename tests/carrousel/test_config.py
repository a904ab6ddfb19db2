"""Configuration: the example file documents every key with its default; env overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from carrousel.config import DEFAULTS, ConfigError, load_settings

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"


def _keys(tree: dict, prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_keys(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def test_the_example_file_documents_every_key_with_its_default() -> None:
    example = _keys(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert example == _keys(DEFAULTS)


def test_file_then_environment_then_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "carrousel.toml"
    config.write_text('[app]\npage_size = 7\ndatabase_url = "sqlite:///uit-bestand.db"\n', encoding="utf-8")
    monkeypatch.setenv("CARROUSEL_CONFIG", str(config))
    monkeypatch.setenv("CARROUSEL_DATABASE_URL", "sqlite:///uit-omgeving.db")
    settings = load_settings(tmp_path)
    assert settings["app"]["page_size"] == 7
    assert settings["app"]["database_url"] == "sqlite:///uit-omgeving.db"
    assert settings["matching"]["weights"]["capaciteit"] == DEFAULTS["matching"]["weights"]["capaciteit"]


def test_secret_key_is_generated_once_and_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CARROUSEL_CONFIG", raising=False)
    first = load_settings(tmp_path)["app"]["secret_key"]
    assert len(first) > 40 and load_settings(tmp_path)["app"]["secret_key"] == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # readable by the owner only
    assert load_settings(tmp_path / "ander")["app"]["secret_key"] != first


def test_a_missing_config_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARROUSEL_CONFIG", str(tmp_path / "weg.toml"))
    with pytest.raises(ConfigError, match="bestaat niet"):
        load_settings(tmp_path)
