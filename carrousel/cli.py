"""The `carrousel` command: init, seed, demo, serve, create-user."""

from __future__ import annotations

import functools
import io
import sys
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlmodel import col

from . import create_app
from .auth.service import create_user
from .backup import BackupError, backup, restore
from .config import ConfigError
from .db import engine_of, unit_of_work, upgrade_schema
from .errors import ApiError
from .jobs.commands import jobs_group, scheduler_command
from .models import Occupation, Organisation, Proposal, Resident
from .ownpages.operations import link_for_code
from .residents.operations import refresh_all_deadlines
from .seeding import DEMO_PASSWORD, demo_logins, run_seed
from .seeding.occupations import load_occupations
from .server import serve
from .settings.store import terms_in_force
from .validation import InvalidInput

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

F = TypeVar("F", bound=Callable[..., Any])


def _app() -> Flask:
    return create_app()


def friendly(command: F) -> F:
    """Bad input ends in one line on standard error and exit status 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except InvalidInput as exc:
            details = "; ".join(f"{k}: {v}" for k, v in exc.fields.items())
            raise click.ClickException(details or exc.message) from None
        except (ConfigError, ApiError, BackupError) as exc:
            raise click.ClickException(str(exc)) from None
        except Exception as exc:  # the database is down, a file is unreadable, ...
            if isinstance(exc, OperationalError):
                raise click.ClickException(f"de database is niet bereikbaar: {exc.orig}") from None
            raise

    return wrapper  # type: ignore[return-value]


@click.group(help="Werkcarrousel: de matchingsmarktplaats voor werk en participatie.")
def main() -> None:
    pass


main.add_command(jobs_group)
main.add_command(scheduler_command)


@main.command("init", help="Maak of werk het databaseschema bij (migraties).")
@friendly
def init_command() -> None:
    app = _app()
    upgrade_schema(app)
    click.echo("Databaseschema is bijgewerkt.")
    with app.app_context(), unit_of_work(app) as session:
        if not session.execute(select(func.count()).select_from(Occupation)).scalar():
            click.echo(f"{load_occupations(session)} kansrijke beroepen geladen (UWV 2025-2026).")
        # Deadlines stored before a migration or a term change follow the terms in force.
        moved = refresh_all_deadlines(session, terms_in_force(session, app.config["CARROUSEL"]))
        if moved:
            click.echo(f"De termijn van {moved} inwoners is bijgewerkt.")


@main.command("seed", help="Laad voorbeeld- of testgegevens.")
@click.option("--demo", is_flag=True, help="Een demogemeente met een gebruiker per rol.")
@click.option("--synthetic-residents", type=click.IntRange(min=0), default=0, help="Aantal inwoners.")
@click.option("--synthetic-placements", type=click.IntRange(min=0), default=0, help="Aantal werkplekken.")
@click.option("--random-seed", type=int, default=1, help="Startwaarde voor herhaalbare gegevens.")
@click.option(
    "--occupations",
    "occupations_file",
    type=click.Path(dir_okay=False),
    help="Een nieuwe lijst kansrijke beroepen (CSV) inladen.",
)
@friendly
def seed_command(
    demo: bool, synthetic_residents: int, synthetic_placements: int, random_seed: int, occupations_file: str | None
) -> None:

    if not (demo or synthetic_residents or synthetic_placements or occupations_file):
        raise click.UsageError("kies --demo, --synthetic-residents/--synthetic-placements of --occupations")
    run_seed(
        _app(),
        demo=demo,
        residents=synthetic_residents,
        placements=synthetic_placements,
        random_seed=random_seed,
        occupations_file=occupations_file,
        echo=click.echo,
    )


@main.command("demo", help="Init, demogegevens en serveren in één keer.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@friendly
def demo_command(host: str, port: int) -> None:
    # Plain http on this machine: a Secure cookie would never come back from the browser.
    app = _demo_app()
    upgrade_schema(app)
    run_seed(app, demo=True, echo=click.echo)
    click.echo(f"\nWerkcarrousel draait op http://{host}:{port}/")
    click.echo(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
    for role, email in demo_logins():
        click.echo(f"  {role:<11} {email}")
    _print_demo_resident_link(app, f"http://{host}:{port}")
    click.echo(
        "Tweestapsverificatie (MFA) is in de demo voor niemand verplicht; aanzetten kan onder 'Tweestapsverificatie'."
    )
    serve(app, host=host, port=port)


def _print_demo_resident_link(app: Flask, base_url: str) -> None:
    """The first demo resident's own pages (/ik), without a password: a link as the consultant makes one."""
    app.config["CARROUSEL"]["app"]["base_url"] = base_url
    with app.app_context(), unit_of_work(app) as session:
        # One with a proposal still to consent to: the demo then shows every step of /ik.
        waiting = select(col(Proposal.resident_id)).where(col(Proposal.status) == "proposed")
        first = session.execute(
            select(col(Resident.code)).where(col(Resident.id).in_(waiting)).order_by(col(Resident.id))
        ).scalar() or session.execute(select(col(Resident.code)).order_by(col(Resident.id))).scalar()
        if first is None:
            return
        resident, url, _expires = link_for_code(session, first)
    click.echo(f"Eigen pagina's van demo-inwoner {resident.name} ({resident.code}): {url}")


def _demo_app() -> Flask:
    # The demo asks no second factor of anybody (CONTRACT.md): its logins are printed for all to use.
    return create_app({"app": {"secure_cookies": False}, "security": {"mfa_required_roles": []}})


@main.command("serve", help="Serveer de applicatie.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@friendly
def serve_command(host: str, port: int, workers: int) -> None:
    serve(_app(), host=host, port=port, workers=workers)


GEONAMES_URL = "https://download.geonames.org/export/zip/NL.zip"


@main.command("geodata", help="Haal de postcodegebieden van heel Nederland op bij GeoNames (CC BY 4.0).")
@click.option("--url", default=GEONAMES_URL, show_default=True, help="Adres van het zip-bestand.")
@friendly
def geodata_command(url: str) -> None:
    app = _app()
    target = Path(app.instance_path) / "NL.txt"
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise click.ClickException(f"{url} is geen http- of https-adres")
    try:
        # The scheme is checked just above (http or https only, no file: or custom schemes),
        # which is what bandit's B310 asks; the address is the operator's own option.
        with urllib.request.urlopen(url, timeout=30) as answer:  # nosec B310
            size = int(answer.headers.get("Content-Length") or 0) or None
            data = bytearray()
            bar: ProgressBar[int]  # the length may be unknown (None), so click cannot infer the item type
            with click.progressbar(length=size, label="GeoNames NL.zip") as bar:
                while chunk := answer.read(65536):
                    data.extend(chunk)
                    bar.update(len(chunk))
    except OSError as exc:
        raise click.ClickException(
            f"kan {url} niet ophalen ({exc}); bent u offline? De demo werkt met haar eigen kleine tabel."
        ) from None
    try:
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            text = archive.read("NL.txt")
    except (zipfile.BadZipFile, KeyError):
        raise click.ClickException(f"{url} is geen GeoNames-zip met NL.txt") from None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text)
    lines = text.count(b"\n")
    click.echo(f"{target} opgeslagen ({lines} regels). Bron: GeoNames, CC BY 4.0.")


@main.command("backup", help="Schrijf een back-up van de database naar FILE (SQLite: kopie; PostgreSQL: pg_dump -Fc).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly
def backup_command(file: Path) -> None:
    app = _app()
    try:
        click.echo(backup(engine_of(app), file))
    finally:
        engine_of(app).dispose()


@main.command("restore", help="Zet een back-up uit FILE terug in een lege database (stop eerst de webserver).")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overschrijf een database die al tabellen heeft.")
@friendly
def restore_command(file: Path, replace: bool) -> None:
    app = _app()
    try:
        click.echo(restore(engine_of(app), file, replace=replace))
    finally:
        engine_of(app).dispose()


@main.command("resident-link", help="Maak een inloglink voor een inwoner (oudere links vervallen).")
@click.argument("code")
@friendly
def resident_link_command(code: str) -> None:
    app = _app()
    with app.app_context(), unit_of_work(app) as session:
        resident, url, expires_at = link_for_code(session, code)
        click.echo(f"Inloglink voor {resident.name} ({resident.code}), geldig tot {expires_at:%Y-%m-%d}:")
        click.echo(url)


@main.command("create-user", help="Maak een account aan.")
@click.argument("email")
@click.option("--role", required=True, help="consultant, adviser, employer, location of admin")
@click.option("--organisation", "organisation_id", type=int, help="Organisatie-id (werkgever/aanbieder).")
@click.option("--name", default="", help="Naam van de gebruiker.")
@click.option("--password-stdin", is_flag=True, help="Lees het wachtwoord van standaardinvoer.")
@friendly
def create_user_command(email: str, role: str, organisation_id: int | None, name: str, password_stdin: bool) -> None:
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
    app = _app()
    with app.app_context(), unit_of_work(app) as session:
        if organisation_id is not None and session.get(Organisation, organisation_id) is None:
            raise InvalidInput({"organisation": f"organisatie {organisation_id} bestaat niet"})
        user = create_user(
            session, email=email, password=password, role=role, name=name, organisation_id=organisation_id
        )
        click.echo(f"Account {user.email} ({user.role}) is aangemaakt.")
