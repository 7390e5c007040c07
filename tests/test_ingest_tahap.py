"""The stage clock of the whole-process folder load (benchmarks/ingest_tahap.py, run as the
benchmark runs it) still finds every stage of ``python -m etl load``: a renamed function would
otherwise leave a stage empty in docs/BENCHMARKS.md without anyone noticing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from db.engine import PROJECT_DIR, Engine
from etl.batch import default_workers
from testdata.workbooks import activity, laporan

STAGES = {
    "impor": 1,
    "buka_database": 1,
    "data_referensi": 1,
    "kumpulan_dibuat": 1,
    "pekerja_siap": default_workers(3),
    "baca_dan_validasi": 3,
    "tulis_baris": 3,
    "simpan_di_bawah_kunci": 3,
    "nilai_bulanan": 3,
    "hitung_akhir": 1,
    "perintah_selesai": 1,
}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_every_stage_of_a_folder_load_is_timed_in_order(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "laporan"
    folder.mkdir()
    for number, satker in enumerate(("Polres Batu", "Polres Blitar", "Polres Kediri Kota")):
        rows = {"TB News": [activity(2, f"https://a.id/{number}"), activity(3, f"https://b.id/{number}")]}
        (folder / f"{number}.xlsx").write_bytes(laporan(rows, satker=satker))
    events = tmp_path / "tahap.txt"
    env = {**os.environ, "HUMAS_DATABASE_URL": engine.url.render_as_string(hide_password=False)}
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest_tahap", str(events), str(folder)],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "3 berkas: 3 dimuat" in result.stdout
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in events.read_text(encoding="ascii").splitlines():
        _pid, stage, start, end = line.split()
        spans[stage].append((float(start), float(end)))
    assert {stage: len(found) for stage, found in spans.items() if stage != "menunggu_giliran"} == STAGES
    first, last = min(s for s, _ in spans["baca_dan_validasi"]), max(e for _, e in spans["simpan_di_bawah_kunci"])
    assert spans["impor"][0][1] <= spans["kumpulan_dibuat"][0][0] <= first < last <= spans["hitung_akhir"][0][0]
    assert spans["hitung_akhir"][0][1] <= spans["perintah_selesai"][0][0]
