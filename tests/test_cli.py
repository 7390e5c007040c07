"""``python -m etl init`` and ``demo``: Indonesian help, idempotent init, clear failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cli.main import main
from db.engine import PROJECT_DIR, make_engine
from db.models import Laporan, Satker


@pytest.fixture
def sqlite_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    monkeypatch.setenv("HUMAS_DATABASE_URL", url)
    return url


def test_help_is_in_indonesian() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "etl", "--help"], cwd=PROJECT_DIR, capture_output=True, text=True, check=True
    )
    assert "Buat atau perbarui skema database" in result.stdout
    assert "HUMAS_DATABASE_URL" in result.stdout


def test_init_twice_is_safe(sqlite_url: str) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["init"])
    second = runner.invoke(main, ["init"])
    assert first.exit_code == 0 and second.exit_code == 0
    assert "39 satker, 10 kategori" in second.output
    with Session(make_engine(sqlite_url)) as session:
        assert session.scalar(select(func.count()).select_from(Satker)) == 39


def test_init_demo_then_remove(sqlite_url: str) -> None:
    runner = CliRunner()
    loaded = runner.invoke(main, ["init", "--demo"])
    again = runner.invoke(main, ["init", "--demo"])
    removed = runner.invoke(main, ["demo", "--hapus"])
    assert loaded.exit_code == 0 and "DATA CONTOH dimuat" in loaded.output
    assert "sudah ada; tidak dimuat ulang" in again.output
    assert removed.exit_code == 0 and "DATA CONTOH dihapus" in removed.output
    with Session(make_engine(sqlite_url)) as session:
        assert session.scalar(select(func.count()).select_from(Laporan)) == 0


def test_demo_needs_an_action(sqlite_url: str) -> None:
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 2
    assert "--muat atau --hapus" in result.output


def test_unreachable_database_fails_with_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMAS_DATABASE_URL", "postgresql+psycopg://humas:rahasia@127.0.0.1:9/humas")
    result = subprocess.run(
        [sys.executable, "-m", "etl", "init"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Gagal: tidak dapat membuka database" in result.stderr
    assert "Traceback" not in result.stderr
    assert "rahasia" not in result.stderr


def test_first_start_loads_demo_only_into_an_empty_database(sqlite_url: str) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["init", "--demo-bila-kosong"])
    runner.invoke(main, ["demo", "--hapus"])
    restart = runner.invoke(main, ["init", "--demo-bila-kosong"])
    assert "DATA CONTOH dimuat" in first.output
    assert "DATA CONTOH" not in restart.output
    with Session(make_engine(sqlite_url)) as session:
        assert session.scalar(select(func.count()).select_from(Laporan)) == 0
