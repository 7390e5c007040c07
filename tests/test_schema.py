"""The schema is created and upgraded by Alembic, identically on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from db.engine import PROJECT_DIR, database_url, make_engine
from db.models import Base
from db.schema import alembic_config, upgrade_schema


def head_revision() -> str:
    """The newest migration shipped with the code."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def downgrade_schema(engine: Engine, revision: str) -> None:
    """Step the database back to ``revision``."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_upgrade_creates_every_model_table(empty_engine: Engine) -> None:
    upgrade_schema(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert current_revision(empty_engine) == head_revision()


def test_migrations_match_the_models(empty_engine: Engine) -> None:
    upgrade_schema(empty_engine)
    with empty_engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_upgrade_twice_changes_nothing(empty_engine: Engine) -> None:
    upgrade_schema(empty_engine)
    before = {t: inspect(empty_engine).get_columns(t) for t in Base.metadata.tables}
    upgrade_schema(empty_engine)
    after = {t: inspect(empty_engine).get_columns(t) for t in Base.metadata.tables}
    assert [c["name"] for cols in after.values() for c in cols] == [c["name"] for cols in before.values() for c in cols]
    assert current_revision(empty_engine) == head_revision()


def test_downgrade_to_base_removes_every_table(empty_engine: Engine) -> None:
    upgrade_schema(empty_engine)
    downgrade_schema(empty_engine, "base")
    remaining = set(inspect(empty_engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()
    assert current_revision(empty_engine) is None


def test_sqlite_uses_wal_and_enforces_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/cek.sqlite")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


def test_default_database_is_a_sqlite_file_under_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUMAS_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{PROJECT_DIR / 'data' / 'humas.sqlite'}"
    monkeypatch.setenv("HUMAS_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"


def test_upgrade_from_the_first_schema_keeps_rows_and_derives_the_rest(empty_engine: Engine) -> None:
    """Rows stored under schema 0001 survive every migration, and 0003 derives from them what the
    loader now keeps: link keys, shared links and their counts, pivoted values, jumps."""
    import datetime as dt

    from sqlalchemy import func, insert, select, text
    from sqlalchemy.orm import Session

    from db.models import (
        Aktivitas,
        Laporan,
        LonjakanBulanan,
        NilaiBulanan,
        NilaiBulananLebar,
        Satker,
        TautanBersama,
        TautanGandaBulanan,
        Unggahan,
        kunci_tautan,
    )
    from db.reference import load_reference_data

    mei = dt.date(2024, 5, 1)
    upgrade_schema(empty_engine, "0001")
    with Session(empty_engine) as session, session.begin():
        load_reference_data(session)
        a, b = session.scalars(select(Satker.id).order_by(Satker.id).limit(2)).all()
        for satker_id in (a, b):
            unggahan = Unggahan(jenis="laporan_bulanan", nama_file=f"{satker_id}.xlsx", sha256=f"{satker_id:064d}")
            laporan = Laporan(
                unggahan=unggahan, satker_id=satker_id, periode=mei, dikirim_pada=dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
            )
            session.add(laporan)
            session.flush()
            # Written as the old schema's columns: aktivitas has no link key yet.
            session.execute(
                text(
                    "INSERT INTO aktivitas (laporan_id, satker_id, periode, kategori_kode, baris, tanggal, judul, url) "
                    "VALUES (:l, :s, :p, 'ipse', 2, :t, '', 'https://bersama.id/1')"
                ),
                {"l": laporan.id, "s": satker_id, "p": mei, "t": dt.date(2024, 5, 2)},
            )
        session.execute(
            insert(NilaiBulanan),
            [
                {
                    "satker_id": a,
                    "periode": dt.date(2024, month, 1),
                    "kategori_kode": "ipse",
                    "nilai": value,
                    "sumber": "rekap",
                }
                for month, value in ((1, 10.0), (2, 10.0), (3, 10.0), (4, 100.0))
            ],
        )
    upgrade_schema(empty_engine)
    assert current_revision(empty_engine) == head_revision()
    with Session(empty_engine) as session:
        assert session.scalar(select(func.count()).select_from(Aktivitas)) == 2
        assert set(session.scalars(select(Aktivitas.url_kunci))) == {kunci_tautan("https://bersama.id/1")}
        assert session.execute(select(TautanBersama.periode, TautanBersama.url)).all() == [
            (mei, "https://bersama.id/1")
        ]
        assert sorted(session.execute(select(TautanGandaBulanan.satker_id, TautanGandaBulanan.jumlah)).all()) == [
            (a, 1),
            (b, 1),
        ]
        assert session.execute(
            select(LonjakanBulanan.satker_id, LonjakanBulanan.periode, LonjakanBulanan.median_riwayat)
        ).all() == [(a, dt.date(2024, 4, 1), 10.0)]
        assert session.scalar(select(func.count()).select_from(NilaiBulananLebar)) == 4
    # 0002 and 0004 took every foreign key off the activity rows (each cost a check per row).
    assert inspect(empty_engine).get_foreign_keys("aktivitas") == []
    # 0005 took the serial id off: the primary key is the report index with the sheet row.
    assert inspect(empty_engine).get_indexes("aktivitas") == []
    assert inspect(empty_engine).get_pk_constraint("aktivitas")["constrained_columns"] == [
        "laporan_id",
        "kategori_kode",
        "url_kunci",
        "satker_id",
        "baris",
    ]
