"""Benchmark: loading monthly report workbooks end to end, ours vs a naive pandas script.

    python -m benchmarks.ingest [--postgres URL] [--tulis docs/BENCHMARKS.md] [--ulang 3] [--benih 20240501]

Generates (fixed seed, cached under the temp folder, never timed) 39 monthly reports for May
2024, one per satker of ``db/reference_data/satker.csv``, each about 3,000 activity rows over
the nine category sheets, built from the app's own template. Then, on SQLite and PostgreSQL
(default server: ``HUMAS_TEST_POSTGRES_URL``), each in a fresh database per run:

* ours:  ``etl.loader.load_workbook`` per file (read the bytes, check, validate, write), the
  single-upload path of the web page, one process;
* batch: ``etl.batch.load_files`` over all files, what ``python -m etl load FOLDER`` runs:
  reading and validation in a process pool (default size), each file stored in order by this
  process in its own transaction;
* naive: ``pandas.read_excel(engine="openpyxl")`` + ``DataFrame.to_sql`` per category sheet,
  no validation, what a quick script would do.

The three candidates run from the same process, interleaved (the order rotates every repeat),
``--ulang`` times; the medians and the speed-ups against naive are reported. The 10x target is
judged on the batch path (a folder loaded end to end). Also: where the time of the per-file path
goes (one cProfile run on SQLite, then wall-clock stage timers per database), the peak memory of
loading one 50,000-row workbook (in a child process), and calamine vs openpyxl reading that
sheet. With ``--tulis`` the section "## Memuat laporan bulanan" of the docs is replaced
(or appended), other sections are kept.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import datetime as dt
import hashlib
import io
import json
import os
import pstats
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from benchmarks.bersama import temporary_postgres, write_section
from db.engine import PROJECT_DIR, make_engine
from db.reference import REFERENCE_DIR
from db.schema import prepare_database
from etl.batch import default_workers, load_files
from etl.loader import load_workbook
from etl.workbook_format import KATEGORI_SHEETS, PLATFORMS, SHEET_IDENTITAS

SECTION = "## Memuat laporan bulanan"
DEFAULT_SEED = 20240501
COMMAND = "python -m benchmarks.ingest"
PERIODE = dt.date(2024, 5, 1)
ROWS_PER_REPORT = 3_000  # about: each report gets 2,700..3,300 rows
BIG_ROWS = 50_000
BIG_SHEET = KATEGORI_SHEETS["link_amplifikasi"]
TARGET_SPEEDUP = 10.0
TARGET_MEMORY_MB = 300.0
GENERATOR_VERSION = 1  # bump when the generated workbooks change
NAIVE_TABLE = "aktivitas_naive"

# Functions whose cumulative time (cProfile) splits our load path into stages.
PROFILED = {
    "check_file": ("etl/file_safety.py", "check_file"),
    "open_workbook": ("etl/reader.py", "open_workbook"),
    "rows": ("etl/reader.py", "rows"),
    "validate_laporan": ("etl/rules_laporan.py", "validate_laporan"),
    "plain_sheet": ("etl/rules_laporan.py", "plain_sheet"),
    "validate_rows": ("etl/rules_laporan.py", "validate_rows"),
    "tulis_baris_lebih_dulu": ("etl/store.py", "tulis_baris_lebih_dulu"),
    "store_laporan": ("etl/store.py", "store_laporan"),
    "salin_baris_disiapkan": ("db/bulk.py", "salin_baris_disiapkan"),
    "hitung_ulang_nilai_bulanan": ("db/nilai_bulanan.py", "hitung_ulang_nilai_bulanan"),
    "load_workbook": ("etl/loader.py", "load_workbook"),
}

DOMAINS = {
    "Instagram": "www.instagram.com/p",
    "Facebook": "www.facebook.com/humas/posts",
    "X": "x.com/humas/status",
    "TikTok": "www.tiktok.com/@humas/video",
    "YouTube": "www.youtube.com/watch",
    "Website": "tribratanews.polri.go.id/berita",
    "WhatsApp": "wa.me/c",
    "Lainnya": "contoh.id/kegiatan",
}
KEGIATAN = (
    "Sosialisasi",
    "Patroli dialogis",
    "Bakti sosial",
    "Kunjungan kerja",
    "Jumat Curhat",
    "Operasi Ketupat",
    "Pengamanan ibadah",
    "Penyuluhan kamtibmas",
    "Vaksinasi massal",
    "Donor darah",
    "Pengungkapan kasus",
    "Rilis akhir bulan",
    "Himbauan lalu lintas",
    "Silaturahmi tokoh agama",
    "Pembagian sembako",
)
TEMPAT = (
    "di Kecamatan Kota",
    "di pasar tradisional",
    "di sekolah menengah",
    "di Mapolres",
    "di balai desa",
    "di alun-alun",
    "di pondok pesantren",
    "di terminal bus",
    "di pelabuhan",
    "di kampus",
    "di jalan protokol",
)
SASARAN = ("warga", "pelajar", "pengemudi ojek", "nelayan", "pedagang", "mahasiswa", "tokoh masyarakat", "pemuda")
PANGKAT = ("Bripda", "Briptu", "Brigpol", "Bripka", "Aipda", "Aiptu", "Ipda", "Iptu")
NAMA = (
    "Ahmad Santoso",
    "Dewi Lestari",
    "Budi Hartono",
    "Siti Rahmawati",
    "Agus Prasetyo",
    "Rina Kusuma",
    "Eko Wahyudi",
    "Nur Hidayah",
    "Yudi Saputra",
    "Lina Marlina",
)


# --- Generating the workbooks (not timed) -----------------------------------------------------


def _satker_names() -> list[str]:
    with open(REFERENCE_DIR / "satker.csv", encoding="utf-8", newline="") as handle:
        return [row["nama"] for row in csv.DictReader(handle)]


def _slug(text_value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text_value.casefold()).strip("-")


def _activity_rows(rng: random.Random, satker: str, kode: str, count: int) -> Iterator[tuple[Any, ...]]:
    """``count`` filled rows (No, Tanggal, Judul / Uraian, Platform, Tautan) with unique links."""
    prefix = f"{_slug(satker)}-{kode.replace('_', '-')}"
    for index in range(1, count + 1):
        platform = rng.choice(PLATFORMS)
        tanggal = dt.datetime(2024, 5, rng.randint(1, 31), rng.randint(6, 21), rng.randrange(0, 60, 5))
        judul = f"{rng.choice(KEGIATAN)} {rng.choice(TEMPAT)} bersama {rng.choice(SASARAN)} ({satker})"
        url = f"https://{DOMAINS[platform]}/{prefix}-{index:05d}-{rng.getrandbits(32):08x}"
        yield index, tanggal, judul, platform, url


def _report_bytes(satker: str, rng: random.Random, per_sheet: dict[str, int]) -> bytes:
    """A monthly report from the app's template, rows filled from row 2 of each category sheet."""
    import openpyxl

    from etl.template import build_template  # imported here: the memory child must not pay for it

    book = openpyxl.load_workbook(io.BytesIO(build_template(satker, PERIODE)))
    book[SHEET_IDENTITAS]["B4"] = f"{rng.choice(PANGKAT)} {rng.choice(NAMA)}"
    for kode, sheet_name in KATEGORI_SHEETS.items():
        sheet = book[sheet_name]
        for number, row in enumerate(_activity_rows(rng, satker, kode, per_sheet.get(kode, 0)), start=2):
            for column, value in enumerate(row, start=1):
                sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _split(rng: random.Random, total: int) -> dict[str, int]:
    """``total`` rows over the nine category sheets, unevenly, every sheet non-empty."""
    weights = [rng.uniform(0.3, 1.7) for _ in KATEGORI_SHEETS]
    counts = [int(total * w / sum(weights)) for w in weights]
    counts[0] += total - sum(counts)
    return dict(zip(KATEGORI_SHEETS, counts, strict=True))


def _cache_dir(seed: int) -> Path:
    """Generated files depend on the seed, this generator and the template code."""
    fingerprint = hashlib.sha256()
    for source in (PROJECT_DIR / "etl" / "template.py", PROJECT_DIR / "etl" / "workbook_format.py", Path(__file__)):
        fingerprint.update(source.read_bytes())
    name = f"humas_bench_ingest_v{GENERATOR_VERSION}_benih{seed}_{fingerprint.hexdigest()[:10]}"
    return Path(tempfile.gettempdir()) / name


def generate(seed: int) -> tuple[list[Path], Path, float]:
    """The 39 monthly reports and the 50,000-row workbook (cached); returns their paths and the
    seconds spent generating (0 when cached)."""
    folder = _cache_dir(seed)
    done = folder / "selesai"
    satker = _satker_names()
    reports = [folder / f"{i:02d}_{_slug(name)}.xlsx" for i, name in enumerate(satker, start=1)]
    big = folder / f"besar_{BIG_ROWS}.xlsx"
    if done.exists():
        return reports, big, 0.0
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for path, name in zip(reports, satker, strict=True):
        total = rng.randint(ROWS_PER_REPORT * 9 // 10, ROWS_PER_REPORT * 11 // 10)
        path.write_bytes(_report_bytes(name, rng, _split(rng, total)))
    big.write_bytes(_report_bytes(satker[0], rng, {"link_amplifikasi": BIG_ROWS}))
    done.write_text("ok\n", encoding="utf-8")
    return reports, big, time.perf_counter() - start


# --- Fresh databases ----------------------------------------------------------------------------


@contextlib.contextmanager
def fresh_database(backend: str, postgres: str | None, folder: Path) -> Iterator[str]:
    """The URL of a new empty database, removed afterwards."""
    if backend == "SQLite":
        path = folder / f"bench_{uuid.uuid4().hex[:8]}.sqlite"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    assert postgres is not None
    with temporary_postgres(postgres) as url:
        yield url


# --- The candidates -----------------------------------------------------------------------------


def _load_ours(engine: Any, paths: list[Path]) -> int:
    rows = 0
    for path in paths:
        data = path.read_bytes()
        result = load_workbook(engine, data, path.name)
        assert result.status == "loaded", (path.name, result.status, [p.message for p in result.errors[:3]])
        rows += sum(result.counts.values())
    return rows


def _load_batch(engine: Any, paths: list[Path]) -> int:
    results = list(load_files(engine, paths))
    assert len(results) == len(paths), (len(results), len(paths))
    for path, result in zip(paths, results, strict=True):
        assert result.status == "loaded", (path.name, result.status, [p.message for p in result.errors[:3]])
    return sum(sum(result.counts.values()) for result in results)


def _run_product(
    url: str, paths: list[Path], load: Callable[[Any, list[Path]], int], profile: cProfile.Profile | None = None
) -> tuple[float, int]:
    """Seconds and activity rows for loading ``paths`` with ``load`` into a fresh database."""
    engine = make_engine(url)
    prepare_database(engine)
    if profile is not None:
        profile.enable()
    start = time.perf_counter()
    rows = load(engine, paths)
    seconds = time.perf_counter() - start
    if profile is not None:
        profile.disable()
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM aktivitas")).scalar_one()
    engine.dispose()
    assert stored == rows, (stored, rows)
    return seconds, rows


def run_ours(url: str, paths: list[Path], profile: cProfile.Profile | None = None) -> tuple[float, int]:
    """Candidate 1: ``load_workbook`` per file, in this process."""
    return _run_product(url, paths, _load_ours, profile)


def run_batch(url: str, paths: list[Path]) -> tuple[float, int]:
    """Candidate 2: ``load_files`` over all files (process pool of the default size)."""
    return _run_product(url, paths, _load_batch)


def _load_naive(engine: Any, paths: list[Path]) -> int:
    import pandas as pd

    rows = 0
    for path in paths:
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        for sheet_name in KATEGORI_SHEETS.values():
            frame = sheets[sheet_name]
            frame.to_sql(NAIVE_TABLE, engine, if_exists="append", index=False)
            rows += len(frame)
    return rows


def run_naive(url: str, paths: list[Path]) -> tuple[float, int]:
    """Seconds and rows for the quick-script baseline into a fresh database (plain engine)."""
    engine = create_engine(url)
    with engine.connect():  # open the pool's first connection outside the timed region
        pass
    start = time.perf_counter()
    rows = _load_naive(engine, paths)
    seconds = time.perf_counter() - start
    with engine.connect() as connection:
        stored = connection.execute(text(f"SELECT count(*) FROM {NAIVE_TABLE}")).scalar_one()
    engine.dispose()
    assert stored == rows, (stored, rows)
    return seconds, rows


# --- Profile --------------------------------------------------------------------------------------


def _profiled(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds of the functions in PROFILED (summed over same-named entries)."""
    found = dict.fromkeys(PROFILED, 0.0)
    for (file_name, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        path = file_name.replace("\\", "/")
        for key, (suffix, name) in PROFILED.items():
            if function == name and path.endswith(suffix):
                found[key] += cumulative
    return found


def _top_functions(stats: pstats.Stats, limit: int = 12) -> list[tuple[str, float, float, int]]:
    """(function, own seconds, cumulative seconds, calls) with the most own time."""
    entries = []
    for (file_name, line, function), (_cc, calls, own, cumulative, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        path = file_name.replace("\\", "/")
        for marker in ("/site-packages/", str(PROJECT_DIR) + "/"):
            if marker in path:
                path = path.split(marker, 1)[1]
        label = f"{path}:{line}({function})" if line else function
        entries.append((label, own, cumulative, calls))
    return sorted(entries, key=lambda entry: entry[1], reverse=True)[:limit]


def profile_ours(paths: list[Path], folder: Path) -> dict[str, Any]:
    profile = cProfile.Profile()
    with fresh_database("SQLite", None, folder) as url:
        seconds, rows = run_ours(url, paths, profile)
    stats = pstats.Stats(profile)
    cumulative = _profiled(stats)
    absent = [key for key, value in cumulative.items() if value == 0.0 and key not in _MUNGKIN_NOL]
    if absent:
        raise RuntimeError(f"cProfile: functions not found (renamed or moved?): {', '.join(absent)}")
    return {"seconds": seconds, "rows": rows, "cumulative": cumulative, "top": _top_functions(stats)}


# Stages a folder of template-shaped reports may never enter.
_MUNGKIN_NOL = ("validate_rows",)


@contextlib.contextmanager
def stage_timers() -> Iterator[tuple[dict[str, float], dict[str, int]]]:
    """Wall-clock timers around the stages of PROFILED, without a profiler's overhead.

    Wraps the names the load path looks up at call time (etl.loader's imports, Workbook.rows,
    etl.store's imports, etl.rules_laporan's sheet paths) and restores them afterwards. Yields
    the seconds and the number of calls per stage; a name that no longer exists raises, so that
    a renamed function cannot silently read 0. (``validate_rows`` may legitimately be called
    0 times: sheets that pass the fast path never go row by row.)
    """
    import db.unggahan
    import etl.loader
    import etl.reader
    import etl.rules_laporan
    import etl.store

    totals = dict.fromkeys(PROFILED, 0.0)
    calls = dict.fromkeys(PROFILED, 0)
    targets = [
        (etl.loader, "check_file", "check_file"),
        (etl.loader, "open_workbook", "open_workbook"),
        (etl.reader.Workbook, "rows", "rows"),
        (etl.loader, "validate_laporan", "validate_laporan"),
        (etl.rules_laporan, "plain_sheet", "plain_sheet"),
        (etl.rules_laporan, "validate_rows", "validate_rows"),
        (etl.loader, "tulis_baris_lebih_dulu", "tulis_baris_lebih_dulu"),
        (etl.loader, "store_laporan", "store_laporan"),
        (db.unggahan, "salin_baris_disiapkan", "salin_baris_disiapkan"),
        (etl.store, "hitung_ulang_nilai_bulanan", "hitung_ulang_nilai_bulanan"),
    ]
    originals: list[tuple[Any, str, Any]] = []

    def timed(function: Callable[..., Any], key: str) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            calls[key] += 1
            try:
                return function(*args, **kwargs)
            finally:
                totals[key] += time.perf_counter() - start

        return wrapper

    missing = [f"{owner.__name__}.{name}" for owner, name, _ in targets if owner.__dict__.get(name) is None]
    if missing:
        raise RuntimeError(f"stage timers: not found (renamed?): {', '.join(missing)}")
    try:
        for owner, name, key in targets:
            original = owner.__dict__[name]
            originals.append((owner, name, original))
            setattr(owner, name, timed(original, key))
        yield totals, calls
    finally:
        for owner, name, original in reversed(originals):
            setattr(owner, name, original)


def time_stages(backend: str, postgres: str | None, paths: list[Path], folder: Path) -> dict[str, Any]:
    with stage_timers() as (totals, calls), fresh_database(backend, postgres, folder) as url:
        seconds, rows = run_ours(url, paths)
    optional = (*_MUNGKIN_NOL, "load_workbook") + (("salin_baris_disiapkan",) if backend == "PostgreSQL" else ())
    never = [key for key, count in calls.items() if count == 0 and key not in optional]
    if never:
        raise RuntimeError(f"stage timers ({backend}): wrapped but never called: {', '.join(never)}")
    return {"seconds": seconds, "rows": rows, "cumulative": dict(totals), "calls": dict(calls)}


# --- Memory (child processes) -------------------------------------------------------------------


def _peaks_kb() -> dict[str, int]:
    """This process's peak RSS in KiB two ways.

    ``vmhwm``: VmHWM of /proc/self/status, the high-water mark of this program image only.
    ``maxrss``: getrusage ru_maxrss; on Linux it starts at the spawning parent's high-water mark
    (it survives fork and exec), so it is only meaningful when the parent was smaller.
    """
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":
        maxrss //= 1024  # bytes there
    peaks = {"maxrss": maxrss, "vmhwm": maxrss}
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                peaks["vmhwm"] = int(line.split()[1])
    return peaks


def _child_memory(mode: str, path: Path) -> None:
    """Run in a child: load one workbook into a fresh SQLite file, print peak RSS as JSON."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/memori.sqlite"
        if mode == "ours":
            engine = make_engine(url)
            prepare_database(engine)
            before = _peaks_kb()
            rows = _load_ours(engine, [path])
        else:
            import pandas  # noqa: F401  (imported before the baseline reading, like ours' imports)

            engine = create_engine(url)
            before = _peaks_kb()
            rows = _load_naive(engine, [path])
        peak = _peaks_kb()
        engine.dispose()
    print(json.dumps({"rows": rows, "before": before, "peak": peak}))


def measure_memory(mode: str, path: Path) -> dict[str, float]:
    """Peak RSS (MB = MiB) of a child process loading ``path`` into SQLite, as it reports it."""
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest", "--_anak-memori", mode, str(path)],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return {
        "rows": report["rows"],
        "before_mb": report["before"]["vmhwm"] / 1024,
        "peak_mb": report["peak"]["vmhwm"] / 1024,
        "maxrss_mb": report["peak"]["maxrss"] / 1024,
        "parent_mb": _peaks_kb()["vmhwm"] / 1024,
    }


# --- Raw readers ----------------------------------------------------------------------------------


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_name(BIG_SHEET).to_python()) - 1


def read_openpyxl(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return len(list(book[BIG_SHEET].iter_rows(values_only=True))) - 1
    finally:
        book.close()


def time_reader(reader: Callable[[Path], int], path: Path, repeats: int) -> tuple[float, int]:
    timings, rows = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        rows = reader(path)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), rows


# --- Report ---------------------------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "**tercapai**" if ok else "**tidak tercapai**"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


CANDIDATES = {"ours": "kami, per berkas", "batch": "kami, `etl load` (paralel)", "naive": "naif"}


def build_report(r: dict[str, Any], args: argparse.Namespace) -> str:
    speedups = {
        backend: {key: v["naive"]["median"] / v[key]["median"] for key in ("ours", "batch")}
        for backend, v in r["timed"].items()
    }
    ours_peak = max(r["memory"]["ours"]["peak_mb"], r["memory"]["ours"]["maxrss_mb"])
    memory_ok = ours_peak < TARGET_MEMORY_MB
    workers, cpus = r["workers"], r["cpus"]
    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `{COMMAND}"
        f"{' --ulang ' + str(args.ulang) if args.ulang != 3 else ''}` (mesin {cpus} inti; median dari {args.ulang} "
        f"ulangan, ketiga calon bergantian dari satu proses, urutannya bergeser tiap ulangan; benih {args.benih}).",
        "",
        f"Data: {len(r['paths'])} laporan bulanan Mei 2024, satu per satker, dibuat dari templat aplikasi "
        f"(`etl.template.build_template`), total {r['expected_rows']:,} baris kegiatan (±3,000 per berkas, tersebar "
        f"di sembilan sheet kategori), {r['total_bytes'] / 1024 / 1024:.1f} MB .xlsx. Setiap ulangan memuat semua "
        "berkas ke database baru yang kosong; waktu mencakup membaca berkas dari disk.",
        "",
        f"- **{CANDIDATES['ours']}**: `etl.loader.load_workbook` per berkas, satu proses, jalur unggah satu berkas "
        "di halaman web: pemeriksaan keamanan berkas, baca dengan python-calamine, validasi lengkap, lalu tulis "
        "dalam satu transaksi (versi laporan, baris kegiatan, nilai bulanan, log audit).",
        f"- **{CANDIDATES['batch']}**: `etl.batch.load_files` atas ke-{len(r['paths'])} berkas, jalur yang dijalankan "
        "`python -m etl load FOLDER`: kumpulan proses (bawaan min(jumlah inti, jumlah berkas, 4) = "
        f"**{workers} proses pekerja** di mesin {cpus} inti ini); setiap pekerja memeriksa, membaca, memvalidasi, "
        "dan menyimpan berkasnya sendiri dalam transaksinya sendiri, komit bergiliran sesuai urutan berkas "
        "(baris kegiatan sudah ditulis sebelum gilirannya datang: di PostgreSQL ke transaksinya, di SQLite ke tabel "
        "sementara koneksinya); tautan bersama bulan itu "
        "dihitung sekali di akhir. Waktu mencakup menyalakan kumpulan proses dan hitungan akhir itu, tidak "
        "termasuk start interpreter dan impor `python -m etl`.",
        '- **naif**: `pandas.read_excel(..., sheet_name=None, engine="openpyxl")` lalu `DataFrame.to_sql(..., '
        'if_exists="append")` per sheet kategori, tanpa validasi apa pun: skrip cepat yang biasa ditulis orang.',
        "",
        "Kedua calon kami harus memberi status `loaded` untuk setiap berkas, dan jumlah baris di database harus sama "
        "dengan jumlah yang dilaporkan.",
        "",
        "| database | calon | baris | waktu (median) | rentang ulangan | baris/s | percepatan vs naif |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for backend, v in r["timed"].items():
        for key, label in CANDIDATES.items():
            c = v[key]
            ratio = f"**{speedups[backend][key]:.1f}×**" if key in speedups[backend] else ""
            lines.append(
                f"| {backend} | {label} | {c['rows']:,} | {c['median']:.1f} s "
                f"| {min(c['all']):.1f}–{max(c['all']):.1f} s "
                f"| {c['rows'] / c['median']:,.0f} | {ratio} |"
            )
    if r.get("postgres_skipped"):
        lines += ["", "PostgreSQL dilewati: tidak ada URL server (`--postgres` atau `HUMAS_TEST_POSTGRES_URL`)."]
    lines += [
        "",
        "Target:",
        "",
        f"- Muat ujung ke ujung satu folder (`python -m etl load`) minimal {TARGET_SPEEDUP:.0f}× lebih cepat daripada "
        "baseline naif, dinilai pada calon `etl load` (paralel); jalur per berkas ditunjukkan sebagai pembanding:",
    ]
    for backend, ratio in speedups.items():
        lines.append(
            f"  - {backend}: {_met(ratio['batch'] >= TARGET_SPEEDUP)} ({ratio['batch']:.1f}× dengan `etl load`; "
            f"per berkas {ratio['ours']:.1f}×, {'juga ' if ratio['ours'] >= TARGET_SPEEDUP else ''}"
            f"{'≥' if ratio['ours'] >= TARGET_SPEEDUP else '<'} {TARGET_SPEEDUP:.0f}×)."
        )
    lines += [
        f"- Puncak memori di bawah {TARGET_MEMORY_MB:.0f} MB untuk buku kerja {BIG_ROWS:,} baris: {_met(memory_ok)} "
        f"({ours_peak:.0f} MB).",
    ]
    m = r["memory"]
    columns = [("cProfile, SQLite", r["profile"])] + [
        (f"pengukur waktu, {backend}", run) for backend, run in r["stages"].items()
    ]
    lines += [
        "",
        "### Ke mana waktunya pergi",
        "",
        "Tahap-tahap calon per berkas (`load_workbook`, satu proses, sehingga setiap tahap dapat diukur) untuk "
        f"{len(r['paths'])} berkas. Di jalur `etl load` semua tahap dibagi ke {workers} proses pekerja; tahap "
        "tulis satu berkas berjalan bersamaan dengan pembacaan dan validasi berkas berikutnya di pekerja lain, "
        "jadi waktunya kira-kira jumlah CPU semua tahap dibagi jumlah inti. Kolom cProfile: satu kali muat ke SQLite "
        "di bawah cProfile "
        f"({r['profile']['seconds']:.1f} s dengan profiler, {r['timed']['SQLite']['ours']['median']:.1f} s tanpa), "
        "waktu kumulatif per fungsi; cProfile membebani kode Python jauh lebih berat daripada kode Rust/C, jadi "
        "validasi tampak lebih mahal daripada sebenarnya. Kolom pengukur waktu: satu kali muat lagi tanpa "
        "profiler, dengan `time.perf_counter` di sekitar fungsi yang sama (angka yang lebih jujur).",
        "",
        "| tahap | fungsi | " + " | ".join(label for label, _ in columns) + " |",
        "| --- | --- |" + " ---: |" * len(columns),
    ]
    stages = [
        ("pemeriksaan berkas", "`etl.file_safety.check_file`", lambda c: c["check_file"]),
        ("buka + baca sheet", "`etl.reader.open_workbook` + `Workbook.rows`", lambda c: c["open_workbook"] + c["rows"]),
        (
            "validasi (tanpa baca sheet)",
            "`etl.rules_laporan.validate_laporan` − `Workbook.rows`",
            lambda c: c["validate_laporan"] - c["rows"],
        ),
        (
            "↳ sheet sekaligus (jalur cepat, dengan kanonik)",
            "`etl.rules_laporan.plain_sheet`",
            lambda c: c["plain_sheet"],
        ),
        ("↳ baris demi baris (di luar jalur cepat)", "`etl.rules_laporan.validate_rows`", lambda c: c["validate_rows"]),
        (
            "tulis baris kegiatan, sebelum kunci",
            "`etl.store.tulis_baris_lebih_dulu`",
            lambda c: c["tulis_baris_lebih_dulu"],
        ),
        ("simpan laporan, di bawah kunci", "`etl.store.store_laporan`", lambda c: c["store_laporan"]),
        (
            "↳ salin baris dari tabel sementara (SQLite)",
            "`db.bulk.salin_baris_disiapkan`",
            lambda c: c["salin_baris_disiapkan"],
        ),
        ("↳ nilai bulanan", "`db.nilai_bulanan.hitung_ulang_nilai_bulanan`", lambda c: c["hitung_ulang_nilai_bulanan"]),
        (
            "lainnya",
            "SHA-256, sesi, data referensi, baca disk, log, komit",
            lambda c: (
                c["_total"]
                - c["check_file"]
                - c["open_workbook"]
                - c["validate_laporan"]
                - c["tulis_baris_lebih_dulu"]
                - c["store_laporan"]
            ),
        ),
        ("**total**", "`etl.loader.load_workbook` (39×) + baca disk", lambda c: c["_total"]),
    ]
    for label, function, value in stages:
        cells = []
        for _, run in columns:
            c = {**run["cumulative"], "_total": run["seconds"]}
            cells.append(f"{value(c):.2f} s ({_pct(value(c), run['seconds'])})")
        lines.append(f"| {label} | {function} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "### Memori dan pembaca",
        "",
        f"Puncak memori sebuah proses anak yang memuat satu buku kerja berisi {BIG_ROWS:,} baris di satu sheet "
        f"(“{BIG_SHEET}”, {r['big_bytes'] / 1024 / 1024:.1f} MB) ke berkas SQLite baru. “Puncak” adalah VmHWM "
        "(`/proc/self/status`, puncak RSS program anak itu sendiri); “sebelum” adalah puncak setelah impor dan "
        "persiapan database, sebelum berkas dibaca. Kolom ru_maxrss (`getrusage`) sebagai pembanding: di Linux "
        "nilai itu ikut membawa puncak proses induk saat anak dibuat, karena itu berkas uji dibuat di proses "
        "terpisah agar induk tetap kecil.",
        "",
        "| calon | baris | sebelum memuat | puncak | tambahan | ru_maxrss |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, label in (("ours", "kami (`load_workbook`)"), ("naive", "naif (pandas + openpyxl)")):
        mem = m[key]
        lines.append(
            f"| {label} | {mem['rows']:,} | {mem['before_mb']:.0f} MB | {mem['peak_mb']:.0f} MB "
            f"| {mem['peak_mb'] - mem['before_mb']:.0f} MB | {mem['maxrss_mb']:.0f} MB |"
        )
    readers = r["readers"]
    lines += [
        "",
        f"Membaca sheet {BIG_ROWS:,} baris itu saja (buka berkas + semua nilai sel, median {args.ulang} ulangan):",
        "",
        "| pembaca | waktu | baris/s |",
        "| --- | ---: | ---: |",
    ]
    for label, (seconds, rows) in readers.items():
        lines.append(f"| {label} | {seconds:.2f} s | {rows / seconds:,.0f} |")
    calamine, openpyxl_ = readers["python-calamine `to_python()`"], readers["openpyxl `read_only` + `iter_rows`"]
    lines += ["", f"python-calamine {openpyxl_[0] / calamine[0]:.1f}× lebih cepat daripada openpyxl."]
    return "\n".join(lines) + "\n"


# --- Main -----------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("HUMAS_TEST_POSTGRES_URL"))
    parser.add_argument("--tulis", type=Path)
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--benih", type=int, default=DEFAULT_SEED)
    parser.add_argument("--_anak-memori", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--_anak-buat", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._anak_memori:
        _child_memory(args._anak_memori[0], Path(args._anak_memori[1]))
        return
    if args._anak_buat:
        print(json.dumps(generate(args.benih)[2]))
        return

    overall = time.perf_counter()
    # Generated in a child: openpyxl writing 50,000 rows would raise this process's RSS, which
    # the memory children would then inherit in their ru_maxrss.
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest", "--_anak-buat", "--benih", str(args.benih)],
        cwd=PROJECT_DIR,
        check=True,
        capture_output=True,
        text=True,
    )
    generate_seconds = float(completed.stdout.strip().splitlines()[-1])
    paths, big, _ = generate(args.benih)  # cached now
    dibuat = f"dibuat {generate_seconds:.1f} s" if generate_seconds else "cache"
    print(f"berkas: {paths[0].parent} ({dibuat})")
    r: dict[str, Any] = {
        "paths": paths,
        "workers": default_workers(len(paths)),
        "cpus": os.cpu_count() or 1,
        "total_bytes": sum(p.stat().st_size for p in paths),
        "big_bytes": big.stat().st_size,
    }

    # Memory first, while this process is small (see _peaks_kb).
    r["memory"] = {"ours": measure_memory("ours", big)}
    r["memory"]["naive"] = measure_memory("naive", big)
    assert r["memory"]["ours"]["rows"] == BIG_ROWS == r["memory"]["naive"]["rows"], r["memory"]
    print(f"memori: {r['memory']}")

    backends = ["SQLite"] + (["PostgreSQL"] if args.postgres else [])
    r["postgres_skipped"] = not args.postgres
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Warm-up (imports, pandas, the pool): one file each (two for the pool), not reported.
        with fresh_database("SQLite", None, folder) as url:
            run_ours(url, paths[:1])
        with fresh_database("SQLite", None, folder) as url:
            run_batch(url, paths[:2])
        with fresh_database("SQLite", None, folder) as url:
            run_naive(url, paths[:1])

        candidates: list[tuple[str, Callable[[str, list[Path]], tuple[float, int]]]] = [
            ("ours", run_ours),
            ("batch", run_batch),
            ("naive", run_naive),
        ]
        samples: dict[str, dict[str, list[float]]] = {b: {key: [] for key, _ in candidates} for b in backends}
        rows: dict[str, dict[str, int]] = {b: {} for b in backends}
        for repeat in range(args.ulang):
            for backend in backends:
                shift = repeat % len(candidates)  # each candidate takes each position in turn
                for key, runner in candidates[shift:] + candidates[:shift]:
                    with fresh_database(backend, args.postgres, folder) as url:
                        seconds, count = runner(url, paths)
                    samples[backend][key].append(seconds)
                    rows[backend][key] = count
                    print(f"ulangan {repeat + 1} {backend:10} {key:5}: {seconds:6.2f} s, {count:,} baris", flush=True)
        r["expected_rows"] = rows["SQLite"]["ours"]
        assert all(count == r["expected_rows"] for b in rows.values() for count in b.values()), rows
        r["timed"] = {
            backend: {
                key: {"median": statistics.median(values), "all": values, "rows": rows[backend][key]}
                for key, values in by_key.items()
            }
            for backend, by_key in samples.items()
        }
        r["profile"] = profile_ours(paths, folder)
        r["stages"] = {backend: time_stages(backend, args.postgres, paths, folder) for backend in backends}

    r["readers"] = {
        "python-calamine `to_python()`": time_reader(read_calamine, big, args.ulang),
        "openpyxl `read_only` + `iter_rows`": time_reader(read_openpyxl, big, args.ulang),
    }

    report = build_report(r, args)
    print(report)
    print("Fungsi dengan waktu sendiri terbesar (cProfile, SQLite):")
    for label, own, cumulative, calls in r["profile"]["top"]:
        print(f"  {own:7.2f} s sendiri {cumulative:7.2f} s kumulatif {calls:>9,}×  {label}")
    print(f"\ntotal waktu benchmark: {time.perf_counter() - overall:.0f} s")
    if args.tulis:
        write_section(args.tulis, SECTION, report)


if __name__ == "__main__":
    main()
