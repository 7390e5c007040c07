"""Time to the first page: from ``streamlit run`` to the first page after login, and the first
page of every new session after it — where the time goes, measured, not changed.

    python -m benchmarks.halaman_pertama --database URL [--ulang 3] [--sesi-baru 3]
        [--akun USER:SANDI | --akun-benchmark] [--rincian-impor] [--json FILE] [--tulis docs/BENCHMARKS.md]

Each repeat starts a fresh app process (the tests' command, benchmarks/penonton_proses.py) and
times, with the websocket client of benchmarks/penonton_ws.py:

1. process start → ``/_stcore/health`` answers (Streamlit's own start-up);
2. first viewer: opening the app → login form, then login → Beranda;
3. ``--sesi-baru`` more viewers, one after another, the same two steps (a warm process: what is
   left is work repeated for every session).

The messages of each viewer's runs are timed as they arrive, which splits a run: until
``page_config_changed`` dashboard.py is importing its modules; until the DATA CONTOH banner (or
the navigation) it builds the engine (``st.cache_resource``: once per process), checks the
migrations and asks its first query; until the page's title the page module is imported and
queried; then the page is drawn. A separate process times the same database steps alone:
``make_engine``, ``prepare_database`` (migration check), the first query and Beranda's rankings.

``--rincian-impor`` adds one start with ``PYTHONPROFILEIMPORTTIME=1``: the imports logged before
the server was healthy, before the login form, and before Beranda, with the heaviest packages.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bersama import ensure_benchmark_user, write_section
from benchmarks.penonton import AKUN_CONTOH
from benchmarks.penonton_langkah import Konteks
from benchmarks.penonton_proses import opsi_streamlit, proses_app, tambah_opsi_streamlit
from benchmarks.penonton_ws import SesiWs
from db.engine import PROJECT_DIR
from testdata.server_aplikasi import tunggu_sehat

# Points of a run's timeline: the first message whose label starts with one of these.
TITIK = {
    "sesi dimulai": ("new_session",),
    "impor dashboard.py selesai": ("page_config_changed",),
    "mesin, migrasi, kueri pertama (spanduk)": ("alert:**DATA CONTOH**", "navigation"),
    "navigasi": ("navigation",),
    "panel kiri (filter)": ("sidebar:selectbox",),
    "judul halaman": ("heading",),
    "jalannya selesai": ("script_finished:FINISHED_SUCCESSFULLY",),
}
_DATABASE = """
import json, sys, time
t = time.perf_counter(); from db.engine import make_engine; from db.schema import prepare_database
from db.queries import has_demo_data, list_periode; from db.queries_peringkat import list_polda_aktif
from services.peringkat import build_rankings; from analytics.periods import rentang_bulan
from sqlalchemy.orm import Session
r = {"impor": time.perf_counter() - t}
t = time.perf_counter(); engine = make_engine(sys.argv[1]); r["make_engine"] = time.perf_counter() - t
t = time.perf_counter(); prepare_database(engine); r["prepare_database"] = time.perf_counter() - t
with Session(engine) as s:
    t = time.perf_counter(); has_demo_data(s); r["kueri_pertama"] = time.perf_counter() - t
    polda, bulan = list_polda_aktif(s)[0], list_periode(s)[0]
    t = time.perf_counter(); build_rankings(s, polda.id, rentang_bulan(bulan))
    r["build_rankings"] = time.perf_counter() - t
print(json.dumps(r))
"""
BAGIAN = "## Halaman pertama setelah start"
_IMPORTTIME = re.compile(r"import time:\s+\d+ \|\s+(\d+) \|( +)(\S+)")


def garis(sesi: SesiWs, sejak: float) -> dict[str, float]:
    """Milliseconds from ``sejak`` to each point of :data:`TITIK`, in order, within the run that
    starts then (Streamlit also sends a navigation message before the script runs)."""
    assert sesi.garis_waktu is not None
    pesan = [(t, label) for t, label in sesi.garis_waktu if t >= sejak]
    selesai = TITIK["jalannya selesai"][0]
    akhir = next((i for i, (_, label) in enumerate(pesan) if label.startswith(selesai)), len(pesan) - 1)
    titik: dict[str, float] = {}
    posisi = 0
    for nama, awalan in TITIK.items():
        found = next((i for i in range(posisi, akhir + 1) if pesan[i][1].startswith(awalan)), None)
        if found is not None:
            titik[nama] = (pesan[found][0] - sejak) * 1000
            posisi = found
    return titik


async def _satu_penonton(base: str, akun: tuple[str, str]) -> dict[str, Any]:
    sesi = SesiWs(base, Konteks())
    sesi.garis_waktu = []
    mulai = time.perf_counter()
    buka = await sesi.buka("Masuk", 120)
    kirim_buka = next(t for t, label in sesi.garis_waktu if label == "kirim")
    sebelum_masuk = time.perf_counter()
    masuk = await sesi.masuk(*akun, "Beranda", 120)
    kirim_masuk = next(t for t, label in sesi.garis_waktu if label == "kirim" and t >= sebelum_masuk)
    # The login run ends early for st.rerun; Beranda's run is the one after it.
    rerun = next(
        t for t, label in sesi.garis_waktu if t >= kirim_masuk and label == "script_finished:FINISHED_EARLY_FOR_RERUN"
    )
    await sesi.tutup()
    return {
        "buka_s": buka,
        "masuk_s": masuk,
        "http_s": kirim_buka - mulai,
        "garis_buka": garis(sesi, kirim_buka),
        "login_ms": (rerun - kirim_masuk) * 1000,
        "garis_beranda": garis(sesi, rerun),
    }


def satu_start(
    database_url: str,
    akun: tuple[str, str],
    sesi_baru: int,
    folder: Path,
    impor: bool = False,
    opsi: list[str] | None = None,
) -> dict[str, Any]:
    """One fresh app process: health, the first viewer, then ``sesi_baru`` new viewers."""
    log = folder / f"app-{time.time_ns()}.log"
    env = {"PYTHONPROFILEIMPORTTIME": "1"} if impor else None
    mulai = time.perf_counter()
    with proses_app(database_url, log, env=env, opsi=opsi) as (process, base):
        tunggu_sehat(base, process, jeda=0.02)
        hasil: dict[str, Any] = {"sehat_s": time.perf_counter() - mulai}
        batas = [log.stat().st_size]
        pertama = asyncio.run(_satu_penonton(base, akun))
        hasil["halaman_pertama_s"] = time.perf_counter() - mulai
        batas.append(log.stat().st_size)
        hasil["pertama"] = pertama
        hasil["baru"] = [asyncio.run(_satu_penonton(base, akun)) for _ in range(sesi_baru)]
    if impor:
        hasil["impor"] = _impor_per_tahap(log.read_bytes(), batas)
    return hasil


def _impor_per_tahap(log: bytes, batas: list[int]) -> dict[str, Any]:
    """Top-level import time (cumulative, ms) logged in each stage, and its five heaviest."""
    stages = {
        "sampai server sehat": log[: batas[0]],
        "sampai Beranda penonton pertama": log[batas[0] : batas[1]],
        "penonton berikutnya": log[batas[1] :],
    }
    result: dict[str, Any] = {}
    for name, chunk in stages.items():
        top = [
            (int(m[1]) / 1000, m[3])
            for m in _IMPORTTIME.finditer(chunk.decode("utf-8", errors="replace"))
            if len(m[2]) == 1
        ]
        result[name] = {"total_ms": sum(ms for ms, _ in top), "terberat": sorted(top, reverse=True)[:5]}
    return result


def ukur_database(database_url: str) -> dict[str, float]:
    command = [sys.executable, "-c", _DATABASE, database_url]
    done = subprocess.run(command, cwd=PROJECT_DIR, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _median_ms(values: list[float]) -> str:
    return f"{statistics.median(values):.0f}" if values else "–"


def laporan(starts: list[dict[str, Any]], database: dict[str, float], impor: dict[str, Any] | None) -> str:
    def med(values: list[float]) -> str:
        return f"{statistics.median(values):.2f}"

    lines = [
        BAGIAN,
        "",
        f"Median {len(starts)} start proses baru "
        f"(`python -m benchmarks.halaman_pertama {shlex.join(sys.argv[1:])}`), detik.",
        "",
        "| ukuran | penonton pertama | penonton berikutnya (median) |",
        "| --- | ---: | ---: |",
        f"| `streamlit run` → /_stcore/health | {med([s['sehat_s'] for s in starts])} | – |",
        "| buka aplikasi: HTTP dan websocket sebelum permintaan pertama | "
        f"{med([s['pertama']['http_s'] for s in starts])} | "
        f"{med([b['http_s'] for s in starts for b in s['baru']]) if starts[0]['baru'] else '–'} |",
        f"| buka aplikasi → formulir masuk | {med([s['pertama']['buka_s'] for s in starts])} | "
        f"{med([b['buka_s'] for s in starts for b in s['baru']]) if starts[0]['baru'] else '–'} |",
        f"| masuk → Beranda | {med([s['pertama']['masuk_s'] for s in starts])} | "
        f"{med([b['masuk_s'] for s in starts for b in s['baru']]) if starts[0]['baru'] else '–'} |",
        f"| `streamlit run` → Beranda penonton pertama | {med([s['halaman_pertama_s'] for s in starts])} | – |",
    ]
    for key, judul in (
        ("garis_buka", "Jalannya pertama (formulir masuk), ms sejak permintaan dikirim"),
        ("garis_beranda", "Jalannya Beranda sesudah masuk, ms sejak jalannya masuk berakhir"),
    ):
        lines += ["", f"{judul}:", "", "| titik | penonton pertama | penonton berikutnya |", "| --- | ---: | ---: |"]
        for titik in TITIK:
            first = [s["pertama"][key][titik] for s in starts if titik in s["pertama"][key]]
            later = [b[key][titik] for s in starts for b in s["baru"] if titik in b[key]]
            if first or later:
                lines.append(f"| {titik} | {_median_ms(first)} | {_median_ms(later)} |")
    login = [s["pertama"]["login_ms"] for s in starts]
    lines += [
        "",
        "Jalannya masuk sendiri (Argon2, log audit, sampai `st.rerun`): "
        f"{statistics.median(login):.0f} ms penonton pertama.",
        "",
        "Langkah database dalam proses terpisah (sesudah impor), ms: "
        + ", ".join(f"{k} {v * 1000:.0f}" for k, v in database.items())
        + ".",
    ]
    if impor:
        lines += ["", "Impor (PYTHONPROFILEIMPORTTIME, satu start tambahan; waktu kumulatif impor tingkat atas):", ""]
        for tahap, isi in impor.items():
            heavy = ", ".join(f"{name} {ms:.0f}" for ms, name in isi["terberat"])
            lines.append(f"- {tahap}: {isi['total_ms']:.0f} ms ({heavy})")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="URL database yang dipakai aplikasi")
    parser.add_argument("--ulang", type=int, default=3, help="berapa kali proses baru dinyalakan (bawaan 3)")
    parser.add_argument("--sesi-baru", type=int, default=3, help="penonton berikutnya sesudah yang pertama (bawaan 3)")
    parser.add_argument("--akun", help="NAMA:SANDI (bawaan pimpinan.contoh)")
    parser.add_argument("--akun-benchmark", action="store_true", help="buat/pakai akun pimpinan nasional benchmark")
    parser.add_argument(
        "--rincian-impor", action="store_true", help="satu start tambahan dengan PYTHONPROFILEIMPORTTIME"
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--tulis", type=Path, help="ganti bagian laporan ini di berkas Markdown (docs/BENCHMARKS.md)")
    tambah_opsi_streamlit(parser)
    args = parser.parse_args()
    akun = AKUN_CONTOH
    if args.akun:
        akun = tuple(args.akun.split(":", 1))
    elif args.akun_benchmark:
        akun = ensure_benchmark_user(args.database)
    with tempfile.TemporaryDirectory(prefix="humas-halaman-pertama-") as folder:
        opsi = opsi_streamlit(args)
        starts = [satu_start(args.database, akun, args.sesi_baru, Path(folder), opsi=opsi) for _ in range(args.ulang)]  # type: ignore[arg-type]
        impor = (
            satu_start(args.database, akun, 1, Path(folder), impor=True, opsi=opsi)["impor"]
            if args.rincian_impor
            else None
        )  # type: ignore[arg-type]
    database = ukur_database(args.database)
    report = laporan(starts, database, impor)
    print(report)
    if args.tulis:
        write_section(args.tulis, BAGIAN, report)
    if args.json:
        args.json.write_text(
            json.dumps({"starts": starts, "database": database, "impor": impor}, indent=1), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
