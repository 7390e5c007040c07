"""Write transactions that stay correct when many uploads arrive at once, and telling passing
database trouble (busy, restarting, a lost race) from bugs.

Each store takes its lock before it reads anything it will write from: on SQLite the database
write lock (``BEGIN IMMEDIATE``, waiting up to the busy timeout), on PostgreSQL a transaction
lock per report month. So the version number an upload computes can never be taken by another
upload meanwhile, and the monthly values it recomputes see every committed row. Conflicts that
slip past (a connection lost mid-commit, a deadlock) are retried a bounded number of times; a
lock or connection that could not be had within its wait is not, as the waiting already
happened. Then the upload is refused with a message to send it again, which is always safe: the
same file as the active version is a no-op.

The layers above db open their sessions here (:func:`sesi_baca`, :func:`sesi_tulis`,
:func:`transaksi_tulis`) and catch :data:`GANGGUAN_DATABASE`, so they need no SQLAlchemy of their own.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, bindparam, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session

T = TypeVar("T")
_log = logging.getLogger(__name__)

PERCOBAAN = 3
"""Attempts for one write before the upload is refused (the first try and two retries)."""
JEDA_AWAL_DETIK = 0.2
"""Backoff before the first retry; doubled for each further retry, with random jitter."""

# pg_advisory_xact_lock(ruang, kunci): ``ruang`` keeps our keys apart from any other user of
# advisory locks on the same server; ``kunci`` is the month as YYYYMM, or 0 for award results.
RUANG_KUNCI = 0x48554D41  # "HUMA"
KUNCI_PENGHARGAAN = 0
_SQLITE_SEMENTARA = ("locked", "busy", "unable to open", "disk I/O")
_KUNCI_TRANSAKSI = select(func.pg_advisory_xact_lock(RUANG_KUNCI, bindparam("kunci")))


GANGGUAN_DATABASE: tuple[type[Exception], ...] = (DBAPIError, PoolTimeoutError)
"""What a database in trouble raises; :func:`gangguan_sementara` tells passing trouble from bugs."""


@contextmanager
def sesi_baca(engine: Engine) -> Iterator[Session]:
    """A session for reads outside any write transaction (the driver begins one as needed)."""
    with Session(engine) as session:
        yield session


@contextmanager
def transaksi_tulis(engine: Engine) -> Iterator[Session]:
    """One write transaction: committed at the end, rolled back on any error.

    On SQLite it starts with ``BEGIN IMMEDIATE``: the write lock is taken before the first read
    (waiting up to the busy timeout), so what the transaction reads cannot change before it
    writes. A deferred transaction that reads and then writes can instead fail at once with
    "database is locked" when another connection committed in between.
    """
    with sesi_tulis(engine) as session:
        kunci_tulis(session)
        yield session


@contextmanager
def sesi_tulis(engine: Engine) -> Iterator[Session]:
    """A write transaction whose lock is taken later, by :func:`kunci_tulis`: in between the
    caller may write what no other upload reads (a report's rows, db.bulk.siapkan_baris), so the
    lock is held for less time. Committed at the end, rolled back on any error."""
    with Session(engine) as session, session.begin():
        yield session


def kunci_tulis(session: Session) -> None:
    """Take SQLite's write lock (``BEGIN IMMEDIATE``) before anything is read from the database
    file; see :func:`transaksi_tulis`. PostgreSQL locks per month instead (:func:`kunci_bulan`)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("BEGIN IMMEDIATE")


def _kunci(session: Session, kunci: Iterable[int]) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite: the whole database is already locked by transaksi_tulis
    connection = session.connection()
    for nilai in sorted(set(kunci)):  # always in the same order, so two writers never deadlock
        connection.execute(_KUNCI_TRANSAKSI, {"kunci": nilai})


def kunci_bulan(session: Session, bulan: Iterable[dt.date]) -> None:
    """Hold the write lock of each report month until the transaction ends.

    Per month, not per satker: storing a report also recounts data derived from every satker's
    reports of that month, which two uploads for different satker would otherwise recount from
    two different snapshots. A lock on a key always exists, unlike a lock on a report version
    (the first upload of a month has none to lock).
    """
    _kunci(session, (periode.year * 100 + periode.month for periode in bulan))


def kunci_penghargaan(session: Session) -> None:
    """Hold the lock for award results, so the same award file loaded twice at once is stored once."""
    _kunci(session, [KUNCI_PENGHARGAAN])


def gangguan_sementara(error: BaseException) -> bool:
    """Whether ``error`` is passing database trouble that a later attempt may not meet.

    Busy or locked databases, lost or refused connections, server shutdowns, deadlocks,
    serialization failures, an exhausted connection pool, and a unique key taken by a
    concurrent writer. Anything else is a bug and is not retried.
    """
    if isinstance(error, PoolTimeoutError):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    original = error.orig
    if isinstance(original, sqlite3.Error):
        # SQLite also reports a missing table or a syntax error as OperationalError: those are bugs.
        text = str(original)
        if isinstance(original, sqlite3.IntegrityError):
            return "UNIQUE constraint failed" in text
        return isinstance(original, sqlite3.OperationalError) and any(word in text for word in _SQLITE_SEMENTARA)
    if isinstance(error, OperationalError):  # PostgreSQL: connections, shutdowns, deadlocks, serialization
        return True
    return isinstance(error, IntegrityError) and getattr(original, "sqlstate", None) == "23505"  # unique_violation


def sudah_menunggu(error: BaseException) -> bool:
    """Whether ``error`` ends a wait that already took its full time: SQLite's write lock after the
    busy timeout, a connection from the exhausted pool after the pool timeout. Trying again only
    lengthens the queue; the user is better told at once to send the file again a little later."""
    if isinstance(error, PoolTimeoutError):
        return True
    original = getattr(error, "orig", None)
    return isinstance(original, sqlite3.OperationalError) and ("locked" in str(original) or "busy" in str(original))


def sebab_gangguan(error: BaseException) -> str:
    """The cause in the user's words, for the message that asks to try again."""
    text = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, PoolTimeoutError) or "locked" in text or "busy" in text:
        return "database sedang sibuk melayani unggahan lain"
    if isinstance(error, IntegrityError) or "deadlock" in text or "serializ" in text:
        return "unggahan lain untuk bulan yang sama sedang disimpan pada saat yang sama"
    return "database tidak dapat dihubungi"


def dengan_ulangan(langkah: Callable[[], T], percobaan: int = PERCOBAAN, jeda_awal: float = JEDA_AWAL_DETIK) -> T:
    """Run ``langkah`` (a whole transaction) again after passing database trouble.

    At most ``percobaan`` attempts with exponential backoff and jitter; the last error is raised
    when every attempt failed, and at once an error that is not passing trouble or that ends a
    wait already taken in full (:func:`sudah_menunggu`).
    """
    for nomor in range(1, percobaan + 1):
        try:
            return langkah()
        except (DBAPIError, PoolTimeoutError) as error:
            if nomor == percobaan or not gangguan_sementara(error) or sudah_menunggu(error):
                raise
            jeda = jeda_awal * 2 ** (nomor - 1) * random.uniform(0.5, 1.5)
            _log.warning("percobaan %d gagal (%s); diulang dalam %.2f s", nomor, error.__class__.__name__, jeda)
            time.sleep(jeda)
    raise AssertionError("unreachable")
