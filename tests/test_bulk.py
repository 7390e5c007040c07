"""Bulk writes: rows bound ahead into SQLite's staging table reach the database only when copied
under the write lock, and binding them takes no lock that another writer waits for."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, func, select
from sqlalchemy.orm import Session

from db.bulk import buang_baris_disiapkan, bulk_insert, salin_baris_disiapkan, siapkan_baris
from db.engine import make_engine
from db.models import Aktivitas, kunci_tautan
from db.schema import prepare_database
from db.transaksi import kunci_tulis, sesi_tulis

AKTIVITAS = Aktivitas.__table__
COLUMNS = ("kategori_kode", "baris", "tanggal", "judul", "platform", "url", "url_kanonik", "url_kunci")
MEI = dt.date(2024, 5, 1)
TETAP = {"laporan_id": 7, "satker_id": 3, "periode": MEI}


def _rows(prefix: str, count: int) -> list[tuple[object, ...]]:
    urls = [f"https://a.id/{prefix}/{number}" for number in range(count)]
    return [
        ("ipse", 2 + i, dt.date(2024, 5, 1 + i % 28), "Kegiatan", None, url, url, kunci_tautan(url))
        for i, url in enumerate(urls)
    ]


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Engine:
    engine = make_engine(f"sqlite:///{tmp_path / 'bulk.sqlite'}")
    prepare_database(engine)
    return engine


def _stored(engine: Engine) -> list[tuple[object, ...]]:
    with Session(engine) as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    Aktivitas.laporan_id,
                    Aktivitas.satker_id,
                    Aktivitas.periode,
                    *(Aktivitas.__table__.c[c] for c in COLUMNS),
                ).order_by(Aktivitas.baris)
            )
        ]


def test_staged_rows_are_copied_with_the_constants_exactly_as_a_direct_insert(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    rows = _rows("x", 50)
    with sesi_tulis(sqlite_engine) as session:
        siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, rows)
        kunci_tulis(session)
        assert salin_baris_disiapkan(session.connection(), AKTIVITAS, COLUMNS, TETAP) == 50
    direct = make_engine(f"sqlite:///{tmp_path / 'langsung.sqlite'}")
    prepare_database(direct)
    with Session(direct) as session, session.begin():
        bulk_insert(session.connection(), AKTIVITAS, COLUMNS, rows, TETAP)
    assert _stored(sqlite_engine) == _stored(direct)
    assert _stored(sqlite_engine)[0] == (7, 3, MEI, *rows[0])


def test_staging_again_replaces_what_an_abandoned_attempt_left(sqlite_engine: Engine) -> None:
    with pytest.raises(RuntimeError, match="gagal"), sesi_tulis(sqlite_engine) as session:
        siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, _rows("lama", 30))
        raise RuntimeError("gagal sebelum disalin")
    with sesi_tulis(sqlite_engine) as session:
        siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, _rows("baru", 5))
        kunci_tulis(session)
        salin_baris_disiapkan(session.connection(), AKTIVITAS, COLUMNS, TETAP)
    assert [row[8] for row in _stored(sqlite_engine)] == [f"https://a.id/baru/{i}" for i in range(5)]


def test_rows_thrown_away_are_never_copied(sqlite_engine: Engine) -> None:
    with sesi_tulis(sqlite_engine) as session:
        siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, _rows("x", 5))
        kunci_tulis(session)
        buang_baris_disiapkan(session.connection(), AKTIVITAS)
        assert salin_baris_disiapkan(session.connection(), AKTIVITAS, COLUMNS, TETAP) == 0
    assert _stored(sqlite_engine) == []


def test_staging_takes_no_lock_another_writer_waits_for(sqlite_engine: Engine) -> None:
    database = sqlite_engine.url.database
    assert database is not None
    with sesi_tulis(sqlite_engine) as session:
        siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, _rows("x", 3_000))
        other = sqlite3.connect(database, timeout=0, isolation_level=None)  # no waiting at all
        other.execute("BEGIN IMMEDIATE")
        other.execute("DELETE FROM pengaturan WHERE 0")
        other.execute("COMMIT")
        other.close()
        kunci_tulis(session)
        salin_baris_disiapkan(session.connection(), AKTIVITAS, COLUMNS, TETAP)
    with Session(sqlite_engine) as session:
        assert session.scalar(select(func.count()).select_from(Aktivitas)) == 3_000


def test_staged_rows_are_invisible_to_other_connections(sqlite_engine: Engine) -> None:
    with sesi_tulis(sqlite_engine) as session:
        siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, _rows("x", 10))
        assert _stored(sqlite_engine) == []
        names = MetaData()
        names.reflect(sqlite_engine)
        assert "aktivitas_sementara" not in names.tables


def test_staging_inside_a_write_transaction_is_refused(sqlite_engine: Engine) -> None:
    with sesi_tulis(sqlite_engine) as session:
        kunci_tulis(session)
        with pytest.raises(RuntimeError, match="sebelum kunci tulis"):
            siapkan_baris(session.connection(), AKTIVITAS, COLUMNS, _rows("x", 1))
