"""Loading many files: each worker process reads, validates and stores whole files, and the
files are committed strictly in the order given.

Reading and validating is pure CPU work, so it runs in parallel; a worker that has validated
its file writes the report's activity rows ahead (etl.store.tulis_baris_lebih_dulu: into its
open transaction on PostgreSQL, into its connection's staging table on SQLite), waits for its
turn (the previous file committed) and then stores the report in its own transaction with its
own database connection, so only the report's bookkeeping is done in turn. Nothing large
crosses between processes: the main process only receives each file's small result and link
keys, in order.

A file that crashes its reader (native code can abort the whole process) is never allowed to
cost the folder: every worker carries the memory and CPU limits of etl.isolasi itself (renewed
before each file, so a healthy pool pays almost nothing), and when a worker dies anyway the
broken pool is given up and every file whose result had not come back is loaded again one at a
time, each read in its own isolated child. A file that was already committed before the pool broke
comes back "unchanged" (the SHA-256 rule), so nothing is stored twice.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Condition
from pathlib import Path

from analytics.periods import WIB, month_label
from db.engine import Engine, make_engine
from db.tautan_ganda import hitung_ulang_tautan_ganda
from db.transaksi import (
    GANGGUAN_DATABASE,
    dengan_ulangan,
    gangguan_sementara,
    kunci_bulan,
    sebab_gangguan,
    sesi_baca,
    transaksi_tulis,
)
from etl.file_safety import check_size
from etl.isolasi import batas_baca, batasi_proses
from etl.loader import Reference, Validated, load_reference, store_validated, validate_terisolasi, validate_workbook
from etl.results import LoadResult, Upload
from etl.rules_laporan import LaporanBulanan

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prepared:
    """A file read and validated, ready to be stored."""

    path: Path
    size: int
    sha256: str
    validated: Validated
    data: bytes | None = None
    """The bytes read, kept with an accepted file (none for a file refused before reading)."""


def prepare_file(path: Path, reference: Reference, today: dt.date, terisolasi: bool = False) -> Prepared:
    """Read and validate one file; a file over the size cap is refused without being read.
    ``terisolasi`` reads it in a child process with limits (etl.loader.validate_terisolasi)."""
    size = path.stat().st_size
    too_large = check_size(size, path.name)
    if too_large:
        return Prepared(path, size, "", Validated(None, too_large))
    data = path.read_bytes()
    if terisolasi:  # the command line's own process, single-threaded: a plain fork is safe and quick
        validated = validate_terisolasi(reference, data, path.name, None, today, fork_langsung=True)
    else:
        validated = validate_workbook(reference, data, path.name, None, today)
    return Prepared(path, size, hashlib.sha256(data).hexdigest(), validated, data)


def default_workers(file_count: int) -> int:
    """Two processes or as many cores as there are, when there is more than one file."""
    return 1 if file_count < 2 else max(1, min(os.cpu_count() or 1, file_count, 4))


class _Turn:
    """Which file may commit next, shared by the workers (set up when each worker starts)."""

    engine: Engine
    next_index: Synchronized[int]
    changed: Condition


def _start_worker(url: str, next_index: Synchronized[int], changed: Condition) -> None:
    batasi_proses(batas_baca())
    _Turn.engine = make_engine(url)
    _Turn.next_index, _Turn.changed = next_index, changed


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _store(engine: Engine, prepared: Prepared, giliran: Callable[[], dt.datetime] = _now) -> LoadResult:
    upload = Upload(prepared.path.name, prepared.size, prepared.sha256, None, _now(), prepared.data)
    return store_validated(engine, prepared.validated, upload, hitung_tanda=False, giliran=giliran)


Dimuat = tuple[LoadResult, frozenset[int] | None]
"""A file's result and, for a monthly report it stored, the link keys of its rows."""


def _dimuat(prepared: Prepared, result: LoadResult) -> Dimuat:
    """Keys only for a version this load wrote: an unchanged file's stored rows may have been
    validated by an earlier release, so the recount reads those from the database."""
    payload = prepared.validated.payload
    if result.status != "loaded" or not isinstance(payload, LaporanBulanan):
        return result, None
    return result, payload.kunci_tautan()


class _Giliran:
    """Waiting for file ``index``'s turn to commit (file ``index - 1`` committed); remembers when
    it came, which is the file's time of arrival. Calling it again returns at once."""

    def __init__(self, index: int) -> None:
        self.index = index
        self.datang: dt.datetime | None = None

    def __call__(self) -> dt.datetime:
        if self.datang is None:
            with _Turn.changed:
                _Turn.changed.wait_for(lambda: _Turn.next_index.value == self.index)
            self.datang = _now()
        return self.datang


def _load_in_worker(index: int, path: Path, reference: Reference, today: dt.date) -> Dimuat:
    """Validate ``path``, store it when file ``index - 1`` is committed, pass the turn on."""
    giliran = _Giliran(index)
    batasi_proses(batas_baca())  # a fresh CPU budget for this file
    try:
        prepared = prepare_file(path, reference, today)
        result = _store(_Turn.engine, prepared, giliran)
    finally:
        giliran()  # after a failure too: the turn is passed on only by the one who holds it
        with _Turn.changed:
            _Turn.next_index.value = index + 1
            _Turn.changed.notify_all()
    return _dimuat(prepared, result)


def load_files(engine: Engine, paths: Sequence[Path], workers: int | None = None) -> Iterator[LoadResult]:
    """Load ``paths`` as the command line does (acting as an admin), yielding each result in order.

    The upload time of each file is when it is stored, so the order of files is the order of
    arrival for kecepatan_laporan. Shared links are recounted once, at the end, for every month
    of the folder's reports, from the link keys the workers send back with each stored report.
    Months whose reports were all unchanged are recounted too: a load killed before its count
    is repaired by loading the same folder again.
    """
    with sesi_baca(engine) as session:
        reference = load_reference(session)
    today = dt.datetime.now(WIB).date()
    months: set[dt.date] = set()
    kunci_laporan: dict[int, frozenset[int]] = {}
    try:
        for result, kunci in _load_all(engine, paths, reference, today, workers):
            if result.status in ("loaded", "unchanged") and result.kind == "laporan_bulanan" and result.periode:
                months.add(dt.date.fromisoformat(f"{result.periode}-01"))
            if kunci is not None:
                assert result.laporan_id is not None
                kunci_laporan[result.laporan_id] = kunci
            yield result
    finally:
        if months:
            _hitung_ulang_tautan_bersama(engine, months, kunci_laporan)


def _hitung_ulang_tautan_bersama(
    engine: Engine, months: set[dt.date], kunci_laporan: dict[int, frozenset[int]]
) -> None:
    """The folder's final count of shared links, retried like a store. When the database stays
    busy or unreachable, every file already stored stays stored: the count is only an integrity
    flag, so the user is told how to make it later instead of seeing the load fail."""

    def langkah() -> None:
        with transaksi_tulis(engine) as session:
            kunci_bulan(session, months)
            hitung_ulang_tautan_ganda(session, months, kunci_laporan)

    try:
        dengan_ulangan(langkah)
    except GANGGUAN_DATABASE as gangguan:
        if not gangguan_sementara(gangguan):
            raise
        bulan = ", ".join(month_label(periode) for periode in sorted(months))
        _log.warning(
            "Tanda tautan ganda %s belum dihitung ulang karena %s. Berkas yang dilaporkan tersimpan tetap "
            "tersimpan; muat folder yang sama lagi atau jalankan `python -m etl periksa --perbaiki`.",
            bulan,
            sebab_gangguan(gangguan),
        )


def _load_all(
    engine: Engine, paths: Sequence[Path], reference: Reference, today: dt.date, workers: int | None
) -> Iterator[Dimuat]:
    workers = default_workers(len(paths)) if workers is None else workers
    if workers <= 1:  # one file, or one core: each read in isolation, so no file takes the command down
        yield from _load_one_by_one(engine, paths, reference, today, terisolasi=True)
        return
    context = multiprocessing.get_context()
    next_index, changed = context.Value("i", 0), context.Condition()
    url = engine.url.render_as_string(hide_password=False)
    # Everything alive before the workers start (imported modules above all) is frozen for the
    # batch: a forked worker inherits the freeze, so the collections that each workbook's many
    # small objects set off no longer walk it again and again (validation took 40 % longer).
    # This process takes it back afterwards.
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(url, next_index, changed)) as pool:
            futures = [pool.submit(_load_in_worker, index, path, reference, today) for index, path in enumerate(paths)]
            for done, future in enumerate(futures):
                try:
                    hasil = future.result()
                except BrokenProcessPool:
                    _log.warning("proses pemuat berhenti; %d berkas dimuat ulang satu per satu", len(paths) - done)
                    break
                yield hasil
            else:
                return
    finally:
        gc.unfreeze()
    yield from _load_one_by_one(engine, paths[done:], reference, today, terisolasi=True)


def _load_one_by_one(
    engine: Engine, paths: Sequence[Path], reference: Reference, today: dt.date, terisolasi: bool
) -> Iterator[Dimuat]:
    for path in paths:
        prepared = prepare_file(path, reference, today, terisolasi)
        yield _dimuat(prepared, _store(engine, prepared))
