"""Benchmark: a folder load as the user waits for it, whole processes from the shell.

    python -m benchmarks.ingest_proses [--postgres URL] [--ulang 3] [--benih 20240501] [--tulis docs/BENCHMARKS.md]

The 39 monthly reports of benchmarks/ingest.py (same generator, same cache) are loaded by two
commands, each a fresh process started the way a shell starts it:

* ours:  ``python -m etl load FOLDER`` with ``HUMAS_DATABASE_URL`` on a prepared, empty database
  (schema and reference data, as after ``python -m etl init``; preparing it is not timed);
* naive: ``python benchmarks/naif_muat.py URL FOLDER`` (pandas + openpyxl + ``to_sql``) on an
  empty database;
* floor: ``python benchmarks/batas_muat.py URL FOLDER`` on an empty database: calamine in the
  same number of workers and the bare driver into a table shaped like ``aktivitas``, with no
  validation and no bookkeeping, so naive/floor is the most any loader can reach here.

The three take turns (each repeat starts with the next one), ``--ulang`` times per
database, on SQLite and on PostgreSQL (``--postgres`` or ``HUMAS_TEST_POSTGRES_URL``); each run
gets a new database. Wall time is from before ``fork``/``exec`` to after the exit status is read,
CPU time is the process's own plus its reaped workers' (``RUSAGE_CHILDREN``); the machine's load
average is read before and after each run, because on a shared machine it moves the figures
more than anything we change. Every run is checked: ours must report every file loaded and both
must have written every row.

Then one more run of ours per database under benchmarks/ingest_tahap.py gives the stage table of
the whole process: interpreter start, imports, opening the database, the pool, reading and
validating, writing, the monthly values, the final count of shared links and the exit.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from benchmarks.bersama import temporary_postgres, write_section
from benchmarks.ingest import DEFAULT_SEED, generate
from db.engine import PROJECT_DIR, make_engine
from db.schema import prepare_database

SECTION = "## Memuat folder sebagai proses utuh"
COMMAND = "python -m benchmarks.ingest_proses"
TARGET_SPEEDUP = 10.0
NAIVE = [sys.executable, str(PROJECT_DIR / "benchmarks" / "naif_muat.py")]
FLOOR = [sys.executable, str(PROJECT_DIR / "benchmarks" / "batas_muat.py")]
CANDIDATES = ("ours", "naive", "floor")
OURS = [sys.executable, "-m", "etl", "load"]


def load_average() -> str:
    """The first three fields of /proc/loadavg (1, 5 and 15 minutes)."""
    with contextlib.suppress(OSError):
        return " ".join(Path("/proc/loadavg").read_text(encoding="ascii").split()[:3])
    return "?"


def run_process(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Wall and CPU seconds of ``command`` as a whole process (its workers included)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = load_average()
    start = time.perf_counter()
    completed = subprocess.run(command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} keluar {completed.returncode}: {completed.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "load": (load_before, load_average()), "stdout": completed.stdout}


def count_rows(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


@contextlib.contextmanager
def empty_database(backend: str, postgres: str | None, folder: Path, template: Path | None) -> Iterator[str]:
    """A new database: a copy of the prepared ``template`` file (SQLite) or a new PostgreSQL
    database, prepared when ``template`` is given; removed afterwards."""
    if backend == "SQLite":
        path = folder / f"muat_{time.monotonic_ns()}.sqlite"
        if template is not None:
            shutil.copyfile(template, path)
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    assert postgres is not None
    with temporary_postgres(postgres) as url:
        if template is not None:
            engine = make_engine(url)
            prepare_database(engine)
            engine.dispose()
        yield url


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "HUMAS_DATABASE_URL": url}


def run_ours(backend: str, postgres: str | None, folder: Path, reports: Path, template: Path) -> dict[str, Any]:
    with empty_database(backend, postgres, folder, template) as url:
        run = run_process([*OURS, str(reports)], _env(url))
        run["rows"] = count_rows(url, "aktivitas")
    count = sum(1 for _ in reports.iterdir())
    if f"{count} berkas: {count} dimuat" not in run["stdout"]:
        raise RuntimeError(f"etl load tidak memuat semua berkas: {run['stdout'][-500:]}")
    return run


def run_script(
    command: list[str], table: str, backend: str, postgres: str | None, folder: Path, reports: Path
) -> dict[str, Any]:
    """The naive baseline or the floor on a new, empty database."""
    with empty_database(backend, postgres, folder, None) as url:
        run = run_process([*command, url, str(reports)], dict(os.environ))
        run["rows"] = count_rows(url, table)
    return run


def run_candidate(
    key: str, backend: str, postgres: str | None, folder: Path, reports: Path, template: Path
) -> dict[str, Any]:
    if key == "ours":
        return run_ours(backend, postgres, folder, reports, template)
    if key == "naive":
        return run_script(NAIVE, "aktivitas_naive", backend, postgres, folder, reports)
    return run_script(FLOOR, "aktivitas_batas", backend, postgres, folder, reports)


STAGES = (
    ("mulai interpreter", "proses induk", "dari fork/exec sampai baris pertama Python kami"),
    ("impor", "proses induk", "`cli.main`, `cli.muat`, SQLAlchemy, model, aturan"),
    ("buka database", "proses induk", "`pastikan_siap`: satu kueri versi skema + sidik referensi"),
    ("data referensi", "proses induk", "satker, kategori, alias"),
    ("kumpulan proses", "proses induk", "dari membuat kumpulan sampai pekerja pertama siap"),
    ("baca dan validasi", "pekerja", "`prepare_file`: baca berkas, calamine, validasi"),
    ("tulis baris", "pekerja", "`tulis_baris_lebih_dulu`: baris kegiatan sebelum giliran"),
    ("menunggu giliran", "pekerja", "menunggu berkas sebelumnya dikomit"),
    ("simpan di bawah kunci", "pekerja", "`store_laporan`: versi, unggahan, nilai bulanan, audit"),
    ("nilai bulanan", "pekerja", "↳ `hitung_ulang_nilai_bulanan` (bagian dari simpan)"),
    ("hitung akhir", "proses induk", "tautan bersama bulan itu, sekali"),
    ("keluar", "proses induk", "dari akhir perintah sampai status keluar terbaca"),
)


def measure_stages(backend: str, postgres: str | None, folder: Path, reports: Path, template: Path) -> dict[str, Any]:
    """One instrumented run of ours: per stage the summed seconds over processes and the span
    (first start to last end) on the wall clock, relative to the spawn."""
    events_path = folder / f"tahap_{backend}.txt"
    events_path.unlink(missing_ok=True)
    with empty_database(backend, postgres, folder, template) as url:
        spawned = time.time()
        run = run_process([sys.executable, "-m", "benchmarks.ingest_tahap", str(events_path), str(reports)], _env(url))
        exited = time.time()
    spans: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in events_path.read_text(encoding="ascii").splitlines():
        _pid, stage, start, end = line.split()
        spans[stage.replace("_", " ")].append((float(start), float(end)))
    imported = spans["impor"][0]
    spans["mulai interpreter"] = [(spawned, imported[0])]
    pool = spans.pop("kumpulan dibuat")[0][0]
    spans["kumpulan proses"] = [(pool, min(start for start, _ in spans.pop("pekerja siap")))]
    finished = spans.pop("perintah selesai")[0][0]
    spans["keluar"] = [(finished, exited)]
    stages = {
        name: {
            "sum": sum(end - start for start, end in spans[name]),
            "from": min(start for start, _ in spans[name]) - spawned,
            "to": max(end for _, end in spans[name]) - spawned,
            "calls": len(spans[name]),
        }
        for name, _, _ in STAGES
    }
    return {"wall": exited - spawned, "cpu": run["cpu"], "load": run["load"], "stages": stages}


def build_report(r: dict[str, Any], args: argparse.Namespace) -> str:
    lines = [
        SECTION,
        "",
        f"Diukur {dt.date.today():%Y-%m-%d} dengan `{COMMAND} --ulang {args.ulang}` (mesin {os.cpu_count()} inti, "
        "rata-rata beban mesin di samping setiap angka; benih "
        f"{args.benih}). Data: {r['files']} laporan bulanan dari `benchmarks/ingest.py`, {r['rows']:,} baris kegiatan.",
        "",
        "Ketiga calon dijalankan sebagai proses baru seperti dari shell, bergiliran dalam satu putaran, database baru "
        "setiap kali: **kami** `python -m etl load FOLDER` (database sudah disiapkan seperti sesudah "
        "`python -m etl init`, tidak diukur); **naif** `python benchmarks/naif_muat.py URL FOLDER` (pandas + "
        "openpyxl + `to_sql`, tanpa validasi); **batas bawah** `python benchmarks/batas_muat.py URL FOLDER`: hanya "
        "membaca setiap sheet kategori dengan calamine di pekerja sebanyak pekerja kami dan menulis barisnya dengan "
        "driver polos ke tabel berbentuk `aktivitas` (kolom dan kunci primer sama), satu transaksi per berkas, tanpa "
        "validasi, tanpa bentuk kanonik tautan, tanpa pemeriksaan luas sheet, tanpa versi, nilai bulanan, audit, dan "
        "tanpa SQLAlchemy. Tidak ada pemuat yang mengerjakan semua itu dapat lebih cepat dari batas bawah, jadi "
        "naif/batas bawah adalah percepatan terbesar yang dapat dicapai pemuat yang membaca dengan calamine di mesin "
        "ini. Waktu dinding: dari fork/exec sampai "
        "status keluar terbaca, termasuk start interpreter, impor, kumpulan proses, dan hitungan akhir. CPU: proses "
        "itu ditambah pekerjanya.",
        "",
        "| database | calon | waktu dinding, median | rentang | CPU, median | beban (1/5/15 menit) awal–akhir | "
        "percepatan dinding | percepatan CPU |",
        "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    verdicts = []
    for backend, runs in r["timed"].items():
        medians = {key: statistics.median(run["wall"] for run in runs[key]) for key in CANDIDATES}
        cpus = {key: statistics.median(run["cpu"] for run in runs[key]) for key in CANDIDATES}
        pairs = [n["wall"] / o["wall"] for o, n in zip(runs["ours"], runs["naive"], strict=True)]
        for key, label in (("ours", "kami, `etl load`"), ("naive", "naif"), ("floor", "batas bawah")):
            walls = [run["wall"] for run in runs[key]]
            first, last = runs[key][0]["load"][0], runs[key][-1]["load"][1]
            speed = (
                (f"**{medians['naive'] / medians[key]:.1f}×**", f"{cpus['naive'] / cpus[key]:.1f}×")
                if key != "naive"
                else ("", "")
            )
            lines.append(
                f"| {backend} | {label} | {medians[key]:.2f} s | {min(walls):.2f}–{max(walls):.2f} s | "
                f"{cpus[key]:.2f} s | {first} – {last} | {speed[0]} | {speed[1]} |"
            )
        verdicts.append((backend, medians, min(pairs), max(pairs), cpus))
    lines += ["", f"Target ≥ {TARGET_SPEEDUP:.0f}× (waktu dinding, proses utuh):", ""]
    for backend, medians, low, high, cpus in verdicts:
        ratio = medians["naive"] / medians["ours"]
        met = "**tercapai**" if ratio >= TARGET_SPEEDUP else "**tidak tercapai**"
        lines.append(
            f"- {backend}: {met} ({ratio:.1f}×; per pasangan {low:.1f}–{high:.1f}×; CPU naif/kami "
            f"{cpus['naive'] / cpus['ours']:.1f}×). Batas bawah {medians['naive'] / medians['floor']:.1f}× "
            f"({medians['floor']:.2f} s); {TARGET_SPEEDUP:.0f}× berarti {medians['naive'] / TARGET_SPEEDUP:.2f} s, "
            f"jadi semua yang dikerjakan pemuat di atas batas bawah harus muat dalam "
            f"{medians['naive'] / TARGET_SPEEDUP - medians['floor']:.2f} s dinding (kami memakai "
            f"{medians['ours'] - medians['floor']:.2f} s)."
        )
    lines += [
        "",
        "### Tahap proses utuh",
        "",
        "Satu kali muat lagi per database di bawah `benchmarks/ingest_tahap.py` (perintah yang sama, fungsi "
        "penanda tahap dibungkus jam). Pekerja berjalan bersamaan, jadi untuk tahap pekerja “jumlah” adalah detik "
        "semua pekerja dijumlahkan dan “rentang” adalah jam dinding dari awal pertama sampai akhir terakhir, diukur "
        "dari fork/exec.",
        "",
        "| tahap | proses | isi | " + " | ".join(f"{b}: jumlah | {b}: rentang" for b in r["stages"]) + " |",
        "| --- | --- | --- |" + " ---: | ---: |" * len(r["stages"]),
    ]
    for name, where, what in STAGES:
        cells = []
        for measured in r["stages"].values():
            s = measured["stages"][name]
            cells.append(f"{s['sum']:.2f} s | {s['from']:.2f}–{s['to']:.2f} s")
        lines.append(f"| {name} | {where} | {what} | " + " | ".join(cells) + " |")
    totals = [f"{m['wall']:.2f} s | CPU {m['cpu']:.2f} s, beban {m['load'][0]}" for m in r["stages"].values()]
    lines.append("| **proses utuh** | | | " + " | ".join(totals) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("HUMAS_TEST_POSTGRES_URL"))
    parser.add_argument("--ulang", type=int, default=3)
    parser.add_argument("--benih", type=int, default=DEFAULT_SEED)
    parser.add_argument("--tulis", type=Path)
    args = parser.parse_args()

    paths, _big, _ = generate(args.benih)
    backends = ["SQLite"] + (["PostgreSQL"] if args.postgres else [])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reports = folder / "laporan"
        reports.mkdir()
        for path in paths:
            (reports / path.name).symlink_to(path)
        template = folder / "siap.sqlite"
        engine = make_engine(f"sqlite:///{template}")
        prepare_database(engine)
        engine.dispose()

        r: dict[str, Any] = {"files": len(paths), "timed": {b: {key: [] for key in CANDIDATES} for b in backends}}
        for repeat in range(args.ulang):
            for backend in backends:
                order = CANDIDATES[repeat % 3 :] + CANDIDATES[: repeat % 3]
                for key in order:
                    run = run_candidate(key, backend, args.postgres, folder, reports, template)
                    r["timed"][backend][key].append(run)
                    print(
                        f"ulangan {repeat + 1} {backend:10} {key:5}: {run['wall']:6.2f} s dinding, "
                        f"{run['cpu']:6.2f} s CPU, {run['rows']:,} baris, beban {run['load'][0]}",
                        flush=True,
                    )
        rows = {run["rows"] for by_key in r["timed"].values() for runs in by_key.values() for run in runs}
        assert len(rows) == 1, rows
        r["rows"] = rows.pop()
        r["stages"] = {b: measure_stages(b, args.postgres, folder, reports, template) for b in backends}

    report = build_report(r, args)
    print(report)
    if args.tulis:
        write_section(args.tulis, SECTION, report)


if __name__ == "__main__":
    main()
