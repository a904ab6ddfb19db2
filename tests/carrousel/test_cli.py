"""The `carrousel` command: exit codes, one-line errors, and the demo serving for real."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CARROUSEL = [sys.executable, "-c", "from carrousel.cli import main; main()"]


def _run(
    tmp_path: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARROUSEL_INSTANCE_PATH": str(tmp_path), **(env or {})}
    env.pop("CARROUSEL_DATABASE_URL", None)
    return subprocess.run([*CARROUSEL, *args], input=stdin, capture_output=True, text=True, env=env, timeout=120)


def test_init_seed_and_create_user(tmp_path: Path) -> None:
    first = _run(tmp_path, "init")
    assert first.returncode == 0 and "107 kansrijke beroepen geladen" in first.stdout
    assert (tmp_path / "carrousel.sqlite").is_file() and (tmp_path / "secret_key").is_file()
    again = _run(tmp_path, "init")  # an upgrade keeps the list that is there
    assert again.returncode == 0 and "kansrijke beroepen" not in again.stdout
    seeded = _run(tmp_path, "seed", "--demo")
    assert seeded.returncode == 0 and "Demogemeente geladen" in seeded.stdout
    again = _run(tmp_path, "seed", "--demo")
    assert again.returncode == 0 and "staan er al" in again.stdout
    created = _run(
        tmp_path,
        "create-user",
        "nieuw@gemeente.nl",
        "--role",
        "consultant",
        "--password-stdin",
        stdin="een-lang-wachtwoord\n",
    )
    assert created.returncode == 0, created.stderr
    synthetic = _run(tmp_path, "seed", "--synthetic-residents", "50", "--synthetic-placements", "20")
    assert synthetic.returncode == 0 and "50 inwoners en 20 werkplekken" in synthetic.stdout


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One instance after `carrousel init`, shared by the bad-input cases: each of them is refused
    before it writes anything, so one `init` serves them all (a process start less per case)."""
    folder = tmp_path_factory.mktemp("initialised")
    assert _run(folder, "init").returncode == 0
    return folder


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("create-user", "x@y.nl", "--role", "koning", "--password-stdin"), "een-lang-wachtwoord\n", "role"),
        (("create-user", "geen-email", "--role", "admin", "--password-stdin"), "een-lang-wachtwoord\n", "email"),
        (("create-user", "a@b.nl", "--role", "admin", "--password-stdin"), "kort\n", "password"),
        (("create-user", "a@b.nl", "--role", "employer", "--password-stdin"), "een-lang-wachtwoord\n", "organisatie"),
        (("seed",), "", "kies --demo"),
        (("seed", "--occupations", "/bestaat/niet.csv"), "", "bestaat niet"),
        (("geodata", "--url", "file:///etc/passwd"), "", "geen http- of https-adres"),  # bandit B310
    ],
)
def test_bad_input_gives_one_line_and_a_non_zero_status(
    initialised: Path, args: tuple[str, ...], stdin: str, message: str
) -> None:
    result = _run(initialised, *args, stdin=stdin)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message in result.stderr.lower() or message in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) <= 3  # usage lines for click misuse


def test_a_bad_configuration_file_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[app\nkapot", encoding="utf-8")
    env = {**os.environ, "CARROUSEL_INSTANCE_PATH": str(tmp_path), "CARROUSEL_CONFIG": str(config)}
    result = subprocess.run([*CARROUSEL, "init"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode != 0 and "geen geldige TOML" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _demo_consultant_token_status(port: int) -> int:
    """A token for the demo consultant with the password alone (no otp)."""
    from carrousel.seeding import DEMO_PASSWORD

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/auth/token",
        data=json.dumps({"email": "consulent@demo.werkcarrousel.nl", "password": DEMO_PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_demo_serves_the_product_and_prints_the_logins(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "CARROUSEL_INSTANCE_PATH": str(tmp_path)}
    env.pop("CARROUSEL_DATABASE_URL", None)
    process = subprocess.Popen(
        [*CARROUSEL, "demo", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.time() + 120  # importing and seeding the demo, on a busy machine too
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/plekken", timeout=2) as answer:
                    assert answer.status == 200
                    assert "Kringloop" in answer.read().decode()
                token_status = _demo_consultant_token_status(port)
                break
            except OSError:
                if time.time() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.5)
    finally:
        process.terminate()
        output = process.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}/" in output and "consulent@demo.werkcarrousel.nl" in output
    # The demo requires a second factor of no one, and says so (CONTRACT.md, MFA).
    assert "Tweestapsverificatie (MFA) is in de demo voor niemand verplicht" in output
    assert token_status == 201
    assert f"http://127.0.0.1:{port}/ik/link/r." in output  # a demo resident's own pages (README)


def test_resident_link_prints_a_link_and_refuses_an_unknown_code(tmp_path: Path) -> None:
    assert _run(tmp_path, "init").returncode == 0
    assert _run(tmp_path, "seed", "--demo").returncode == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "carrousel.sqlite") as db:
        code = db.execute("SELECT code FROM resident ORDER BY id LIMIT 1").fetchone()[0]
    unset = _run(tmp_path, "resident-link", code)  # a link read elsewhere needs app.base_url
    assert unset.returncode != 0 and "app.base_url" in unset.stderr
    config = tmp_path / "carrousel.toml"
    config.write_text('[app]\nbase_url = "https://werkcarrousel.example"\n', encoding="utf-8")
    made = _run(tmp_path, "resident-link", code, env={"CARROUSEL_CONFIG": str(config)})
    assert made.returncode == 0, made.stderr
    assert "https://werkcarrousel.example/ik/link/r." in made.stdout
    unknown = _run(tmp_path, "resident-link", "R-BESTAATNIET")
    assert unknown.returncode != 0 and "geen inwoner met code" in unknown.stderr
