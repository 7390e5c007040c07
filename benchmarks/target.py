"""Targets and peer groups at national scale: what attainment and a group ranking add to the
rankings, against DuckDB in the same run.

    python -m benchmarks.target --sqlite-nasional FILE --parquet FOLDER [--ulang 50]

FILE is a national SQLite database (``python -m benchmarks.generate``); it is upgraded to the
newest schema and given targets (every kategori for every satker, one per type, and 45 satker of
their own, changing mid-year) and a group of 150 satker unless it has targets already. Measured
for the year 2025, national scope, median and p95 over ``--ulang`` runs after a warm-up, heap
frozen as in ``benchmarks.run``:

- ``peringkat``: ``build_rankings`` (every kategori and Juara Umum), the baseline;
- ``capaian``: reading targets, types and thresholds and computing every kategori's attainment
  and bands for those rankings (``services.target.hitung_capaian_semua``);
- ``kelompok``: ranking every kategori and Juara Umum again within the group
  (``services.target.saring_kelompok``);
- DuckDB's Juara Umum query on the raw Parquet activity rows (``benchmarks.run``), the reference
  whose ratio is reported because the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from analytics.kategori import KECEPATAN
from analytics.kelompok import TIPE_SATKER
from analytics.target import Target
from benchmarks.run import TAHUN, _timed, measure_duckdb
from db.engine import make_engine
from db.kelompok import cari_kelompok, simpan_kelompok
from db.models import Satker
from db.queries import list_kategori
from db.schema import prepare_database
from db.target import daftar_target_tersimpan, simpan_target
from services.peringkat import build_rankings
from services.target import hitung_capaian_semua, saring_kelompok

KELOMPOK = "Zona uji"
ADMIN = Pelaku.baris_perintah()


def siapkan(url: str) -> None:
    """Targets and a group on the national database, once."""
    engine = make_engine(url)
    prepare_database(engine)
    with Session(engine) as session, session.begin():
        if daftar_target_tersimpan(session):
            return
        satker = list(session.scalars(select(Satker.id).order_by(Satker.id)))
        targets = []
        for info in list_kategori(session):
            nilai = 48.0 if info.kode == KECEPATAN else 20.0
            targets.append(Target(info.kode, "semua", dt.date(2024, 1, 1), nilai))
            targets += [Target(info.kode, "tipe", dt.date(2025, 4, 1), nilai * 1.5, tipe=t) for t in TIPE_SATKER[1:]]
            targets += [
                Target(info.kode, "satker", dt.date(2025, 7, 1), nilai * 0.8, satker_id=i) for i in satker[::10]
            ]
        simpan_target(session, ADMIN, targets)
        simpan_kelompok(session, ADMIN, KELOMPOK, satker[::3])
    engine.dispose()


def ukur(url: str, ulang: int) -> dict[str, tuple[float, float]]:
    engine = make_engine(url)
    with Session(engine) as session:
        anggota = cari_kelompok(session, KELOMPOK).anggota  # type: ignore[union-attr]
        hasil = build_rankings(session, None, TAHUN)
        gc.collect()
        gc.freeze()
        try:
            timings = {
                "peringkat": _timed(lambda: build_rankings(session, None, TAHUN), ulang),
                "capaian": _timed(lambda: hitung_capaian_semua(session, hasil), ulang),
                "kelompok": _timed(lambda: saring_kelompok(hasil, anggota), ulang),
            }
        finally:
            gc.unfreeze()
    engine.dispose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite-nasional", type=Path, required=True)
    parser.add_argument("--parquet", type=Path, required=True)
    parser.add_argument("--ulang", type=int, default=50)
    args = parser.parse_args()
    url = f"sqlite:///{args.sqlite_nasional}"
    siapkan(url)
    load_before = os.getloadavg()
    ours = ukur(url, args.ulang)
    duck, _ = measure_duckdb(args.parquet, args.ulang)
    load_after = os.getloadavg()
    reference = duck["juara_umum"]
    print(f"beban rata-rata 1/5/15 menit sebelum {load_before}, sesudah {load_after}")
    print("| ukuran | median | p95 | p95 ÷ p95 DuckDB Juara Umum |")
    print("| --- | ---: | ---: | ---: |")
    for name, (median, p95) in [*ours.items(), ("DuckDB Juara Umum (Parquet mentah)", reference)]:
        print(f"| {name} | {median:.1f} ms | {p95:.1f} ms | {p95 / reference[1]:.2f} |")


if __name__ == "__main__":
    main()
