"""Fixtures: real databases (SQLite files and PostgreSQL databases), empty or holding demo data.

Every database test runs on both engines through the ``backend`` parameter (see
tests/databases.py for where the PostgreSQL server comes from).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.schema import prepare_database
from etl.demo import store_demo
from tests.databases import DatabaseFactory, admin_engine, drop_postgres_database, postgres_url_for, require_postgres

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql":
        require_postgres()
    return request.param


@pytest.fixture
def databases(backend: str, tmp_path: Path) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(backend, tmp_path)
    yield factory
    factory.drop_all()


@pytest.fixture
def empty_engine(databases: DatabaseFactory) -> Iterator[Engine]:
    """A database with no tables at all."""
    engine = make_engine(databases.new_url())
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """A migrated database holding the reference data and nothing else."""
    prepare_database(empty_engine)
    return empty_engine


@pytest.fixture(scope="session")
def demo_templates() -> Iterator[dict[str, str]]:
    """Demo data built once per backend (a SQLite file, a PostgreSQL template database);
    tests get copies, never the template itself."""
    templates: dict[str, str] = {}
    yield templates
    if "postgresql" in templates:
        drop_postgres_database(templates["postgresql"])


def _build_demo(url: str) -> None:
    engine = make_engine(url)
    prepare_database(engine)
    with Session(engine) as session, session.begin():
        store_demo(session)
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()


@pytest.fixture
def demo_url(
    databases: DatabaseFactory, demo_templates: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> str:
    """URL of a fresh database holding reference data and the full demo data set."""
    backend = databases.backend
    if backend not in demo_templates:
        if backend == "sqlite":
            path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
            _build_demo(f"sqlite:///{path}")
            demo_templates[backend] = str(path)
        else:
            name = f"humas_demo_{uuid.uuid4().hex[:8]}"
            with admin_engine().connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
            _build_demo(postgres_url_for(name))
            demo_templates[backend] = name
    return databases.new_url(template=demo_templates[backend])


@pytest.fixture
def demo_engine(demo_url: str) -> Iterator[Engine]:
    engine = make_engine(demo_url)
    yield engine
    engine.dispose()
