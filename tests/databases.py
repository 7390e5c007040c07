"""Test databases on both backends: fresh SQLite files and fresh PostgreSQL databases.

PostgreSQL comes from HUMAS_TEST_POSTGRES_URL (``uji.sh`` starts a throwaway server). Without
it those tests are skipped locally but fail under CI, so a missing server never passes unnoticed.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from db.engine import make_engine
from tests.tools import missing

_ADMIN: dict[str, Engine] = {}


def require_postgres() -> str:
    """The test server's URL, or skip (locally) / fail (under CI) without one."""
    base = os.environ.get("HUMAS_TEST_POSTGRES_URL")
    if base:
        return base
    missing("PostgreSQL", "set HUMAS_TEST_POSTGRES_URL atau jalankan uji.sh")


def postgres_url_for(database: str) -> str:
    """The URL of ``database`` on the test server."""
    return make_url(require_postgres()).set(database=database).render_as_string(hide_password=False)


def admin_engine() -> Engine:
    """An autocommit engine on the server's maintenance database, for CREATE/DROP DATABASE."""
    url = postgres_url_for("postgres")
    if url not in _ADMIN:
        _ADMIN[url] = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    return _ADMIN[url]


def drop_postgres_database(name: str) -> None:
    with admin_engine().connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


class DatabaseFactory:
    """Creates fresh databases on one backend and removes them at the end of the test."""

    def __init__(self, backend: str, tmp_path: Path) -> None:
        self.backend = backend
        self.tmp_path = tmp_path
        self.created: list[str] = []

    def new_url(self, template: str | None = None) -> str:
        """A new empty database, or a copy of ``template`` (a SQLite path or a database name)."""
        name = f"humas_{uuid.uuid4().hex[:12]}"
        if self.backend == "sqlite":
            path = self.tmp_path / f"{name}.sqlite"
            if template:
                shutil.copyfile(template, path)
            return f"sqlite:///{path}"
        with admin_engine().connect() as connection:
            clause = f' TEMPLATE "{template}"' if template else ""
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        self.created.append(name)
        return postgres_url_for(name)

    def drop_all(self) -> None:
        for name in self.created:
            drop_postgres_database(name)
