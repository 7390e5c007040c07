"""Create or upgrade the schema with Alembic, from code (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from db.reference import ReferenceCounts, load_reference_data

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """Alembic's configuration for the migrations shipped in db/migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; a no-op when it is already there."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def prepare_database(engine: Engine) -> ReferenceCounts:
    """Create or upgrade the schema and load the reference data; safe to call on every start."""
    upgrade_schema(engine)
    with Session(engine) as session, session.begin():
        return load_reference_data(session)
