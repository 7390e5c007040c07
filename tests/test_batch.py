"""Loading many files: parallel validation gives the same results, in order, as one at a time."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.konsistensi import periksa_konsistensi
from db.models import Aktivitas, Laporan, Satker
from db.schema import prepare_database
from etl.batch import default_workers, load_files
from testdata.workbooks import activity, audit_actions, laporan


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    satker = ["Polres Jember", "Polres Blitar", "Polres Malang", "Polres Batu", "Polres Ngawi"]
    paths = []
    for index, name in enumerate(satker):
        rows = [activity(1 + i % 28, f"https://a.id/{index}/{i}") for i in range(20 + index)]
        path = tmp_path / f"{index}-{name}.xlsx"
        path.write_bytes(laporan({"TB News": rows}, satker=name))
        paths.append(path)
    broken = tmp_path / "9-rusak.xlsx"
    broken.write_bytes(laporan({"TB News": [activity(2, "javascript:x")]}, satker="Polres Sampang"))
    paths.append(broken)
    return paths


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_in_the_given_order(engine: Engine, files: list[Path], workers: int) -> None:
    results = list(load_files(engine, files, workers=workers))
    assert [r.file for r in results] == [p.name for p in files]
    assert [r.status for r in results] == ["loaded"] * 5 + ["rejected"]
    assert [r.counts["tb_news"] for r in results[:5]] == [20, 21, 22, 23, 24]
    assert results[-1].errors[0].lokasi == "TB News!E2"
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Aktivitas)) == 110
        assert session.scalar(select(func.count()).select_from(Laporan)) == 5
    assert audit_actions(engine).count("unggah_ditolak") == 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_folder_loaded_again_is_unchanged_and_leaves_no_rows_behind(
    engine: Engine, files: list[Path], workers: int
) -> None:
    """On PostgreSQL a report's rows are written before its turn to commit; when the file turns
    out to be the stored version already, those rows must go again."""
    list(load_files(engine, files, workers=workers))
    again = list(load_files(engine, files, workers=workers))
    assert [r.status for r in again] == ["unchanged"] * 5 + ["rejected"]
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Aktivitas)) == 110
        assert periksa_konsistensi(session).konsisten


def test_files_are_received_in_the_given_order(engine: Engine, files: list[Path]) -> None:
    """The time of arrival of each file (kecepatan_laporan) is when its turn to commit came."""
    list(load_files(engine, files[:5], workers=2))
    with Session(engine) as session:
        arrival = session.scalars(select(Satker.nama).join(Laporan).order_by(Laporan.dikirim_pada)).all()
    assert arrival == ["Polres Jember", "Polres Blitar", "Polres Malang", "Polres Batu", "Polres Ngawi"]


def test_a_huge_file_is_refused_without_reading_it(engine: Engine, tmp_path: Path) -> None:
    huge = tmp_path / "besar.xlsx"
    with open(huge, "wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: 25 MB on paper, nothing to read
    (result,) = load_files(engine, [huge], workers=1)
    assert result.status == "rejected"
    assert "melebihi batas 20 MB" in result.errors[0].message


def test_one_file_is_loaded_in_process() -> None:
    assert default_workers(1) == 1
    assert default_workers(39) >= 1


def test_a_final_count_the_database_refuses_leaves_every_stored_file_and_says_what_to_do(
    files: list[Path], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Another program holds SQLite's write lock past the busy timeout just as the folder's last
    count of shared links starts: no traceback, the files stay stored, the user is told how to
    count later."""
    database = tmp_path / "sibuk.sqlite"
    engine = make_engine(f"sqlite:///{database}")
    prepare_database(engine)
    event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA busy_timeout=100"))
    engine.dispose()  # the pool's connections get the short timeout too
    loading = load_files(engine, files[:3], workers=1)
    results = [next(loading) for _ in range(3)]
    other = sqlite3.connect(database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with caplog.at_level(logging.WARNING, logger="etl.batch"):
            assert list(loading) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [r.status for r in results] == ["loaded"] * 3
    (warning,) = [r.getMessage() for r in caplog.records if r.name == "etl.batch"]
    assert "Tanda tautan ganda Mei 2024 belum dihitung ulang" in warning
    assert "database sedang sibuk" in warning and "python -m etl periksa --perbaiki" in warning
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Laporan)) == 3
