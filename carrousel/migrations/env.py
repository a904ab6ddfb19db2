"""Alembic environment: runs on the engine the application made."""

from alembic import context
from sqlmodel import SQLModel

import carrousel.models  # noqa: F401  (registers every table on the metadata)

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode copies a table and drops the old one; with foreign keys on, SQLite refuses to
        # drop a table that other rows point at (a downgrade across 0010 with proposals stored).
        # The pragma only takes effect outside a transaction, so it goes to the driver's connection
        # before the migration begins (a statement through SQLAlchemy would open one first).
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
    if sqlite:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
