"""Share of the per-row link work in loading the folder of 39 monthly reports, in one run.

    python -m benchmarks.tautan_beban_muat [--ulang 3]

The folder is the one of benchmarks.ingest (39 reports from the template, ±117,000 rows). In the
same process, alternating: (a) the folder loaded file by file into a fresh SQLite database
(etl.loader.load_workbook: check, read, validate, store) and (b) the per-row work that reading
links as operators write them added to the fast path (etl.rules_laporan.plain_sheet), timed alone
on the same links, before and now: before, the link pattern, the repeated-link check and the CRC-32
of the link; now, analytics.tautan.kanonik_biasa (the common form checked and split with
``str.find``, the canonical form and the host's platform), the repeated-post and host checks and
the CRC-32 of the canonical form. Ratio = (now − before) / (a), best of ``--ulang`` for each; the
load average is printed beside it since the machine may be shared. Also says how many sheets took the fast path.
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
import time
from itertools import repeat
from pathlib import Path
from zlib import crc32

from analytics.tautan import kanonik_biasa
from benchmarks.ingest import DEFAULT_SEED, fresh_database, generate
from db.engine import make_engine
from db.schema import prepare_database
from etl import rules_laporan
from etl.loader import load_workbook
from etl.reader import open_workbook
from etl.rules_laporan import PLATFORM_OR_EMPTY, UNKNOWN, _host_berbeda
from etl.workbook_format import COL_PLATFORM, COL_TAUTAN, KATEGORI_SHEETS


def kolom_tautan(paths: list[Path]) -> list[tuple[list[str], list[str]]]:
    """(links, platform cells) of every category sheet of the folder."""
    hasil = []
    for path in paths:
        buku = open_workbook(path.read_bytes(), path.name)
        for sheet in KATEGORI_SHEETS.values():
            data = buku.rows(sheet)[1:]
            hasil.append(([str(r[COL_TAUTAN - 1]).strip() for r in data], [str(r[COL_PLATFORM - 1]) for r in data]))
    return hasil


# The fast path's link check before this work (etl.cells.PLAIN_URL, since removed).
_POLA_LAMA = re.compile(r"https?://[^\s/?#]*\.[^\s]*", re.IGNORECASE)


def kerja_lama(sheets: list[tuple[list[str], list[str]]]) -> float:
    """Seconds of the link work plain_sheet did per row before: pattern, repeated link, CRC-32."""
    mulai = time.perf_counter()
    for urls, _ in sheets:
        assert all(map(_POLA_LAMA.fullmatch, urls)) and len(set(urls)) == len(urls)
        list(map(crc32, map(str.encode, urls)))
    return time.perf_counter() - mulai


def kerja_baru(sheets: list[tuple[list[str], list[str]]]) -> float:
    """Seconds of the link work plain_sheet does per row now (the platform cells are mapped in
    both versions and are left out of both)."""
    mulai = time.perf_counter()
    for urls, platforms in sheets:
        if not urls:
            continue
        biasa = list(map(kanonik_biasa, urls))
        assert None not in biasa
        kanonik, dari_host = zip(*biasa, strict=True)
        assert len(set(kanonik)) == len(kanonik)
        assert not any(map(_host_berbeda, dari_host, platforms))
        list(map(crc32, map(str.encode, kanonik)))
    return time.perf_counter() - mulai


def _platform_sel(sheets: list[tuple[list[str], list[str]]]) -> list[tuple[list[str], list[str | None]]]:
    return [
        (urls, list(map(PLATFORM_OR_EMPTY.get, map(str.casefold, map(str.strip, cells)), repeat(UNKNOWN))))
        for urls, cells in sheets
    ]


def muat_folder(paths: list[Path], folder: Path) -> tuple[float, int]:
    """Seconds to load the folder file by file into a fresh SQLite database, and sheets row by row."""
    lambat = 0
    asli = rules_laporan.validate_rows

    def hitung(*args: object, **kwargs: object) -> object:
        nonlocal lambat
        lambat += 1
        return asli(*args, **kwargs)  # type: ignore[arg-type]

    with fresh_database("SQLite", None, folder) as url:
        engine = make_engine(url)
        prepare_database(engine)
        rules_laporan.validate_rows = hitung  # type: ignore[assignment]
        try:
            mulai = time.perf_counter()
            for path in paths:
                assert load_workbook(engine, path.read_bytes(), path.name).status == "loaded", path
            detik = time.perf_counter() - mulai
        finally:
            rules_laporan.validate_rows = asli
            engine.dispose()
    return detik, lambat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ulang", type=int, default=3)
    args = parser.parse_args()
    paths, _, _ = generate(DEFAULT_SEED)
    sheets = _platform_sel(kolom_tautan(paths))
    baris = sum(len(urls) for urls, _ in sheets)
    kerja_baru(sheets)  # warm the host caches, as a long-running process has them
    muat, lama, baru, lambat = [], [], [], 0
    with tempfile.TemporaryDirectory() as sementara:
        for _ in range(args.ulang):
            detik, lambat = muat_folder(paths, Path(sementara))
            muat.append(detik)
            lama.append(kerja_lama(sheets))
            baru.append(kerja_baru(sheets))
    tambah = min(baru) - min(lama)
    print(f"{len(paths)} laporan, {len(sheets)} sheet, {baris:,} baris; sheet baris demi baris: {lambat}")
    for nama, nilai in (("muat folder per berkas (SQLite)", muat), ("kerja tautan lama", lama), ("baru", baru)):
        print(f"{nama}: terbaik {min(nilai):.3f} s ({', '.join(f'{d:.3f}' for d in nilai)})")
    print(
        f"tambahan per baris: {tambah / baris * 1e6:.1f} µs; rasio tambahan/muat: {tambah / min(muat):.1%} "
        f"(seluruh kerja tautan baru/muat: {min(baru) / min(muat):.1%})"
    )
    print(f"beban rata-rata mesin (1/5/15 menit): {os.getloadavg()}")


if __name__ == "__main__":
    main()
