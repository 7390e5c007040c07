"""What the commands that open the database share: the database they work on, choosing a Polda and
kategori from their options, and failing with a message instead of a traceback."""

from __future__ import annotations

import atexit
import sys
import weakref
from typing import NoReturn

import click

from analytics.kategori import JUARA_UMUM
from analytics.nama import normalize_name
from db.engine import DatabaseTidakTerbuka, Engine, Session, database_url, describe_url, make_engine
from db.queries import list_kategori
from db.queries_peringkat import NASIONAL, PoldaInfo, list_polda_aktif
from db.reference import ReferenceCounts
from db.schema import pastikan_siap, prepare_database


def gagal(message: str) -> NoReturn:
    """Stop with exit code 1 and ``Gagal: message`` on stderr."""
    click.echo(f"Gagal: {message}", err=True)
    sys.exit(1)


def buat_engine() -> Engine:
    """An engine on HUMAS_DATABASE_URL (default: the SQLite file under data/), not yet prepared;
    its connections are closed when the process ends."""
    engine = make_engine(database_url())
    atexit.register(_tutup, weakref.ref(engine))
    return engine


def _tutup(engine: weakref.ref[Engine]) -> None:
    """Close the command's connections: the process ends without tearing its objects down
    (cli.main.jalankan), and closing the last connection is what lets SQLite fold its write-ahead
    log back into the database file, so that the file alone holds everything."""
    alive = engine()
    if alive is not None:
        alive.dispose()


def siapkan(engine: Engine) -> ReferenceCounts:
    """Create or upgrade the schema and load the reference data; a database that cannot be
    opened ends the command with the reason and what to check."""
    try:
        return prepare_database(engine)
    except DatabaseTidakTerbuka as error:
        _tidak_terbuka(engine, error)


def buka_database() -> Engine:
    """An engine on a prepared database (migrated, reference data loaded); when it already is,
    checking that costs one small query."""
    engine = buat_engine()
    try:
        pastikan_siap(engine)
    except DatabaseTidakTerbuka as error:
        _tidak_terbuka(engine, error)
    return engine


def _tidak_terbuka(engine: Engine, error: DatabaseTidakTerbuka) -> NoReturn:
    gagal(
        f"tidak dapat membuka database {describe_url(str(engine.url))}: {error.orig}. "
        "Periksa HUMAS_DATABASE_URL dan pastikan server database berjalan."
    )


def pilih_polda(session: Session, polda: str | None) -> PoldaInfo:
    """The Polda of ``--polda`` (name, abbreviation, or nasional); the first with active satker by default."""
    available = list_polda_aktif(session)
    if not available:
        raise click.UsageError("belum ada satker aktif di database; jalankan `python -m etl init`")
    if polda is None:
        return available[0]
    wanted = normalize_name(polda)
    if wanted in ("nasional", "semua"):
        return NASIONAL
    for info in available:
        if wanted in (normalize_name(info.nama), normalize_name(info.singkatan)):
            return info
    names = ", ".join(info.nama for info in available)
    raise click.BadParameter(
        f"Polda '{polda}' tidak dikenal atau tidak punya satker aktif. Pilihan: {names}.", param_hint="--polda"
    )


def pilih_daftar_kategori(session: Session, kategori: str) -> list[str]:
    """The kategori codes of a comma-separated ``--kategori`` (or every one for ``semua``)."""
    known = [k.kode for k in list_kategori(session)] + [JUARA_UMUM]
    if kategori == "semua":
        return known
    chosen = [kode.strip() for kode in kategori.split(",") if kode.strip()]
    unknown = [kode for kode in chosen if kode not in known]
    if unknown or not chosen:
        raise click.BadParameter(
            f"kategori tidak dikenal: {', '.join(unknown) or '(kosong)'}. Pilihan: {', '.join(known)}, semua.",
            param_hint="--kategori",
        )
    return chosen
