"""Benchmark: the Rakernis deck for a whole year of DATA CONTOH, on SQLite and PostgreSQL.

    python -m benchmarks.deck [--postgres URL] [--ulang 10] [--tulis docs/BENCHMARKS.md]

Measures, for each database, in one run: gathering the content (``services.ekspor.kumpulkan_isi_deck``: the
rankings of all ten kategori and Juara Umum, compliance, monthly totals), building the .pptx
(``exports.deck.build_deck``: 16 slides, 12 native charts), both together, and the whole command
``python -m etl deck --periode 2024`` as a fresh process (interpreter start and imports included).
Target: a full deck for a year in under 3 seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from analytics.kategori import JUARA_UMUM
from analytics.periods import parse_rentang
from benchmarks.bersama import on_each_database, percentile, write_section
from db.engine import PROJECT_DIR, make_engine
from db.queries import list_kategori
from db.queries_peringkat import list_polda_aktif
from db.schema import prepare_database
from etl.demo import store_demo
from exports.deck import build_deck, judul_slide
from services.ekspor import kumpulkan_isi_deck

SECTION = "## Deck Rakernis"
TAHUN = parse_rentang("2024")
TARGET_S = 3.0


def _measure(url: str, repeats: int) -> dict[str, float]:
    engine = make_engine(url)
    prepare_database(engine)
    with Session(engine) as session, session.begin():
        store_demo(session)
    content, build, total, size, slides = [], [], [], 0, 0
    with Session(engine) as session:
        polda_id = list_polda_aktif(session)[0].id
        kode = [k.kode for k in list_kategori(session)] + [JUARA_UMUM]
        for _ in range(repeats):
            start = time.perf_counter()
            isi = kumpulkan_isi_deck(session, polda_id, TAHUN, kode)
            middle = time.perf_counter()
            data = build_deck(isi)
            end = time.perf_counter()
            content.append(middle - start)
            build.append(end - middle)
            total.append(end - start)
            size = len(data)
            slides = len(judul_slide(isi))
    engine.dispose()
    command = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "etl", "deck", "--periode", "2024", "-o", f"{folder}/deck.pptx"],
                cwd=PROJECT_DIR,
                env={**os.environ, "HUMAS_DATABASE_URL": url},
                check=True,
                capture_output=True,
            )
            command.append(time.perf_counter() - start)
    return {
        "content": statistics.median(content),
        "build": statistics.median(build),
        "total": statistics.median(total),
        "total_p95": percentile(total, 0.95),
        "command": statistics.median(command),
        "command_max": max(command),
        "size_kb": size / 1024,
        "slides": slides,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("HUMAS_TEST_POSTGRES_URL"))
    parser.add_argument("--ulang", type=int, default=10)
    parser.add_argument("--tulis", type=Path)
    args = parser.parse_args()

    results = on_each_database(lambda url: _measure(url, args.ulang), args.postgres)

    met = all(r["command"] < TARGET_S and r["total_p95"] < TARGET_S for r in results.values())
    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `python -m benchmarks.deck` (mesin 2 inti; DATA CONTOH, "
        f"Tahun 2024, semua kategori dan Juara Umum, 10 teratas; {args.ulang} ulangan di dalam proses, "
        "3 ulangan perintah).",
        "",
        "| database | slide | isi (kueri) | susun .pptx | isi + susun, median / p95 "
        "| `python -m etl deck`, median / maks | ukuran |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for backend, r in results.items():
        lines.append(
            f"| {backend} | {r['slides']:.0f} | {r['content']:.2f} s | {r['build']:.2f} s | "
            f"{r['total']:.2f} s / {r['total_p95']:.2f} s | {r['command']:.2f} s / {r['command_max']:.2f} s | "
            f"{r['size_kb']:.0f} KB |"
        )
    lines += [
        "",
        f"Target deck setahun di bawah {TARGET_S:.0f} detik (juga sebagai perintah utuh): "
        f"**{'tercapai' if met else 'tidak tercapai'}**.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.tulis:
        write_section(args.tulis, SECTION, report)


if __name__ == "__main__":
    main()
