"""The one place where database connections are configured.

``HUMAS_DATABASE_URL`` selects the database; without it the app uses a SQLite file under
``data/`` in the project folder. SQLite connections get WAL journaling, enforced foreign
keys and a busy timeout so that a reader never blocks a loading writer for long, and every
commit is synced to disk: an upload the user saw stored survives a power cut too.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

# The layers above db hold engines and sessions and catch database errors without importing
# SQLAlchemy themselves (the import contracts in pyproject.toml): these are the names they use.
__all__ = ["DatabaseTidakTerbuka", "Engine", "KesalahanDatabase", "Session"]
KesalahanDatabase = DBAPIError
"""Any error the database driver raised (``.orig`` holds the driver's own)."""
DatabaseTidakTerbuka = OperationalError
"""The database could not be opened or reached (``.orig`` says why)."""

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_DIR / "data" / "humas.sqlite"
ENV_DATABASE_URL = "HUMAS_DATABASE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url() -> str:
    """The configured database URL, or the default SQLite file under ``data/``."""
    return os.environ.get(ENV_DATABASE_URL) or f"sqlite:///{DEFAULT_SQLITE_PATH}"


# Bulk inserts hand dates straight to the driver; store them as ISO text, exactly as
# SQLAlchemy's SQLite Date type does (Python 3.12 deprecates the driver's implicit default).
sqlite3.register_adapter(dt.date, dt.date.isoformat)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=FULL")  # NORMAL may lose the last commits on power loss
    cursor.close()


def make_engine(url: str | None = None) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`) with our settings.

    For a SQLite file the parent folder is created, so the first start needs no setup.
    """
    url = url or database_url()
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    engine = create_engine(url, pool_pre_ping=True)
    if parsed.get_driver_name() != "psycopg":
        return engine
    from psycopg import pq  # the PostgreSQL driver, imported only for a PostgreSQL engine

    def hasil_biner(
        connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool
    ) -> None:
        if context is not None and context.execution_options.get(HASIL_BINER):
            cursor.format = pq.Format.BINARY

    event.listen(engine, "before_cursor_execute", hasil_biner)
    return engine


HASIL_BINER = "hasil_biner"
"""Execution option of a statement whose results PostgreSQL should send in binary (psycopg's
``Cursor.format``): for the wide reads of a ranking, formatting every number as text on the server
and parsing it back was 40 % of the national summary read. The rows hold the same Python values;
SQLite ignores the option."""


def describe_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)
