"""The original bytes of every accepted upload (``berkas_unggahan``): written with the upload in
the loader's transaction, read back only for a user allowed to see that upload, and every read is
written to the audit log.

Who may download: an admin any upload; an operator the monthly reports of their own satker (the
same rule as uploading them, analytics.izin); recap and award files only an admin. The check is
here, on the server, whatever a page shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku, TidakBerwenang, pastikan
from db.audit import catat
from db.models import BerkasUnggahan, Laporan, Unggahan

_TULIS = insert(BerkasUnggahan)


@dataclass(frozen=True)
class BerkasAsli:
    """A file exactly as it was sent."""

    nama_file: str
    sha256: str
    isi: bytes


def tulis_berkas_asli(session: Session, unggahan_id: int, isi: bytes) -> None:
    """Keep the bytes of an accepted upload, in the caller's transaction."""
    session.connection().execute(_TULIS, {"unggahan_id": unggahan_id, "isi": isi})


def unduh_berkas_asli(session: Session, pelaku: Pelaku | None, unggahan_id: int) -> BerkasAsli | None:
    """The original file of upload ``unggahan_id`` for ``pelaku``, recorded in the audit log (in the
    caller's transaction); None when no file was kept (DATA CONTOH, or accepted before files were
    kept). Raises :class:`TidakBerwenang` for a user who may not see it."""
    row = session.execute(
        select(Unggahan.jenis, Unggahan.nama_file, Unggahan.sha256, Laporan.satker_id)
        .outerjoin(Laporan, Laporan.unggahan_id == Unggahan.id)
        .where(Unggahan.id == unggahan_id)
    ).first()
    if row is None:
        raise TidakBerwenang(f"Unggahan #{unggahan_id} tidak ada.")
    jenis, nama_file, sha256, satker_id = row
    if jenis == "laporan_bulanan" and satker_id is not None:
        pastikan(pelaku, "unggah_laporan", satker_id)
    else:  # recaps and awards, and anything not tied to one satker: admins only
        pastikan(pelaku, "muat_penghargaan" if jenis == "penghargaan" else "muat_rekap")
    isi = session.scalar(select(BerkasUnggahan.isi).where(BerkasUnggahan.unggahan_id == unggahan_id))
    if isi is None:
        return None
    catat(session, pelaku, "unduh_berkas_asli", unggahan_id, file=nama_file, sha256=sha256, ukuran_byte=len(isi))
    return BerkasAsli(nama_file, sha256, bytes(isi))
