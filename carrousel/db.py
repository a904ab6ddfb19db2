"""The engine and the unit of work: one session per request or job, committed once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g, has_request_context
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import Session

from .audit import write_pending
from .errors import error_response
from .outage import is_outage, unavailable_response
from .stamps import install as stamp_rows_at_commit

BEGAN_AT = "carrousel.began_at"


def make_engine(url: str) -> Engine:
    """An engine that behaves the same on SQLite and PostgreSQL."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        _tune_sqlite(engine)
    else:
        # pre-ping: a connection that died while the database restarted is replaced, not used.
        # connect_timeout: a server that does not answer is a 503 within seconds, not a hung worker.
        engine = create_engine(
            url, pool_pre_ping=True, pool_size=10, max_overflow=10, pool_timeout=10, connect_args={"connect_timeout": 5}
        )

    @event.listens_for(engine, "begin")
    def _stamp_begin(connection: Any) -> None:
        connection.info[BEGAN_AT] = datetime.now(UTC)

    return engine


def transaction_began_at(session: Session) -> datetime:
    """When the session's transaction began: the rows it wrote since are stamped no earlier
    (minus the clock's own jitter), and no other connection sees them before its commit."""
    began: datetime = session.connection().info.get(BEGAN_AT) or datetime.now(UTC)
    return began


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how a transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Freed space is overwritten with zeros: an erased resident leaves no bytes in the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Every transaction takes the write lock up front, so two workers queue on the busy
        # timeout instead of failing with 'database is locked' when a read turns into a write
        # (even a GET writes: viewing a resident adds an access-log row). SQLite serialises
        # writers anyway; PostgreSQL, the production database, has no such limit.
        # A reader that never writes (the matching index built in the background) reads its
        # WAL snapshot beside a writer instead of waiting for it.
        read_only = connection.get_execution_options().get("carrousel_read_only")
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def init_app(app: Flask) -> None:
    """Create the engine and tie one session to each request."""
    app.extensions["carrousel.engine"] = make_engine(app.config["CARROUSEL"]["app"]["database_url"])
    stamp_rows_at_commit()

    @app.after_request
    def _finish_unit_of_work(response: Any) -> Any:
        session: Session | None = g.pop("db_session", None)
        committed = False
        if session is not None:
            try:
                if response.status_code < 400:
                    try:
                        session.commit()
                        committed = True
                    except (OperationalError, InterfaceError):  # the database went away mid-request
                        _quietly_roll_back(session)
                        response = app.make_response(unavailable_response())
                else:
                    _quietly_roll_back(session)
            finally:
                session.close()
        try:  # after the request's transaction, in its own: a refused request keeps its log rows
            write_pending(engine_of(app), committed=committed)
        except Exception as exc:
            if response.status_code == 503:  # the database is away: the 503 already says so
                return response
            if is_outage(exc):  # the view's data must not go out unlogged; say why
                app.logger.warning("Toegangslog niet geschreven, database weg: %s", exc)
                return app.make_response(unavailable_response())
            app.logger.exception("Toegangslog niet geschreven; het antwoord wordt geweigerd")
            return app.make_response(error_response(500))
        return response

    @app.teardown_request
    def _close(_exc: BaseException | None) -> None:
        session: Session | None = g.pop("db_session", None)
        if session is not None:
            _quietly_roll_back(session)
            session.close()
        try:  # a request that ended in an unhandled error still logs what it showed
            write_pending(engine_of(app), committed=False)
        except Exception:
            app.logger.exception("Toegangslog niet geschreven")


def _quietly_roll_back(session: Session) -> None:
    """Roll back; on a connection the database dropped there is nothing left to roll back."""
    try:
        session.rollback()
    except (OperationalError, InterfaceError):
        session.invalidate()


def engine_of(app: Flask) -> Engine:
    engine: Engine = app.extensions["carrousel.engine"]
    return engine


def get_session() -> Session:
    """The request's session; services flush, the request commits once."""
    if "db_session" not in g:
        g.db_session = Session(engine_of(current_app), expire_on_commit=False)
    session: Session = g.db_session
    return session


@contextmanager
def unit_of_work(app: Flask) -> Iterator[Session]:
    """A session for a command or job: committed once at the end, rolled back on error."""
    if has_request_context():  # pragma: no cover - a programming error, not user input
        raise RuntimeError("unit_of_work is for commands and jobs; requests use get_session")
    with Session(engine_of(app), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade_schema(app: Flask) -> None:
    """Bring the schema to the newest migration; migrations are the only schema writer."""
    command.upgrade(alembic_config(engine_of(app)), "head")
