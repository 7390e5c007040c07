"""The floor of benchmarks/ingest_proses.py, run as its own fresh process:

    python benchmarks/batas_muat.py DATABASE_URL FOLDER

the least any loader of these reports must do on this machine: every data sheet of every workbook
read with the reader ``etl load`` uses (calamine, in as many worker processes as ``etl load``
starts), and every row written to a table shaped like ``aktivitas`` (same columns, same primary
key) with the bare driver, one transaction per file, synced like the app (SQLite WAL with
``synchronous=FULL``; PostgreSQL ``COPY``). Nothing else: no validation, no link canonical form,
no check of a sheet's extent, no versions, monthly values or audit, no SQLAlchemy. A loader that
does all of that cannot be faster than this, so the ratio naive/floor is the most any loader can
reach on this machine. Imports nothing from this project. Prints the number of rows written.
"""

import datetime as dt
import os
import sqlite3
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sqlite3.register_adapter(dt.date, dt.date.isoformat)

BUKAN_KATEGORI = ("Petunjuk", "Identitas")
TABEL = "aktivitas_batas"
KOLOM = "laporan_id, satker_id, periode, kategori_kode, baris, tanggal, judul, platform, url, url_kunci, url_kanonik"
BUAT = f"""CREATE TABLE {TABEL} (
    laporan_id INTEGER NOT NULL, satker_id INTEGER NOT NULL, periode DATE NOT NULL,
    kategori_kode VARCHAR(40) NOT NULL, baris INTEGER NOT NULL, tanggal DATE NOT NULL,
    judul TEXT NOT NULL, platform VARCHAR(20), url TEXT NOT NULL, url_kunci BIGINT NOT NULL,
    url_kanonik TEXT NOT NULL,
    PRIMARY KEY (laporan_id, kategori_kode, url_kunci, satker_id, baris))"""
PERIODE = dt.date(2024, 5, 1)

Baris = tuple[str, int, dt.date, str, str | None, str, int]


def baca(path: str) -> list[Baris]:
    """Every filled data row of the workbook's kategori sheets: (sheet, row, date, title, platform, link, key)."""
    import python_calamine

    workbook = python_calamine.CalamineWorkbook.from_path(path)
    rows: list[Baris] = []
    for name in workbook.sheet_names:
        if name in BUKAN_KATEGORI:
            continue
        for number, row in enumerate(workbook.get_sheet_by_name(name).to_python()[1:], start=2):
            if len(row) < 5 or not row[4]:
                continue
            tanggal, judul, platform, url = row[1], str(row[2]), str(row[3]) or None, str(row[4])
            day = tanggal.date() if isinstance(tanggal, dt.datetime) else PERIODE
            rows.append((name, number, day, judul, platform, url, zlib.crc32(url.encode())))
    return rows


def _baris(laporan_id: int, rows: list[Baris]) -> list[tuple[object, ...]]:
    return [(laporan_id, laporan_id, PERIODE, k, n, t, j, p, u, key, u) for k, n, t, j, p, u, key in rows]


def _sqlite(url: str) -> sqlite3.Connection:
    connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def _postgres(url: str) -> Any:
    import psycopg

    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://", 1))


_koneksi: dict[str, Any] = {}


def muat(url: str, laporan_id: int, path: str) -> int:
    """Read one workbook and write its rows in one transaction of this worker's own connection
    (opened once per worker), as etl load's workers do: binding rows runs in parallel where the
    database allows it."""
    rows = _baris(laporan_id, baca(path))
    if url not in _koneksi:
        _koneksi[url] = _sqlite(url) if url.startswith("sqlite:///") else _postgres(url)
    connection = _koneksi[url]
    if isinstance(connection, sqlite3.Connection):
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(f"INSERT INTO {TABEL} ({KOLOM}) VALUES ({', '.join('?' * 11)})", rows)
        connection.execute("COMMIT")
        return len(rows)
    with connection.cursor().copy(f"COPY {TABEL} ({KOLOM}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    connection.commit()
    return len(rows)


def main() -> None:
    url, folder = sys.argv[1], Path(sys.argv[2])
    paths = [str(path) for path in sorted(folder.glob("*.xlsx"))]
    connection = _sqlite(url) if url.startswith("sqlite:///") else _postgres(url)
    connection.execute(BUAT)
    connection.commit()
    connection.close()
    workers = max(1, min(os.cpu_count() or 1, len(paths), 4))  # as etl.batch.default_workers
    with ProcessPoolExecutor(workers) as pool:
        total = sum(pool.map(muat, [url] * len(paths), range(1, len(paths) + 1), paths))
    if url.startswith("sqlite:///"):  # fold the WAL into the file, as etl load's last close does
        connection = _sqlite(url)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
    print(total)


if __name__ == "__main__":
    main()
