"""Backing up a SQLite database with SQLite's online backup API, and restoring a backup in place.

The backup API copies a consistent snapshot while the app keeps serving and loading; the copy is
written beside the target and renamed into place, so a half-written backup never carries the
target's name. Restoring copies the backup into the live database in a single write
transaction: every connection sees either the old content or the restored one, never a mix, and
a restore that is killed halfway leaves the old content. PostgreSQL has its own tools (pg_dump
and pg_restore); :func:`perintah_postgres` gives the documented commands.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from db.engine import SQLITE_BUSY_TIMEOUT_MS
from db.models import Laporan, Unggahan
from db.schema import alembic_config

SQLITE_HEADER = b"SQLite format 3\x00"


class BukanSqlite(ValueError):
    """The configured database is not a SQLite file; the message names the tools to use instead."""


class CadanganTidakSah(ValueError):
    """The file is not a usable backup of this app; the message says why."""


@dataclass(frozen=True)
class InfoCadangan:
    """What a backup file holds, shown before it replaces a database."""

    path: Path
    ukuran_byte: int
    revisi: str
    laporan: int
    unggahan_terakhir: dt.datetime | None


def perintah_postgres(url: str, berkas: str = "CADANGAN.dump") -> tuple[list[str], list[str]]:
    """The pg_dump and pg_restore commands (argument lists) for the PostgreSQL database at ``url``.

    The URL is given in libpq's form, without the password (pg_dump reads it from PGPASSWORD or
    ~/.pgpass). Restoring drops and recreates every object of the dump in one transaction.
    """
    parsed = make_url(url)
    tanpa_sandi = URL.create(
        "postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    libpq = tanpa_sandi.render_as_string(hide_password=False)
    dump = ["pg_dump", "--format=custom", f"--file={berkas}", libpq]
    restore = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        f"--dbname={libpq}",
        berkas,
    ]
    return dump, restore


def sqlite_path(url: str) -> Path:
    """The database file of a SQLite URL; :class:`BukanSqlite` for anything else."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        dump, restore = perintah_postgres(url)
        raise BukanSqlite(
            f"perintah ini hanya untuk database SQLite; database ini {parsed.get_backend_name()}. Untuk PostgreSQL "
            f"cadangkan dengan `{shlex.join(dump)}` dan pulihkan dengan `{shlex.join(restore)}` (README, "
            "“Cadangan dan pemulihan”)."
        )
    if not parsed.database or parsed.database == ":memory:":
        raise BukanSqlite("database SQLite di memori tidak dapat dicadangkan atau dipulihkan.")
    return Path(parsed.database)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)
    return sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def cadangkan(url: str, tujuan: Path) -> InfoCadangan:
    """Write a backup of the SQLite database at ``url`` to ``tujuan`` (replacing it) and check it.

    The backup is one self-contained file (rollback journal, not WAL), so copying that file alone
    is enough.
    """
    sumber = sqlite_path(url)
    if not sumber.is_file():
        raise CadanganTidakSah(f"database {sumber} belum ada; tidak ada yang dicadangkan.")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(f".{tujuan.name}.{uuid.uuid4().hex[:8]}.sementara")
    try:
        try:
            with closing(_connect(sumber)) as asal, closing(_connect(sementara)) as salinan:
                asal.backup(salinan)
                salinan.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.Error as problem:
            raise CadanganTidakSah(f"pencadangan gagal ({problem}).") from None
        info = info_cadangan(sementara)
        os.replace(sementara, tujuan)
        _fsync_folder(tujuan.parent)
    finally:
        sementara.unlink(missing_ok=True)
    return InfoCadangan(tujuan, info.ukuran_byte, info.revisi, info.laporan, info.unggahan_terakhir)


def info_cadangan(path: Path) -> InfoCadangan:
    """Check that ``path`` is an intact backup of this app and say what it holds; nothing is written."""
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise CadanganTidakSah(f"{path.name} bukan berkas database SQLite.")
    try:
        with closing(_connect(path, read_only=True)) as connection:
            check = [row[0] for row in connection.execute("PRAGMA quick_check").fetchall()]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revisi = (
                connection.execute("SELECT version_num FROM alembic_version").fetchone()
                if "alembic_version" in tables
                else None
            )
    except sqlite3.DatabaseError as problem:
        raise CadanganTidakSah(f"{path.name} tidak dapat dibaca sebagai database SQLite ({problem}).") from None
    if check != ["ok"]:
        raise CadanganTidakSah(f"{path.name} rusak: {'; '.join(check[:3])}.")
    if revisi is None or not {"laporan", "unggahan"} <= tables:
        raise CadanganTidakSah(f"{path.name} bukan cadangan database Dasbor Kinerja Humas.")
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revisi[0])
    except CommandError:
        raise CadanganTidakSah(
            f"{path.name} dibuat oleh versi aplikasi yang lebih baru (skema {revisi[0]}); perbarui aplikasi dulu."
        ) from None
    engine = create_engine(f"sqlite:///{path.resolve().as_uri()}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            laporan = session.scalar(select(func.count()).select_from(Laporan)) or 0
            terakhir = session.scalar(select(func.max(Unggahan.diunggah_pada)))
    finally:
        engine.dispose()
    return InfoCadangan(path, path.stat().st_size, revisi[0], laporan, terakhir)


def pulihkan(url: str, sumber: Path) -> Path | None:
    """Replace the content of the SQLite database at ``url`` with the backup ``sumber``.

    The current content is first backed up beside the database (returned; None when the
    database did not exist yet). The caller migrates the restored database to the current
    schema afterwards (an older backup) with ``db.schema.prepare_database``.
    """
    tujuan = sqlite_path(url)
    info_cadangan(sumber)
    if tujuan.resolve() == sumber.resolve():
        raise CadanganTidakSah("berkas cadangan adalah database itu sendiri.")
    sebelum = None
    if tujuan.is_file():
        waktu = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        sebelum = cadangkan(url, tujuan.with_name(f"{tujuan.stem}.sebelum-pulih-{waktu}{tujuan.suffix}")).path
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    try:
        with closing(_connect(sumber, read_only=True)) as asal, closing(_connect(tujuan)) as database:
            database.execute("PRAGMA journal_mode=WAL")
            asal.backup(database)
    except sqlite3.Error as problem:
        raise CadanganTidakSah(f"pemulihan gagal ({problem}); isi database tidak berubah.") from None
    return sebelum
