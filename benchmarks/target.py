"""Targets and peer groups at national scale: what attainment and a group ranking add to the
rankings, against DuckDB in the same run.

    python -m benchmarks.target --sqlite-nasional FILE [--pg-nasional URL] --parquet FOLDER [--ulang 50]
                                [--tulis docs/BENCHMARKS.md]

FILE (and URL) are national databases (``python -m benchmarks.generate``); each is upgraded to the
newest schema and given targets (every kategori for every satker, one per type, and 45 satker of
their own, changing mid-year) and a group of 150 satker unless it has targets already. Measured
for the year 2025, national scope, median and p95 over ``--ulang`` runs after a warm-up, heap
frozen as in ``benchmarks.run``:

- ``peringkat``: ``build_rankings`` (every kategori and Juara Umum), the baseline;
- ``capaian``: reading targets, types and thresholds and computing every kategori's attainment
  and bands for those rankings (``services.target.hitung_capaian_semua``; the months holding data
  come with the rankings);
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
from benchmarks.bersama import write_section
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


SECTION = "## Target dan kelompok (skala nasional)"
TARGET_MS = 50.0
LABEL = {
    "peringkat": "`build_rankings` (semua kategori dan Juara Umum)",
    "capaian": "capaian semua kategori (`services.target.hitung_capaian_semua`)",
    "kelompok": "peringkat dan Juara Umum di dalam kelompok (`services.target.saring_kelompok`)",
}


def laporan(
    ours: dict[str, dict[str, tuple[float, float]]],
    duck: tuple[float, float],
    ulang: int,
    beban: tuple[tuple[float, ...], tuple[float, ...]],
) -> str:
    """The section for docs/BENCHMARKS.md: a table per database and the verdict."""
    databases = list(ours)
    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today().isoformat()} dengan `python -m benchmarks.target --ulang {ulang}` pada data nasional "
        "`testdata/nasional.py` (450 satker, 36 bulan) yang diberi target untuk sepuluh kategori (semua satker, "
        "tiga tipe, dan 45 satker sendiri yang berganti di tengah tahun) dan satu kelompok 150 satker. Lingkup "
        "nasional, Tahun 2025, median / p95 dalam ms, heap dibekukan seperti proses aplikasi. Rata-rata beban "
        f"mesin (1/5/15 menit) sebelum {' '.join(f'{x:.2f}' for x in beban[0])}, sesudah "
        f"{' '.join(f'{x:.2f}' for x in beban[1])}.",
        "",
        "| ukuran | " + " | ".join(databases) + " |",
        "| --- | " + " | ".join("---:" for _ in databases) + " |",
    ]
    for key, label in LABEL.items():
        lines.append(
            f"| {label} | " + " | ".join(f"{ours[b][key][0]:.1f} / {ours[b][key][1]:.1f}" for b in databases) + " |"
        )
    lines.append(
        f"| DuckDB, kueri Juara Umum dari Parquet mentah (acuan) | {duck[0]:.1f} / {duck[1]:.1f} |"
        + " |" * (len(databases) - 1)
    )
    worst = max(ours[b][k][1] for b in databases for k in ("capaian", "kelompok"))
    verdict = "tercapai" if worst < TARGET_MS else "tidak tercapai"
    lines += [
        "",
        f"Target p95 < {TARGET_MS:.0f} ms untuk capaian dan peringkat kelompok di atas peringkat yang sudah ada, "
        f"di {' dan '.join(databases)}: **{verdict}** (terburuk {worst:.1f} ms). Peringkat lengkapnya sendiri "
        'diukur di bagian "Skala nasional" (target Juara Umum lengkap ≤ 60 ms).',
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite-nasional", type=Path, required=True)
    parser.add_argument("--pg-nasional", help="URL database nasional PostgreSQL (python -m benchmarks.generate)")
    parser.add_argument("--parquet", type=Path, required=True)
    parser.add_argument("--ulang", type=int, default=50)
    parser.add_argument("--tulis", type=Path, help="ganti bagian ini di berkas Markdown (docs/BENCHMARKS.md)")
    args = parser.parse_args()
    urls = {"SQLite": f"sqlite:///{args.sqlite_nasional}"}
    if args.pg_nasional:
        urls["PostgreSQL"] = args.pg_nasional
    for url in urls.values():
        siapkan(url)
    load_before = os.getloadavg()
    ours = {name: ukur(url, args.ulang) for name, url in urls.items()}
    duck, _ = measure_duckdb(args.parquet, args.ulang)
    report = laporan(ours, duck["juara_umum"], args.ulang, (load_before, os.getloadavg()))
    print(report)
    if args.tulis:
        write_section(args.tulis, SECTION, report)


if __name__ == "__main__":
    main()
