"""Benchmark: how long the command line makes the user wait, as whole processes from the shell.

    python -m benchmarks.mulai_cli [--ulang 5] [--tulis docs/BENCHMARKS.md]

Four commands, each started fresh the way a shell starts it and interleaved in one run (so the
machine's noise hits them alike), ``--ulang`` times each; the median and range of wall time:

* ``python -c pass`` — the interpreter alone, the floor nothing can go under;
* ``python -m etl --help``;
* ``python -m etl deck --help`` — a command's own help, that of the command with the heaviest
  libraries (python-pptx, plotly);
* ``python -m etl ranking --periode 2024-05 --kategori tb_news --json`` on a DATA CONTOH
  database prepared beforehand (``python -m etl init --demo``; preparing is not timed).

Targets (issue "Fast as the user waits"): ``--help`` ≤ 0.35 s (the group's and a command's) and
the ranking ≤ 0.8 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bersama import write_section
from db.engine import PROJECT_DIR

SECTION = "## Baris perintah: waktu mulai"
TARGET_HELP_S = 0.35
TARGET_RANKING_S = 0.8
PERINTAH = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -m etl --help": [sys.executable, "-m", "etl", "--help"],
    "python -m etl deck --help": [sys.executable, "-m", "etl", "deck", "--help"],
    "python -m etl ranking --periode 2024-05 --kategori tb_news --json": [
        sys.executable,
        "-m",
        "etl",
        "ranking",
        "--periode",
        "2024-05",
        "--kategori",
        "tb_news",
        "--json",
    ],
}


def _jalankan(perintah: list[str], env: dict[str, str]) -> float:
    """Wall seconds from before the process starts until its exit status is read."""
    mulai = time.perf_counter()
    subprocess.run(perintah, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - mulai


def ukur(ulang: int) -> dict[str, list[float]]:
    """Every command ``ulang`` times, interleaved, on a fresh DATA CONTOH database."""
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "HUMAS_DATABASE_URL": f"sqlite:///{Path(folder) / 'contoh.sqlite'}"}
        subprocess.run([sys.executable, "-m", "etl", "init", "--demo"], cwd=PROJECT_DIR, env=env, check=True)
        for perintah in PERINTAH.values():  # one warm-up each: the OS file cache, .pyc files
            _jalankan(perintah, env)
        waktu: dict[str, list[float]] = {nama: [] for nama in PERINTAH}
        for _ in range(ulang):
            for nama, perintah in PERINTAH.items():
                waktu[nama].append(_jalankan(perintah, env))
    return waktu


def laporan(waktu: dict[str, list[float]], beban: tuple[str, str]) -> str:
    baris = [
        SECTION,
        "",
        f"Diukur {time.strftime('%Y-%m-%d')} dengan `python -m benchmarks.mulai_cli --ulang "
        f"{len(next(iter(waktu.values())))}`: setiap perintah proses baru dari shell, bergantian dalam satu "
        "putaran, database DATA CONTOH SQLite. Rata-rata beban mesin (1/5/15 menit) "
        f"awal {beban[0]}, akhir {beban[1]}.",
        "",
        "| perintah | median | rentang | di atas `python -c pass` |",
        "| --- | ---: | ---: | ---: |",
    ]
    dasar = statistics.median(waktu["python -c pass"])
    for nama, nilai in waktu.items():
        median = statistics.median(nilai)
        baris.append(f"| `{nama}` | {median:.3f} s | {min(nilai):.3f}–{max(nilai):.3f} s | {median - dasar:+.3f} s |")
    bantuan = max(statistics.median(waktu[nama]) for nama in waktu if nama.endswith("--help"))
    peringkat = statistics.median(waktu["python -m etl ranking --periode 2024-05 --kategori tb_news --json"])
    baris += [
        "",
        f"- `--help` ≤ {TARGET_HELP_S} s, grup dan perintah: "
        f"**{'tercapai' if bantuan <= TARGET_HELP_S else 'tidak tercapai'}** (terlama {bantuan:.3f} s).",
        f"- `ranking` ≤ {TARGET_RANKING_S} s: **{'tercapai' if peringkat <= TARGET_RANKING_S else 'tidak tercapai'}** "
        f"({peringkat:.3f} s).",
        "",
    ]
    return "\n".join(baris)


def _beban() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ulang", type=int, default=5)
    parser.add_argument("--tulis", type=Path, default=None, help="tulis bagian ini ke berkas Markdown")
    args = parser.parse_args()
    awal = _beban()
    teks = laporan(ukur(args.ulang), (awal, _beban()))
    print(teks)
    if args.tulis:
        write_section(args.tulis, SECTION, teks)


if __name__ == "__main__":
    main()
