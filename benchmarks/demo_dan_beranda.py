"""Benchmark: loading DATA CONTOH and the ranking reads, on SQLite and PostgreSQL, in one run.

    python -m benchmarks.demo_dan_beranda [--postgres URL] [--ulang 50] [--tulis docs/BENCHMARKS.md]

Measures, for each database: generating the demo set (pure Python), writing it in one
transaction, ``build_rankings`` (all ten kategori and Juara Umum with movement and integrity
flags — what Beranda and Peringkat read) for a month, a quarter and a year, median and p95 over
repeated runs, and the server time to render Beranda and Peringkat with AppTest (uncached first
run and cached rerun). Results replace the matching section of the docs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import time
from pathlib import Path

import streamlit as st
from sqlalchemy.orm import Session

from analytics.periods import parse_rentang
from benchmarks.bersama import logged_in_app, on_each_database, percentile, write_section
from db.engine import make_engine
from db.queries_peringkat import list_polda_aktif
from db.reference import REFERENCE_DIR
from db.schema import prepare_database
from etl.demo import store_demo
from etl.demo_data import generate_demo
from services.peringkat import build_rankings

SECTION = "## DATA CONTOH dan Beranda"
PERIODS = ("2024-02", "2024-Q4", "2024")


def _measure_backend(url: str, repeats: int) -> dict[str, float]:
    engine = make_engine(url)
    prepare_database(engine)
    start = time.perf_counter()
    with Session(engine) as session, session.begin():
        summary = store_demo(session)
    store_seconds = time.perf_counter() - start
    result = {"rows": summary.aktivitas, "store_s": store_seconds, "rows_per_s": summary.aktivitas / store_seconds}
    with Session(engine) as session:
        polda_id = list_polda_aktif(session)[0].id
        for periode in PERIODS:
            timings = []
            for _ in range(repeats):
                start = time.perf_counter()
                build_rankings(session, polda_id, parse_rentang(periode))
                timings.append((time.perf_counter() - start) * 1000)
            result[f"{periode}_median"] = statistics.median(timings)
            result[f"{periode}_p95"] = percentile(timings, 0.95)
    engine.dispose()
    result.update(_render_pages(url))
    return result


def _render_pages(url: str) -> dict[str, float]:
    """Server time of one AppTest run per page: first (cold cache) and a rerun (cached)."""
    timings: dict[str, float] = {}
    for page in ("beranda", "peringkat"):
        app = logged_in_app(url)
        st.cache_data.clear()
        start = time.perf_counter()
        app.switch_page(f"pages/{page}.py").run()
        timings[f"{page}_cold"] = time.perf_counter() - start
        start = time.perf_counter()
        app.run()
        timings[f"{page}_warm"] = time.perf_counter() - start
        assert not app.exception, app.exception
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("HUMAS_TEST_POSTGRES_URL"))
    parser.add_argument("--ulang", type=int, default=50)
    parser.add_argument("--tulis", type=Path)
    args = parser.parse_args()

    with open(REFERENCE_DIR / "satker.csv", encoding="utf-8") as handle:
        satker = {row["nama"]: row["wilayah"] for row in csv.DictReader(handle)}
    start = time.perf_counter()
    generate_demo(satker)
    generate_seconds = time.perf_counter() - start

    results = on_each_database(lambda url: _measure_backend(url, args.ulang), args.postgres)

    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `python -m benchmarks.demo_dan_beranda` "
        f"(mesin 2 inti; {args.ulang} ulangan untuk kueri).",
        "",
        f"Membuat DATA CONTOH di memori (Python murni): {generate_seconds:.1f} s.",
        "",
        "| database | baris aktivitas | buat + tulis DATA CONTOH (satu transaksi) | baris/s |",
        "| --- | ---: | ---: | ---: |",
    ]
    for backend, r in results.items():
        lines.append(f"| {backend} | {r['rows']:,.0f} | {r['store_s']:.1f} s | {r['rows_per_s']:,.0f} |")
    lines += [
        "",
        "`build_rankings` (sepuluh kategori + Juara Umum, gerak, tanda integritas; tanpa cache), median / p95:",
        "",
        "| database | " + " | ".join(PERIODS) + " |",
        "| --- |" + " ---: |" * len(PERIODS),
    ]
    for backend, r in results.items():
        cells = " | ".join(f"{r[f'{p}_median']:.0f} / {r[f'{p}_p95']:.0f} ms" for p in PERIODS)
        lines.append(f"| {backend} | {cells} |")
    lines += [
        "",
        "Waktu server merender halaman (AppTest, bulan terbaru): pertama kali (cache kosong) / diulang (cache):",
        "",
        "| database | Beranda | Peringkat |",
        "| --- | ---: | ---: |",
    ]
    for backend, r in results.items():
        lines.append(
            f"| {backend} | {r['beranda_cold']:.2f} s / {r['beranda_warm']:.2f} s "
            f"| {r['peringkat_cold']:.2f} s / {r['peringkat_warm']:.2f} s |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.tulis:
        write_section(args.tulis, SECTION, report)


if __name__ == "__main__":
    main()
