"""Benchmark at national scale, in one run: ingest, ranking queries against DuckDB, page renders,
memory.

    python -m benchmarks.run [--postgres SERVER_URL] [--ulang 50] [--tulis docs/BENCHMARKS.md]
                             [--sqlite-nasional FILE --pg-nasional URL --parquet FOLDER] [--hanya-kueri]

1. Ingest: the 39 monthly workbooks of benchmarks/ingest.py (~117,000 activity rows), loaded
   end to end with ``python -m etl load``'s path (``etl.batch.load_files``) and with the naive
   pandas/openpyxl/``to_sql`` script, alternating, 3 rounds, on SQLite and PostgreSQL.
2. The national data set of testdata/nasional.py (every Polda, 450 satker, 36 months, ~8
   million rows), generated unless existing copies are named. On it, for the year 2025 and the
   national scope, median and p95 over ``--ulang`` rounds, each round running every measure
   below once on SQLite, PostgreSQL and DuckDB in turn, of:
   - the queries: one kategori (current and previous period), everything Juara Umum reads (all
     kategori for both periods, jumps, shared links), and a 12-month trend (one kategori per
     satker, and the monthly totals summed from it as the Tren page does);
   - the same rankings complete (queries plus ranking in analytics, flags, Juara Umum points);
   all with the heap frozen as the app's process has it after its first page (ui/heap.py), and
   the Juara Umum queries also before that freeze;
   - DuckDB computing the same answers from the raw Parquet activity rows (the near-limit
     reference), whose results are checked against ours.
   The report states whether every query's p95 is at most two-thirds of DuckDB's in the same run
   and whether the complete Juara Umum's p95 is at most 60 ms.
3. Server time to render Beranda and Peringkat (AppTest, national scope): cold cache and cached.
4. Peak memory (VmHWM) of a process that renders every review page at national scale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from analytics.kategori import JUARA_UMUM
from analytics.periods import parse_rentang
from analytics.tren import total_per_bulan
from benchmarks import ingest
from benchmarks.bersama import logged_in_app, percentile, temporary_postgres, write_section
from db.engine import PROJECT_DIR, make_engine
from db.queries_peringkat import aggregate_rentang, lonjakan_rentang, series_bulanan
from db.tautan_ganda import tautan_ganda
from services.peringkat import build_kategori_ranking, build_rankings
from testdata.nasional import generate_national

SECTION = "## Skala nasional"
TAHUN = parse_rentang("2025")
TREN = parse_rentang("2025-01..2025-12")
KODE = "tb_news"
TARGET_QUERY_MS = 50.0
TARGET_DUCKDB = 2 / 3  # every ranking and trend query's p95 at most this share of DuckDB's, same run
TARGET_JUARA_UMUM_MS = 60.0  # the complete Juara Umum (build_rankings), p95
TARGET_RENDER_S = 1.0
TARGET_MEMORY_MB = 1024.0
TARGET_INGEST = 10.0


def _timed(function: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """Median and p95 in milliseconds, after one warm-up call."""
    return _bergiliran({"": function}, repeats)[""]


def _bergiliran(functions: dict[Any, Callable[[], Any]], repeats: int) -> dict[Any, tuple[float, float]]:
    """Median and p95 in milliseconds of every function, after one warm-up call each, taking turns:
    each round calls every function once, so a slow stretch of a noisy machine falls on all of
    them (both databases and DuckDB) rather than on one block of runs."""
    for function in functions.values():
        function()
    runs: dict[Any, list[float]] = {key: [] for key in functions}
    for _ in range(repeats):
        for key, function in functions.items():
            start = time.perf_counter()
            function()
            runs[key].append((time.perf_counter() - start) * 1000)
    return {key: (statistics.median(r), percentile(r, 0.95)) for key, r in runs.items()}


# --- 1. ingest -------------------------------------------------------------------------------


def measure_ingest(postgres: str | None, rounds: int = 3) -> dict[str, dict[str, float]]:
    paths, _, _ = ingest.generate(ingest.DEFAULT_SEED)
    results: dict[str, dict[str, list[float]]] = {}
    for round_ in range(rounds):
        for backend in ("SQLite", "PostgreSQL") if postgres else ("SQLite",):
            for name, run in (("kami", ingest.run_batch), ("naif", ingest.run_naive))[:: 1 if round_ % 2 == 0 else -1]:
                with (
                    tempfile.TemporaryDirectory() as folder,
                    ingest.fresh_database(backend, postgres, Path(folder)) as url,
                ):
                    seconds, rows = run(url, paths)
                results.setdefault(backend, {}).setdefault(name, []).append(seconds)
                results[backend]["rows"] = [rows]
                print(f"muat {backend} {name}: {seconds:.2f} s", flush=True)
    return {
        backend: {"rows": r["rows"][0], "kami": statistics.median(r["kami"]), "naif": statistics.median(r["naif"])}
        for backend, r in results.items()
    }


# --- 2. queries ------------------------------------------------------------------------------


def _query_functions(session: Session) -> dict[str, Callable[[], object]]:
    """What is timed on each database, by name (the national year, scope and kategori above)."""
    before = TAHUN.sebelumnya()

    def juara_umum() -> object:
        return (
            aggregate_rentang(session, None, [TAHUN, before]),
            lonjakan_rentang(session, None, TAHUN),
            tautan_ganda(session, TAHUN),
        )

    return {
        "satu": lambda: aggregate_rentang(session, None, [TAHUN, before], [KODE]),
        "juara_umum": juara_umum,
        "tren": lambda: total_per_bulan(series_bulanan(session, None, TREN, KODE), KODE),
        "satu_lengkap": lambda: build_kategori_ranking(session, None, TAHUN, KODE),
        "juara_umum_lengkap": lambda: build_rankings(session, None, TAHUN),
    }


def measure_queries(
    urls: dict[str, str], parquet: Path, repeats: int
) -> tuple[dict[str, dict[str, tuple[float, float]]], dict[str, tuple[float, float]], tuple[Any, Any, Any]]:
    """The queries on every database and DuckDB's over Parquet, taking turns (:func:`_bergiliran`),
    as the app's process runs them: after its first page run the app moves the objects its imports
    made to the permanent generation (ui/heap.py), so the heap is frozen here the same way. Juara
    Umum's queries are also timed before that, to show what the freeze changes.

    Returns per database name → (median, p95) ms, the same for DuckDB, and DuckDB's answers."""
    with ExitStack() as stack:
        per_backend = {}
        for backend, url in urls.items():
            engine = make_engine(url)
            stack.callback(engine.dispose)
            per_backend[backend] = _query_functions(stack.enter_context(Session(engine)))
        duck, answers = _duckdb_functions(parquet)
        gc.unfreeze()
        bebas = _bergiliran({b: f["juara_umum"] for b, f in per_backend.items()}, repeats)
        gc.collect()
        gc.freeze()
        try:
            semua = {(b, name): f for b, functions in per_backend.items() for name, f in functions.items()}
            semua.update({("DuckDB", name): f for name, f in duck.items()})
            timings = _bergiliran(semua, repeats)
        finally:
            gc.unfreeze()
    result: dict[str, dict[str, tuple[float, float]]] = {b: {"juara_umum_tanpa_bekuan": bebas[b]} for b in urls}
    for (backend, name), pair in timings.items():
        result.setdefault(backend, {})[name] = pair
    return {b: result[b] for b in urls}, result["DuckDB"], answers


def _ours(url: str) -> tuple[list[tuple[int, int, float]], list[int], dict[int, dict[dt.date, float]]]:
    engine = make_engine(url)
    with Session(engine) as session:
        hasil = build_rankings(session, None, TAHUN)
        series = series_bulanan(session, None, TREN, KODE)
    engine.dispose()
    satu = sorted((row.rank, row.satker_id, row.value) for row in hasil.baris(KODE))  # ties: ours by name
    juara = [row.satker_id for row in hasil.baris(JUARA_UMUM)[:10]]
    return satu, juara, series


DUCK_SATU = """
WITH satker AS (SELECT DISTINCT satker_id FROM '{pq}/laporan.parquet'),
counts AS (SELECT satker_id, count(*) AS n FROM '{pq}/aktivitas.parquet'
           WHERE kategori_kode = '{kode}' AND periode BETWEEN DATE '{awal}' AND DATE '{akhir}' GROUP BY satker_id)
SELECT rank() OVER (ORDER BY coalesce(n, 0) DESC) AS rank, satker.satker_id, coalesce(n, 0)::DOUBLE AS value
FROM satker LEFT JOIN counts USING (satker_id) ORDER BY rank, satker_id
"""

DUCK_JUARA_UMUM = """
WITH satker AS (SELECT DISTINCT satker_id FROM '{pq}/laporan.parquet'),
kode AS (SELECT DISTINCT kategori_kode FROM '{pq}/aktivitas.parquet'),
counts AS (SELECT satker_id, kategori_kode, count(*) AS n FROM '{pq}/aktivitas.parquet'
           WHERE periode BETWEEN DATE '{awal}' AND DATE '{akhir}' GROUP BY ALL),
grid AS (SELECT satker_id, kategori_kode, coalesce(n, 0) AS nilai FROM satker CROSS JOIN kode
         LEFT JOIN counts USING (satker_id, kategori_kode)),
reports AS (SELECT satker_id, periode, round(greatest(jam, 0), 2) AS jam FROM '{pq}/laporan.parquet'
            WHERE periode BETWEEN DATE '{awal}' AND DATE '{akhir}'),
months AS (SELECT count(DISTINCT periode) AS m, greatest(720, max(jam)) AS penalti FROM reports),
speed AS (SELECT satker_id, 'kecepatan_laporan' AS kategori_kode,
          round((coalesce(sum(jam), 0) + (m - count(jam)) * penalti) / m, 2) AS nilai
          FROM satker LEFT JOIN reports USING (satker_id), months GROUP BY satker_id, m, penalti),
ranked AS (SELECT satker_id, kategori_kode, rank() OVER (PARTITION BY kategori_kode ORDER BY nilai DESC) AS r FROM grid
           UNION ALL SELECT satker_id, kategori_kode, rank() OVER (ORDER BY nilai ASC) FROM speed),
n AS (SELECT count(*) AS n FROM satker)
SELECT satker_id FROM ranked, n GROUP BY satker_id, n.n
ORDER BY round(avg(100.0 * (n.n - r) / (n.n - 1)), 2) DESC, satker_id LIMIT 10
"""

DUCK_TREN = """
SELECT satker_id, periode, count(*) FROM '{pq}/aktivitas.parquet'
WHERE kategori_kode = '{kode}' AND periode BETWEEN DATE '{awal}' AND DATE '{akhir}' GROUP BY ALL
"""


def _duckdb_functions(parquet: Path) -> tuple[dict[str, Callable[[], object]], tuple[Any, Any, Any]]:
    """DuckDB's three queries over the raw Parquet rows by name, and their answers."""
    import duckdb

    connection = duckdb.connect()
    fmt = {"pq": parquet, "kode": KODE}
    satu = DUCK_SATU.format(**fmt, awal=TAHUN.awal, akhir=TAHUN.akhir)
    juara = DUCK_JUARA_UMUM.format(**fmt, awal=TAHUN.awal, akhir=TAHUN.akhir)
    tren = DUCK_TREN.format(**fmt, awal=TREN.awal, akhir=TREN.akhir)
    answers = (
        connection.execute(satu).fetchall(),
        [r[0] for r in connection.execute(juara).fetchall()],
        connection.execute(tren).fetchall(),
    )
    return {
        "satu": lambda: connection.execute(satu).fetchall(),
        "juara_umum": lambda: connection.execute(juara).fetchall(),
        "tren": lambda: connection.execute(tren).fetchall(),
    }, answers


def measure_duckdb(parquet: Path, repeats: int) -> tuple[dict[str, tuple[float, float]], tuple[Any, Any, Any]]:
    """DuckDB's queries alone (for benchmarks that time our side by other means)."""
    functions, answers = _duckdb_functions(parquet)
    return _bergiliran(functions, repeats), answers


def check_against_duckdb(url: str, answers: tuple[Any, Any, Any]) -> dict[str, bool]:
    """Whether our answers equal DuckDB's: the whole one-kategori ranking (rank and value of every
    satker), the Juara Umum top 10 (same satker, same order) and every value of the trend."""
    satu, juara, series = _ours(url)
    duck_satu, duck_juara, duck_tren = answers
    trend = {(sid, periode): n for sid, periode, n in duck_tren}
    ours_trend = {(sid, periode): value for sid, months in series.items() for periode, value in months.items() if value}
    return {
        "satu": sorted((int(r), int(s), float(v)) for r, s, v in duck_satu) == satu,
        "juara_umum": [int(s) for s in duck_juara] == juara,
        "tren": trend == ours_trend,
    }


# --- 3. and 4. pages and memory -----------------------------------------------------------


def measure_render(url: str, repeats: int = 5) -> dict[str, tuple[float, float]]:
    import streamlit as st

    app = logged_in_app(url)
    result: dict[str, tuple[float, float]] = {}
    for page in ("beranda", "peringkat"):
        cold, warm = [], []
        for _ in range(repeats):
            st.cache_data.clear()
            start = time.perf_counter()
            app.switch_page(f"pages/{page}.py").run()
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            app.run()
            warm.append(time.perf_counter() - start)
            assert not app.exception, [e.value for e in app.exception]
        result[page] = (statistics.median(cold), statistics.median(warm))
    return result


def _peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _child_memory(url: str) -> None:
    app = logged_in_app(url)
    for page in ("beranda", "peringkat", "tren", "profil_satker", "kepatuhan", "perbandingan_polda", "ekspor"):
        app.switch_page(f"pages/{page}.py").run()
        assert not app.exception, (page, [e.value for e in app.exception])
    print(json.dumps({"peak_mb": _peak_mb()}))


def measure_memory(url: str) -> float:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--_anak-memori", url],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_mb"])


# --- report ---------------------------------------------------------------------------------


def _ms(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.1f} / {pair[1]:.1f} ms"


def _met(ok: bool) -> str:
    return "**tercapai**" if ok else "**tidak tercapai**"


def _targets(r: dict[str, Any]) -> list[str]:
    """The target lines: each says what was measured against what, and whether it was met."""
    q, duck = r["queries"], r["duckdb"]
    worst_query = max(q[b][k][1] for b in q for k in ("satu", "juara_umum", "tren"))
    ratios = {(b, k): q[b][k][1] / duck[k][1] for b in q for k in ("satu", "juara_umum", "tren")}
    worst_ratio_key = max(ratios, key=lambda key: ratios[key])
    worst_juara_umum = max(q[b]["juara_umum_lengkap"][1] for b in q)
    worst_median = max(q[b][k][0] for b in q for k in ("satu", "juara_umum", "tren"))
    worst_render = max((p[0] for pages in r["render"].values() for p in pages.values()), default=0.0)
    worst_ratio = min((m["naif"] / m["kami"] for m in r["ingest"].values()), default=0.0)
    worst_memory = max(r["memory"].values(), default=0.0)

    lines = [
        "",
        "Target:",
        "",
        f"- Setiap kueri peringkat dan tren p95 ≤ {TARGET_DUCKDB:.2f} × p95 DuckDB di putaran yang sama, di SQLite dan "
        f"PostgreSQL: {_met(ratios[worst_ratio_key] <= TARGET_DUCKDB)} (terburuk {ratios[worst_ratio_key]:.2f}×, "
        f"{worst_ratio_key[1]} di {worst_ratio_key[0]}: {q[worst_ratio_key[0]][worst_ratio_key[1]][1]:.1f} ms "
        f"lawan {duck[worst_ratio_key[1]][1]:.1f} ms).",
        f"- Juara Umum lengkap (`build_rankings`) p95 ≤ {TARGET_JUARA_UMUM_MS:.0f} ms: "
        f"{_met(worst_juara_umum <= TARGET_JUARA_UMUM_MS)} (terburuk {worst_juara_umum:.1f} ms).",
        f"- Kueri peringkat dan tren p95 < {TARGET_QUERY_MS:.0f} ms di SQLite dan PostgreSQL: "
        f"{_met(worst_query < TARGET_QUERY_MS)} "
        f'(p95 terburuk {worst_query:.1f} ms, median terburuk {worst_median:.1f} ms; baris "heap tidak dibekukan" '
        "mengukur bacaan yang sama tanpa membekukan objek impor: bacaan itu menunda pengumpul sampah siklik, "
        "db/pengumpul_sampah.py, jadi tidak ada pengumpulan penuh di tengahnya).",
    ]
    if r["render"]:
        lines += [
            f"- Render server Peringkat dan Beranda < {TARGET_RENDER_S:.0f} s: {_met(worst_render < TARGET_RENDER_S)} "
            f"(terburuk {worst_render:.2f} s, cache dingin).",
            f"- Memori aplikasi < {TARGET_MEMORY_MB:.0f} MB: {_met(worst_memory < TARGET_MEMORY_MB)} "
            f"({worst_memory:.0f} MB).",
        ]
    if r["ingest"]:
        lines.append(
            f"- Muat ≥ {TARGET_INGEST:.0f}× baseline naif: {_met(worst_ratio >= TARGET_INGEST)} "
            f"(terendah {worst_ratio:.1f}×)."
        )
    return lines


def build_report(r: dict[str, Any], args: argparse.Namespace) -> str:
    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `python -m benchmarks.run` (mesin 2 inti, 24 GiB).",
    ]
    if r["ingest"]:
        lines += [
            "",
            "### Memuat laporan (ujung ke ujung dari buku kerja)",
            "",
            "39 laporan bulanan Mei 2024 dari `benchmarks/ingest.py`; median 3 putaran bergantian, "
            "database baru tiap putaran.",
            "",
            "| database | baris | kami (`etl load`) | baris/s | naif (pandas + openpyxl + to_sql) | baris/s "
            "| percepatan |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
    for backend, m in r["ingest"].items():
        lines.append(
            f"| {backend} | {m['rows']:,} | {m['kami']:.2f} s | {m['rows'] / m['kami']:,.0f} | {m['naif']:.2f} s | "
            f"{m['rows'] / m['naif']:,.0f} | **{m['naif'] / m['kami']:.1f}×** |"
        )
    d = r["data"]
    lines += [
        "",
        "### Kueri peringkat dan tren",
        "",
        "Data nasional `testdata/nasional.py` (`python -m benchmarks.generate`): "
        f"{d['polda']} Polda, {d['satker']} satker, {d['bulan']} bulan, "
        f"{d['aktivitas']:,} baris kegiatan"
        + (
            f" (dibuat {d['detik_sqlite']:.0f} s di SQLite, {d['detik_pg']:.0f} s di PostgreSQL). "
            if d["detik_sqlite"]
            else ". "
        )
        + f"Lingkup nasional, Tahun 2025, kategori `{KODE}`; median / p95 dari {args.ulang} ulangan "
        "setelah satu pemanasan, tanpa cache aplikasi. Semua ukuran bergiliran: setiap ulangan menjalankan "
        "setiap kueri SQLite, PostgreSQL dan DuckDB sekali, sehingga saat mesin melambat semuanya kena.",
        "",
        "- **kueri**: yang dikerjakan database — satu kategori (periode ini dan sebelumnya), "
        "semua yang dibaca Juara Umum (sepuluh kategori untuk dua periode, lonjakan, tautan ganda), "
        "dan tren 12 bulan (satu kategori per satker, dan total per bulan yang dijumlahkan darinya "
        "seperti halaman Tren).",
        "- **lengkap**: kueri ditambah pemeringkatan di `analytics` (peringkat, gerak, pangsa, tanda, "
        "poin Juara Umum).",
        "- **DuckDB**: jawaban yang sama dihitung dari baris kegiatan mentah di Parquet (acuan mendekati batas); "
        "hasilnya dicocokkan dengan hasil kami.",
        "",
        "| ukuran | SQLite | PostgreSQL | DuckDB (Parquet mentah) |",
        "| --- | ---: | ---: | ---: |",
    ]
    q, duck = r["queries"], r["duckdb"]
    for key, label in (
        ("satu", "kueri satu kategori"),
        ("juara_umum", "kueri Juara Umum"),
        ("tren", "kueri tren 12 bulan"),
    ):
        lines.append(f"| {label} | {_ms(q['SQLite'][key])} | {_ms(q['PostgreSQL'][key])} | {_ms(duck[key])} |")
    lines.append(
        f"| kueri Juara Umum, heap tidak dibekukan | {_ms(q['SQLite']['juara_umum_tanpa_bekuan'])} | "
        f"{_ms(q['PostgreSQL']['juara_umum_tanpa_bekuan'])} | – |"
    )
    for key, label in (
        ("satu_lengkap", "peringkat satu kategori, lengkap"),
        ("juara_umum_lengkap", "Juara Umum, lengkap (`build_rankings`)"),
    ):
        lines.append(f"| {label} | {_ms(q['SQLite'][key])} | {_ms(q['PostgreSQL'][key])} | – |")
    checks = ", ".join(f"{k}: {'sama' if ok else 'BERBEDA'}" for k, ok in r["cocok"].items())
    lines += ["", f"Cocok dengan DuckDB ({checks})."]
    if r["render"]:
        lines += [
            "",
            "### Halaman dan memori",
            "",
            "| database | Beranda dingin / cache | Peringkat dingin / cache |",
            "| --- | ---: | ---: |",
        ]
    for backend, pages in r["render"].items():
        lines.append(
            f"| {backend} | {pages['beranda'][0]:.2f} s / {pages['beranda'][1]:.2f} s | "
            f"{pages['peringkat'][0]:.2f} s / {pages['peringkat'][1]:.2f} s |"
        )
    if r["memory"]:
        lines += [
            "",
            "Puncak memori (VmHWM) proses yang merender Beranda, Peringkat, Tren, Profil Satker, Kepatuhan, "
            "Perbandingan Polda, dan Ekspor pada skala nasional: "
            + ", ".join(f"{b} {mb:.0f} MB" for b, mb in r["memory"].items())
            + ".",
        ]
    lines += _targets(r)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("HUMAS_TEST_POSTGRES_URL"), help="PostgreSQL server URL")
    parser.add_argument("--ulang", type=int, default=50)
    parser.add_argument("--tulis", type=Path)
    parser.add_argument(
        "--sqlite-nasional", type=Path, help="an existing national SQLite file (python -m benchmarks.generate)"
    )
    parser.add_argument(
        "--pg-nasional", help="an existing national PostgreSQL database URL (python -m benchmarks.generate)"
    )
    parser.add_argument("--parquet", type=Path, help="the Parquet folder written with the national data set")
    parser.add_argument(
        "--hanya-kueri", action="store_true", help="only the ranking and trend queries (no ingest, pages, memory)"
    )
    parser.add_argument("--_anak-memori", dest="anak_memori", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.anak_memori:
        _child_memory(args.anak_memori)
        return
    if not args.postgres:
        parser.error("butuh server PostgreSQL: --postgres URL atau HUMAS_TEST_POSTGRES_URL")
    results: dict[str, Any] = {"ingest": {} if args.hanya_kueri else measure_ingest(args.postgres)}
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        sqlite_url = (
            f"sqlite:///{args.sqlite_nasional}" if args.sqlite_nasional else f"sqlite:///{folder}/nasional.sqlite"
        )
        pg_url = args.pg_nasional or stack.enter_context(temporary_postgres(args.postgres))
        parquet = args.parquet or folder / "parquet"
        data: dict[str, Any] = {"detik_sqlite": 0.0, "detik_pg": 0.0}
        if not args.sqlite_nasional:
            made = generate_national(make_engine(sqlite_url), parquet=parquet)
            data.update(
                polda=made.polda,
                satker=made.satker,
                bulan=made.bulan,
                aktivitas=made.aktivitas,
                detik_sqlite=made.detik,
            )
        if not args.pg_nasional:
            data["detik_pg"] = generate_national(make_engine(pg_url)).detik
        if "aktivitas" not in data:
            data.update(_describe(sqlite_url))
        results["data"] = data
        urls = {"SQLite": sqlite_url, "PostgreSQL": pg_url}
        results["queries"], results["duckdb"], answers = measure_queries(urls, parquet, args.ulang)
        results["cocok"] = check_against_duckdb(sqlite_url, answers)
        pages = {} if args.hanya_kueri else urls
        results["render"] = {backend: measure_render(url) for backend, url in pages.items()}
        results["memory"] = {backend: measure_memory(url) for backend, url in pages.items()}
    report = build_report(results, args)
    print(report)
    if args.tulis:
        write_section(args.tulis, SECTION, report)


def _describe(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from db.models import Aktivitas, NilaiBulanan, Satker

    engine = make_engine(url)
    with Session(engine) as session:
        described = {
            "polda": session.scalar(select(func.count(Satker.polda_id.distinct()))) or 0,
            "satker": session.scalar(select(func.count()).select_from(Satker)) or 0,
            "bulan": session.scalar(select(func.count(NilaiBulanan.periode.distinct()))) or 0,
            "aktivitas": session.scalar(select(func.count()).select_from(Aktivitas)) or 0,
        }
    engine.dispose()
    return described


if __name__ == "__main__":
    main()
