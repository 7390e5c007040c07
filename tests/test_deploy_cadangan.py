"""The nightly backup of deploy/ (``humas-cadangan.service`` and its timer) and the units' syntax.

The backup job runs exactly as its unit starts it, against both databases; retention keeps the
newest backups, touches nothing else in the folder, and never runs when the backup failed.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from db.engine import PROJECT_DIR
from tests.deploy import DEPLOY, SERVER_PYTHON, unit_command
from tests.tools import require_program

OLD = ["humas-20250101-013000", "humas-20250102-013000", "humas-20250103-013000"]


def run_backup(url: str, folder: Path, keep: str = "2") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUMAS_DATABASE_URL": url, "HUMAS_CADANGAN_FOLDER": str(folder), "HUMAS_CADANGAN_SIMPAN": keep}
    command = unit_command("humas-cadangan.service")
    return subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300)


def tables_in(backup: Path) -> set[str]:
    """The tables a backup would bring back, read the way a restore would read it."""
    if backup.suffix == ".sqlite":
        with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    listing = subprocess.run(["pg_restore", "--list", str(backup)], capture_output=True, text=True, check=True).stdout
    return {line.split()[-2] for line in listing.splitlines() if " TABLE public " in line}


def test_the_nightly_backup_writes_a_whole_backup_and_keeps_the_newest(engine: Engine, tmp_path: Path) -> None:
    if engine.dialect.name == "postgresql":
        require_program("pg_dump", install="apt-get install postgresql-client")
    kind = "dump" if engine.dialect.name == "postgresql" else "sqlite"
    folder = tmp_path / "cadangan"
    folder.mkdir()
    for name in OLD:
        (folder / f"{name}.{kind}").write_bytes(b"cadangan lama")
    others = ["catatan.txt", f"humas-manual.{kind}", f"{OLD[0]}.{'sqlite' if kind == 'dump' else 'dump'}"]
    for name in others:
        (folder / name).write_bytes(b"bukan milik tugas cadangan")
    (folder / f"{OLD[0]}.dump.sebagian").write_bytes(b"sisa tugas yang dibunuh")

    result = run_backup(engine.url.render_as_string(hide_password=False), folder)

    assert result.returncode == 0, result.stderr
    new = [p for p in folder.glob(f"humas-2*.{kind}") if p.stem not in OLD]
    assert len(new) == 1 and "Cadangan ditulis" in result.stdout and new[0].name in result.stdout
    assert {"satker", "kategori", "laporan", "aktivitas"} <= tables_in(new[0])
    assert sorted(p.name for p in folder.iterdir()) == sorted([new[0].name, f"{OLD[-1]}.{kind}", *others])


def test_a_failed_backup_removes_no_old_backup(tmp_path: Path) -> None:
    for name in OLD:
        (tmp_path / f"{name}.sqlite").write_bytes(b"cadangan lama")
    before = sorted(tmp_path.iterdir())
    result = run_backup(f"sqlite:///{tmp_path / 'tidak-ada' / 'humas.sqlite'}", tmp_path, keep="1")
    assert result.returncode == 1 and result.stderr.startswith("Gagal: python -m etl backup gagal")
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize(
    ("folder", "keep", "message"),
    [
        ("tidak-ada", "2", "folder cadangan"),
        (".", "0", "HUMAS_CADANGAN_SIMPAN"),
        (".", "dua", "HUMAS_CADANGAN_SIMPAN"),
    ],
)
def test_a_wrong_backup_setting_fails_with_a_message(folder: str, keep: str, message: str, tmp_path: Path) -> None:
    result = run_backup(f"sqlite:///{tmp_path / 'humas.sqlite'}", tmp_path / folder, keep)
    assert result.returncode == 1 and message in result.stderr
    assert not list(tmp_path.glob("humas-*"))


def test_the_units_are_valid_systemd_units(tmp_path: Path) -> None:
    """``systemd-analyze verify`` on the units with this checkout's paths: unknown settings, wrong
    sections and missing programs are errors."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze tidak tersedia (paket systemd)")
    units = {"humas@8501.service": "humas@.service", "humas-cadangan.service": "", "humas-cadangan.timer": ""}
    for name, source in units.items():
        text = (DEPLOY / (source or name)).read_text(encoding="utf-8")
        text = text.replace(SERVER_PYTHON, sys.executable).replace("/opt/humas", str(PROJECT_DIR))
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [analyze, "verify", "--man=no", *(str(tmp_path / name) for name in units)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
