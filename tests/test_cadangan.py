"""Backup and restore: ``python -m etl backup`` / ``restore`` for SQLite (online backup API, a
restore that asks first and keeps the old content), and the documented pg_dump / pg_restore
commands for PostgreSQL, each checked by a round trip that compares every table."""

from __future__ import annotations

import shlex
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from cli.main import main
from db.cadangan import perintah_postgres
from db.engine import PROJECT_DIR, make_engine
from db.konsistensi import periksa_konsistensi
from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, every_table, laporan
from tests.databases import DatabaseFactory
from tests.tools import require_program

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
POSTGRES_ONLY = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
ADMIN = Pelaku.baris_perintah()
LATER = laporan({"IPSE": [activity(9, "https://sesudah.id/1")]}, satker="Polres Blitar")


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _cli(url: str, monkeypatch: pytest.MonkeyPatch, *args: str, input: str | None = None) -> Result:
    monkeypatch.setenv("HUMAS_DATABASE_URL", url)
    return CliRunner().invoke(main, list(args), input=input)


def _change(engine: Engine) -> None:
    assert load_workbook(engine, LATER, "blitar.xlsx", uploader=ADMIN, now=RECEIVED).status == "loaded"


@SQLITE_ONLY
def test_backup_then_restore_gives_back_every_table(
    demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, backup = _url(demo_engine), tmp_path / "cadangan.sqlite"
    at_backup = every_table(demo_engine)
    made = _cli(url, monkeypatch, "backup", str(backup))
    assert made.exit_code == 0, made.output
    assert "Cadangan ditulis" in made.output and "laporan" in made.output
    _change(demo_engine)
    changed = every_table(demo_engine)
    assert changed != at_backup

    restored = _cli(url, monkeypatch, "restore", str(backup), "--ya")
    assert restored.exit_code == 0, restored.output
    assert "Database dipulihkan" in restored.output and "Konsisten" in restored.output
    assert every_table(demo_engine) == at_backup
    (before,) = tmp_path.glob("*.sebelum-pulih-*.sqlite")
    kept = make_engine(f"sqlite:///{before}")
    assert every_table(kept) == changed
    kept.dispose()


@SQLITE_ONLY
def test_a_backup_is_one_self_contained_file(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _change(engine)
    backup = tmp_path / "cadangan.sqlite"
    assert _cli(_url(engine), monkeypatch, "backup", str(backup)).exit_code == 0
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not list(tmp_path.glob("cadangan.sqlite-*"))


@SQLITE_ONLY
def test_restore_asks_first_and_changes_nothing_without_a_yes(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, backup = _url(engine), tmp_path / "cadangan.sqlite"
    assert _cli(url, monkeypatch, "backup", str(backup)).exit_code == 0
    _change(engine)
    before = every_table(engine)
    for answer in ("n\n", "", None):
        refused = _cli(url, monkeypatch, "restore", str(backup), input=answer)
        assert refused.exit_code == 1
        assert "akan diganti dengan cadangan" in refused.output and "Gagal: dibatalkan" in refused.output
    assert every_table(engine) == before
    assert not list(tmp_path.glob("*.sebelum-pulih-*"))
    assert _cli(url, monkeypatch, "restore", str(backup), input="y\n").exit_code == 0
    assert every_table(engine) != before


@SQLITE_ONLY
def test_a_backup_restores_onto_a_new_machine_without_a_database(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _change(engine)
    backup = tmp_path / "cadangan.sqlite"
    assert _cli(_url(engine), monkeypatch, "backup", str(backup)).exit_code == 0
    new_home = tmp_path / "mesin-baru" / "data" / "humas.sqlite"
    restored = _cli(f"sqlite:///{new_home}", monkeypatch, "restore", str(backup), "--ya")
    assert restored.exit_code == 0, restored.output
    assert "Isi sebelumnya" not in restored.output
    moved = make_engine(f"sqlite:///{new_home}")
    assert every_table(moved) == every_table(engine)
    moved.dispose()


@SQLITE_ONLY
def test_backup_asks_before_replacing_an_existing_file(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "cadangan.sqlite"
    backup.write_bytes(b"berkas lain")
    refused = _cli(_url(engine), monkeypatch, "backup", str(backup), input="n\n")
    assert refused.exit_code == 1 and backup.read_bytes() == b"berkas lain"
    assert _cli(_url(engine), monkeypatch, "backup", str(backup), "--ya").exit_code == 0
    assert backup.read_bytes().startswith(b"SQLite format 3")


@SQLITE_ONLY
def test_restore_refuses_a_file_that_is_not_a_backup_of_this_app(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, other = tmp_path / "laporan.sqlite", tmp_path / "lain.sqlite"
    workbook.write_bytes(LATER)
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE catatan (isi TEXT)")
    before = every_table(engine)
    for path, message in ((workbook, "bukan berkas database SQLite"), (other, "bukan cadangan database Dasbor")):
        refused = _cli(_url(engine), monkeypatch, "restore", str(path), "--ya")
        assert refused.exit_code == 1 and message in refused.output, refused.output
    assert every_table(engine) == before


@SQLITE_ONLY
def test_a_backup_taken_while_uploads_are_stored_is_consistent(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = [laporan({"TB News": [activity(2, f"https://jalan.id/{i}/{j}") for j in range(200)]}) for i in range(6)]
    done = threading.Event()

    def upload() -> None:
        for i, data in enumerate(reports):
            load_workbook(engine, data, f"v{i}.xlsx", uploader=ADMIN, now=RECEIVED)
        done.set()

    uploader = threading.Thread(target=upload)
    uploader.start()
    backups = []
    while not done.is_set() or not backups:
        backup = tmp_path / f"cadangan{len(backups)}.sqlite"
        assert _cli(_url(engine), monkeypatch, "backup", str(backup)).exit_code == 0
        backups.append(backup)
    uploader.join()
    for backup in backups:
        copy = make_engine(f"sqlite:///{backup}")
        with Session(copy) as session:
            hasil = periksa_konsistensi(session)
        copy.dispose()
        assert hasil.konsisten, (backup.name, [p.pesan for p in hasil.penyimpangan])


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_point_a_postgresql_database_to_pg_dump_and_pg_restore(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "cadangan.dump"
    target.write_bytes(b"")
    url = "postgresql+psycopg://humas:rahasia@127.0.0.1:5432/humas"
    refused = _cli(url, monkeypatch, command, str(target), "--ya")
    assert refused.exit_code == 1
    dump, restore = (shlex.join(c) for c in perintah_postgres(url))
    assert f"`{dump}`" in refused.output and f"`{restore}`" in refused.output
    assert "rahasia" not in refused.output


def test_the_readme_documents_the_postgresql_commands_the_tests_run() -> None:
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    lines = [shlex.split(line) for line in readme.splitlines() if line.startswith(("pg_dump ", "pg_restore "))]
    dump, restore = perintah_postgres("postgresql+psycopg://humas@127.0.0.1:5432/humas", "humas.dump")
    assert dump in lines and restore in lines


@POSTGRES_ONLY
def test_pg_dump_and_pg_restore_round_trip_every_table(
    demo_engine: Engine, databases: DatabaseFactory, tmp_path: Path
) -> None:
    for program in ("pg_dump", "pg_restore"):
        require_program(program, install="apt-get install postgresql-client")
    url, dump_file = _url(demo_engine), str(tmp_path / "humas.dump")
    at_dump = every_table(demo_engine)
    dump, restore = perintah_postgres(url, dump_file)
    subprocess.run(dump, check=True, capture_output=True, timeout=300)
    _change(demo_engine)
    assert every_table(demo_engine) != at_dump

    demo_engine.dispose()  # pg_restore --clean drops the tables: no connection may hold them
    subprocess.run(restore, check=True, capture_output=True, timeout=300)
    assert every_table(demo_engine) == at_dump
    _change(demo_engine)  # the sequences came back too: new rows get new ids

    fresh = make_engine(databases.new_url())
    _, into_fresh = perintah_postgres(_url(fresh), dump_file)
    subprocess.run(into_fresh, check=True, capture_output=True, timeout=300)
    assert every_table(fresh) == at_dump
    fresh.dispose()
