"""A command answers at once: ``--help`` imports no heavy library, ``ranking`` on a ready database
imports neither the workbook, deck and chart libraries nor Alembic, and checking that a database is
ready is one small query (docs/BENCHMARKS.md, "Baris perintah: waktu mulai")."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, update

from cli.main import PERINTAH, main
from db.engine import PROJECT_DIR, Engine
from db.models import Pengaturan
from db.schema import KUNCI_SIDIK_REFERENSI, SKEMA_TERBARU, alembic_config, pastikan_siap, siap_dipakai, sidik_referensi
from db.transaksi import sesi_baca, sesi_tulis
from testdata.workbooks import activity, laporan

HEAVY = ("pandas", "numpy", "openpyxl", "pptx", "plotly", "alembic", "python_calamine", "streamlit")
HEAVY_FOR_LOAD = tuple(name for name in HEAVY if name != "python_calamine")  # the reader load needs
# Runs `python -m etl ARGS` in this interpreter; each probe then prints what it looks at.
_JALANKAN = """
import atexit, gc, json, runpy, sys
sys.argv = ["etl", *sys.argv[1:]]
try:
    runpy.run_module("etl", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
"""
# The top-level modules the command imported.
_PROBE = (
    _JALANKAN
    + """
print("\\nMODULES " + json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""
)
# Whether the cyclic collector was on after the command, and whether the process's exit handlers
# leave every object to the operating system (frozen, nothing to walk).
_PROBE_GC = (
    _JALANKAN
    + """
enabled = gc.isenabled()
atexit._run_exitfuncs()
print("\\nGC", enabled, gc.get_freeze_count() > 0)
"""
)


def _imported(args: list[str], env: dict[str, str] | None = None) -> tuple[str, set[str]]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], cwd=PROJECT_DIR, capture_output=True, text=True, env=env, check=True
    )
    output, _, modules = result.stdout.rpartition("\nMODULES ")
    return output, set(json.loads(modules))


def test_help_imports_no_heavy_library() -> None:
    output, modules = _imported(["--help"])
    assert "ranking" in output and "Peringkat satker" in output
    assert modules.isdisjoint((*HEAVY, "sqlalchemy")), modules & {*HEAVY, "sqlalchemy"}


@pytest.mark.parametrize("perintah", [[nama] for nama in PERINTAH] + [["user", "add"]], ids=" ".join)
def test_every_commands_help_imports_neither_the_database_nor_a_heavy_library(perintah: list[str]) -> None:
    """A command's own ``--help`` is read before it is run: its libraries wait for the run."""
    output, modules = _imported([*perintah, "--help"])
    assert f"Usage: python -m etl {' '.join(perintah)}" in output and "--help" in output
    assert modules.isdisjoint((*HEAVY, "sqlalchemy", "argon2", "tqdm")), modules & {
        *HEAVY,
        "sqlalchemy",
        "argon2",
        "tqdm",
    }


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_ranking_on_a_ready_database_imports_no_heavy_library(demo_url: str, tmp_path: Path) -> None:
    env = {"HUMAS_DATABASE_URL": demo_url, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    output, modules = _imported(["ranking", "--periode", "2024-05", "--kategori", "tb_news", "--json"], env)
    rows = json.loads(output)
    assert len(rows) == 39 and rows[0]["rank"] == 1
    assert modules.isdisjoint(HEAVY), modules & set(HEAVY)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_loading_a_folder_imports_neither_openpyxl_nor_pandas(engine: Engine, tmp_path: Path) -> None:
    """A folder load reads with calamine; openpyxl (and numpy with it) only for ``--anotasi``."""
    folder = tmp_path / "laporan"
    folder.mkdir()
    (folder / "kediri.xlsx").write_bytes(laporan({"TB News": [activity(2, "https://a.id/1")]}))
    (folder / "salah.xlsx").write_bytes(
        laporan({"TB News": [activity(2, "javascript:alert(1)")]}, satker="Polres Blitar")
    )
    env = {"HUMAS_DATABASE_URL": engine.url.render_as_string(hide_password=False), "PATH": "/usr/bin:/bin"}
    output, modules = _imported(["load", str(folder)], {**env, "HOME": str(tmp_path)})
    assert "kediri.xlsx: dimuat" in output and "salah.xlsx: DITOLAK" in output
    assert modules.isdisjoint(HEAVY_FOR_LOAD), modules & set(HEAVY_FOR_LOAD)


def test_the_collector_is_on_while_a_command_works_and_the_exit_leaves_memory_to_the_system() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE_GC, "--help"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    assert result.stdout.rpartition("\nGC ")[2].split() == ["True", "True"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_after_a_command_the_sqlite_file_alone_holds_everything(engine: Engine, tmp_path: Path) -> None:
    """The process exits without tearing its objects down, so its connections are closed on the
    way out: then SQLite folds the write-ahead log back into the file, and a copy of the file
    alone (as an admin would take) has every row just loaded."""
    database = engine.url.database
    assert database is not None
    engine.dispose()
    (tmp_path / "kediri.xlsx").write_bytes(laporan({"TB News": [activity(2, "https://a.id/1")]}))
    env = {"HUMAS_DATABASE_URL": engine.url.render_as_string(hide_password=False), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "etl", "load", str(tmp_path / "kediri.xlsx")],
        cwd=PROJECT_DIR,
        env={**env, "HOME": str(tmp_path)},
        capture_output=True,
        check=True,
    )
    assert not Path(f"{database}-wal").exists()
    salinan = tmp_path / "salinan.sqlite"
    salinan.write_bytes(Path(database).read_bytes())
    with sqlite3.connect(salinan) as connection:
        assert connection.execute("SELECT url FROM aktivitas").fetchall() == [("https://a.id/1",)]


def test_every_listed_command_exists_with_the_help_line_it_is_listed_with() -> None:
    assert set(PERINTAH) == set(main.list_commands(None))  # type: ignore[arg-type]
    for nama, perintah in PERINTAH.items():
        command = getattr(importlib.import_module(perintah.modul), perintah.nama_fungsi)
        assert command.name == nama
        assert " ".join((command.help or "").split()).startswith(perintah.ringkas), nama


def test_the_newest_schema_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == SKEMA_TERBARU


def test_a_new_database_is_not_ready_and_is_prepared(empty_engine: Engine) -> None:
    assert not siap_dipakai(empty_engine)
    pastikan_siap(empty_engine)
    assert siap_dipakai(empty_engine)


def test_a_prepared_database_is_ready(engine: Engine) -> None:
    assert siap_dipakai(engine)


def test_reference_data_of_another_day_or_release_is_loaded_again(engine: Engine) -> None:
    with sesi_tulis(engine) as session:
        session.execute(update(Pengaturan).where(Pengaturan.kunci == KUNCI_SIDIK_REFERENSI).values(nilai="kemarin"))
    assert not siap_dipakai(engine)
    pastikan_siap(engine)
    with sesi_baca(engine) as session:
        stored = session.scalar(select(Pengaturan.nilai).where(Pengaturan.kunci == KUNCI_SIDIK_REFERENSI))
    assert stored == sidik_referensi()


def test_the_reference_fingerprint_changes_with_the_day() -> None:
    assert sidik_referensi(dt.date(2025, 1, 1)) != sidik_referensi(dt.date(2025, 1, 2))
