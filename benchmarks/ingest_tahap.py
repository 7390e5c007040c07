"""``python -m etl load FOLDER`` with a clock on each stage, for the stage table of
benchmarks/ingest_proses.py:

    HUMAS_DATABASE_URL=URL python -m benchmarks.ingest_tahap EVENTS FOLDER

Runs the same command (``cli.main.jalankan``) after wrapping the functions that mark its stages; the
worker processes are forked from this one, so they inherit the wrappers. Every stage appends one
line ``pid stage start end`` (seconds since the epoch, comparable across processes) to EVENTS.
The first line of this module notes when Python reached it, so the parent can tell interpreter
start from imports. Nothing of the load itself is changed.
"""

import time

DIMULAI = time.time()

import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402


def _catat(berkas: str, tahap: str, mulai: float, selesai: float) -> None:
    """One line, appended in one write (O_APPEND), so lines of several processes never mix."""
    fd = os.open(berkas, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{os.getpid()} {tahap.replace(' ', '_')} {mulai:.6f} {selesai:.6f}\n".encode())
    finally:
        os.close(fd)


def _diukur(berkas: str, tahap: str, fungsi: Callable[..., Any]) -> Callable[..., Any]:
    def pembungkus(*args: Any, **kwargs: Any) -> Any:
        mulai = time.time()
        try:
            return fungsi(*args, **kwargs)
        finally:
            _catat(berkas, tahap, mulai, time.time())

    return pembungkus


def main() -> None:
    berkas, folder = sys.argv[1], sys.argv[2]
    import cli.bersama
    import cli.muat
    import etl.batch
    import etl.loader
    import etl.store
    from cli.main import jalankan

    _catat(berkas, "impor", DIMULAI, time.time())
    cli.bersama.buka_database = _diukur(berkas, "buka database", cli.bersama.buka_database)
    etl.batch.load_reference = _diukur(berkas, "data referensi", etl.batch.load_reference)
    etl.batch.prepare_file = _diukur(berkas, "baca dan validasi", etl.batch.prepare_file)
    etl.loader.tulis_baris_lebih_dulu = _diukur(berkas, "tulis baris", etl.loader.tulis_baris_lebih_dulu)
    etl.loader.store_laporan = _diukur(berkas, "simpan di bawah kunci", etl.loader.store_laporan)
    etl.store.hitung_ulang_nilai_bulanan = _diukur(berkas, "nilai bulanan", etl.store.hitung_ulang_nilai_bulanan)
    etl.batch._Giliran.__call__ = _diukur(berkas, "menunggu giliran", etl.batch._Giliran.__call__)  # type: ignore[method-assign]
    etl.batch._hitung_ulang_tautan_bersama = _diukur(berkas, "hitung akhir", etl.batch._hitung_ulang_tautan_bersama)
    kumpulan_asli, mulai_pekerja = etl.batch.ProcessPoolExecutor, etl.batch._start_worker

    def kumpulan(*args: Any, **kwargs: Any) -> Any:
        _catat(berkas, "kumpulan dibuat", time.time(), time.time())
        return kumpulan_asli(*args, **kwargs)

    def pekerja_siap(*args: Any) -> None:
        mulai_pekerja(*args)
        _catat(berkas, "pekerja siap", time.time(), time.time())

    etl.batch.ProcessPoolExecutor = kumpulan  # type: ignore[misc]
    etl.batch._start_worker = pekerja_siap
    try:
        sys.argv = [sys.argv[0], "load", folder]
        jalankan()  # as `python -m etl` runs it
    finally:  # the command ends with SystemExit; Python's own exit (atexit, pool, engine) follows
        _catat(berkas, "perintah selesai", time.time(), time.time())


if __name__ == "__main__":
    main()
