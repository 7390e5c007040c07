"""Benchmark: loading DATA CONTOH and the Beranda read, on SQLite and PostgreSQL, in one run.

    python benchmarks/demo_dan_beranda.py [--postgres URL] [--ulang 50] [--tulis docs/BENCHMARKS.md]

Measures, for each database: generating the demo set (pure Python), writing it in one
transaction, and the Beranda read (monthly values of one month for all categories, plus the
ranking), median and p95 over repeated runs. Results replace the matching section of the docs.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analytics.ranking import rank_satker  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.queries import list_kategori, monthly_values_by_kategori  # noqa: E402
from db.reference import REFERENCE_DIR  # noqa: E402
from db.schema import prepare_database  # noqa: E402
from etl.demo import store_demo  # noqa: E402
from etl.demo_data import generate_demo  # noqa: E402

SECTION = "## DATA CONTOH dan Beranda"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _measure_backend(url: str, repeats: int) -> dict[str, float]:
    engine = make_engine(url)
    prepare_database(engine)
    start = time.perf_counter()
    with Session(engine) as session, session.begin():
        summary = store_demo(session)
    store_seconds = time.perf_counter() - start
    timings = []
    with Session(engine) as session:
        kategori = list_kategori(session)
        for _ in range(repeats):
            start = time.perf_counter()
            values = monthly_values_by_kategori(session, dt.date(2024, 2, 1))
            for k in kategori:
                rank_satker(values.get(k.kode, {}), k.arah)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    return {
        "rows": summary.aktivitas,
        "store_s": store_seconds,
        "rows_per_s": summary.aktivitas / store_seconds,
        "median_ms": statistics.median(timings),
        "p95_ms": _percentile(timings, 0.95),
    }


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

    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = _measure_backend(f"sqlite:///{folder}/bench.sqlite", args.ulang)
    if args.postgres:
        name = f"humas_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            results["PostgreSQL"] = _measure_backend(args.postgres.rsplit("/", 1)[0] + f"/{name}", args.ulang)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))

    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `python benchmarks/demo_dan_beranda.py` "
        f"(mesin 2 inti; {args.ulang} ulangan untuk kueri).",
        "",
        f"Membuat DATA CONTOH di memori (Python murni): {generate_seconds:.1f} s.",
        "",
        "| database | baris aktivitas | buat + tulis DATA CONTOH (satu transaksi) | baris/s | Beranda median | Beranda p95 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for backend, r in results.items():
        lines.append(
            f"| {backend} | {r['rows']:,.0f} | {r['store_s']:.1f} s | {r['rows_per_s']:,.0f} "
            f"| {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    if args.tulis:
        existing = args.tulis.read_text(encoding="utf-8") if args.tulis.exists() else "# Benchmark\n\n"
        before, _, after = existing.partition(SECTION)
        rest = after.split("\n## ", 1)[1] if "\n## " in after else ""
        args.tulis.write_text(before + report + (f"\n## {rest}" if rest else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
