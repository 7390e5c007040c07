"""Create or upgrade the schema with Alembic, from code (no alembic.ini needed), and the cheap check
every start and every command makes first.

Alembic is imported only when the schema must change: checking that a database is ready is one
small query, so ``python -m etl ranking`` and a fresh app process do not pay for Alembic's imports
and migration scan (docs/BENCHMARKS.md, "Baris perintah: waktu mulai").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, column, inspect, select, table
from sqlalchemy.orm import Session

from db.agenda import load_agenda_bawaan
from db.models import Pengaturan, utc_now
from db.reference import REFERENCE_DIR, ReferenceCounts, load_reference_data

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SKEMA_TERBARU = "0012"
"""The newest migration in db/migrations/versions (a test compares it with Alembic's head)."""
KUNCI_SIDIK_REFERENSI = "sidik_data_referensi"
_VERSI_SKEMA = select(column("version_num")).select_from(table("alembic_version"))
_SIDIK_TERSIMPAN = select(Pengaturan.nilai).where(Pengaturan.kunci == KUNCI_SIDIK_REFERENSI)


def alembic_config() -> Config:
    """Alembic's configuration for the migrations shipped in db/migrations (no alembic.ini needed)."""
    from alembic.config import Config  # only when the schema is checked or changed: see the module doc

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision``; a no-op when it is already there."""
    from alembic import command  # only when the schema is checked or changed: see the module doc

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def sidik_referensi(hari: dt.date | None = None) -> str:
    """What the stored reference data must match: the shipped CSV files, and the day (a satker's
    current name follows its name history, so a rename takes effect on its date)."""
    digest = hashlib.sha256(f"{hari or dt.date.today():%Y-%m-%d}".encode())
    for path in sorted(REFERENCE_DIR.glob("*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare_database(engine: Engine) -> ReferenceCounts:
    """Create or upgrade the schema and load the reference data; safe to call on every start."""
    upgrade_schema(engine)
    with Session(engine) as session, session.begin():
        counts = load_reference_data(session)
        load_agenda_bawaan(session)  # not in load_reference_data: that runs on schema 0001 too
        sidik = sidik_referensi()
        if session.scalar(_SIDIK_TERSIMPAN) != sidik:  # unchanged: no write (the page cache keys on settings)
            session.merge(Pengaturan(kunci=KUNCI_SIDIK_REFERENSI, nilai=sidik, diubah_pada=utc_now()))
    return counts


def siap_dipakai(engine: Engine) -> bool:
    """True when the schema is the newest and the reference data is today's, read in one connection."""
    with engine.connect() as connection:  # a database that cannot be opened raises here, as before
        if not inspect(connection).has_table("alembic_version"):
            return False  # a new database
        versi = connection.scalar(_VERSI_SKEMA)
        sidik = connection.scalar(_SIDIK_TERSIMPAN) if versi == SKEMA_TERBARU else None
    return versi == SKEMA_TERBARU and sidik == sidik_referensi()


def pastikan_siap(engine: Engine) -> None:
    """:func:`prepare_database` when the database needs it, otherwise one small query."""
    if not siap_dipakai(engine):
        prepare_database(engine)
