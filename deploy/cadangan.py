"""Nightly backup of the app's database with retention, run by ``deploy/humas-cadangan.service``
as ``python -m deploy.cadangan`` from the project folder.

SQLite goes through ``python -m etl backup`` (SQLite's online backup API, checked after writing);
PostgreSQL through ``pg_dump`` in its custom format, with the command the README documents
(``db.cadangan.perintah_postgres``), then ``pg_restore --list`` to check the archive is whole. A
backup appears under its final name only when complete, and old backups are removed only after a
new one was written: a job that keeps failing never eats the backups that are still there.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url

from analytics.angka import format_angka
from db.cadangan import perintah_postgres
from db.engine import ENV_DATABASE_URL, PROJECT_DIR, database_url

FOLDER = "HUMAS_CADANGAN_FOLDER"
SIMPAN = "HUMAS_CADANGAN_SIMPAN"
FOLDER_BAWAAN = "/var/backups/humas"
SIMPAN_BAWAAN = 14
_NAMA = re.compile(r"humas-\d{8}-\d{6}\.(sqlite|dump)")
_SEBAGIAN = re.compile(r"humas-\d{8}-\d{6}\.dump\.sebagian")


class CadanganGagal(Exception):
    """The backup was not written; the message says why, in Indonesian."""


def jumlah_simpan(lingkungan: Mapping[str, str]) -> int:
    """How many backups of each kind to keep (``HUMAS_CADANGAN_SIMPAN``, at least 1)."""
    teks = lingkungan.get(SIMPAN, "").strip() or str(SIMPAN_BAWAAN)
    if not teks.isdigit() or int(teks) < 1:
        raise CadanganGagal(f"{SIMPAN}={teks!r}: tulis jumlah cadangan yang disimpan, bilangan bulat 1 atau lebih.")
    return int(teks)


def buat_cadangan(url: str, folder: Path, sekarang: dt.datetime) -> Path:
    """Write one complete backup of the database at ``url`` into ``folder``; its path."""
    parsed = make_url(url)
    postgres = parsed.get_backend_name() == "postgresql"
    akhir = folder / f"humas-{sekarang:%Y%m%d-%H%M%S}.{'dump' if postgres else 'sqlite'}"
    lingkungan = {**os.environ, ENV_DATABASE_URL: url}
    if not postgres:
        _jalankan([sys.executable, "-m", "etl", "backup", str(akhir), "--ya"], "python -m etl backup", lingkungan)
        return akhir
    sementara = akhir.with_name(akhir.name + ".sebagian")
    dump, _ = perintah_postgres(url, str(sementara))
    if parsed.password:  # never on the command line, where every local user can read it
        lingkungan["PGPASSWORD"] = str(parsed.password)
    try:
        _jalankan(dump, "pg_dump", lingkungan)
        _jalankan(["pg_restore", "--list", str(sementara)], "pg_restore --list (memeriksa cadangan)", lingkungan)
        sementara.replace(akhir)
    finally:
        sementara.unlink(missing_ok=True)
    return akhir


def buang_yang_lama(folder: Path, simpan: int) -> list[Path]:
    """Remove all but the newest ``simpan`` backups of each kind, and what a killed job left half
    written; only files this job named."""
    dibuang = [p for p in folder.iterdir() if _SEBAGIAN.fullmatch(p.name)]
    for sisa in dibuang:
        sisa.unlink()
    for akhiran in ("sqlite", "dump"):
        milik = sorted(p for p in folder.iterdir() if (nama := _NAMA.fullmatch(p.name)) and nama[1] == akhiran)
        for lama in milik[: max(len(milik) - simpan, 0)]:
            lama.unlink()
            dibuang.append(lama)
    return dibuang


def _jalankan(perintah: list[str], nama: str, lingkungan: Mapping[str, str]) -> None:
    try:
        hasil = subprocess.run(perintah, cwd=PROJECT_DIR, env=lingkungan, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise CadanganGagal(f"{perintah[0]} tidak ditemukan; pasang paket Debian postgresql-client.") from None
    if hasil.returncode != 0:
        pesan = (hasil.stderr or hasil.stdout).strip().removeprefix("Gagal: ")
        raise CadanganGagal(f"{nama} gagal (kode {hasil.returncode}): {pesan}")


def main() -> int:
    """Back up, then apply retention; exit 1 (the timer's unit shows as failed) when anything failed."""
    try:
        simpan = jumlah_simpan(os.environ)
        folder = Path(os.environ.get(FOLDER, "").strip() or FOLDER_BAWAAN)
        if not folder.is_dir():
            raise CadanganGagal(f"folder cadangan {folder} tidak ada; buat dulu (deploy/README.md) atau atur {FOLDER}.")
        berkas = buat_cadangan(database_url(), folder, dt.datetime.now())
        dibuang = buang_yang_lama(folder, simpan)
    except CadanganGagal as error:
        print(f"Gagal: {error}", file=sys.stderr)
        return 1
    ukuran = format_angka(berkas.stat().st_size / 1024 / 1024, 1)
    print(f"Cadangan ditulis: {berkas} ({ukuran} MB); {len(dibuang)} berkas lama dihapus, {simpan} terbaru disimpan.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
