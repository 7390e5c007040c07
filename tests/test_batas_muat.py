"""The floor of the whole-process folder load (benchmarks/batas_muat.py, run as the benchmark runs
it) writes every activity row of the reports, as many as ``etl load`` stores: a floor that skipped
rows would make the ratio naive/floor in docs/BENCHMARKS.md look higher than it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select, text

from db.engine import PROJECT_DIR, Engine
from db.models import Aktivitas
from etl.batch import load_files
from testdata.workbooks import activity, laporan


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "laporan"
    folder.mkdir()
    for number, satker in enumerate(("Polres Batu", "Polres Blitar", "Polres Kediri Kota")):
        rows = {
            "TB News": [activity(2, f"https://a.id/{number}"), activity(3, f"https://b.id/{number}")],
            "IPSE": [activity(2, f"https://c.id/{number}")],
        }
        (folder / f"{number}.xlsx").write_bytes(laporan(rows, satker=satker))
    return folder


def test_the_floor_writes_every_row_that_etl_load_stores(engine: Engine, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "benchmarks/batas_muat.py", engine.url.render_as_string(hide_password=False), str(folder)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [r.status for r in load_files(engine, sorted(folder.iterdir()), workers=1)] == ["loaded"] * 3
    with engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(Aktivitas)).scalar_one()
        floor = connection.execute(text("SELECT count(*) FROM aktivitas_batas")).scalar_one()
    assert stored == floor == int(result.stdout) == 9
