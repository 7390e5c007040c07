"""What an accepted upload writes, inside the caller's single transaction: the file record, the
versions of a satker's monthly report with their activity rows, recap values and award results.

The loader (etl.store) decides what to write and says it in Indonesian; these functions take
plain values. A report's activity rows are written ahead, before the write lock is taken
(:func:`tulis_baris_lebih_dulu`), and become part of the database only when the report version
is written in the same transaction (:func:`tulis_versi_laporan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from db.bulk import buang_baris_disiapkan, bulk_insert, salin_baris_disiapkan, siapkan_baris
from db.models import Aktivitas, Laporan, NilaiBulanan, Penghargaan, Unggahan, utc_now
from db.nilai_turunan import hitung_ulang_turunan

AKTIVITAS = Aktivitas.__table__
NilaiRekap = tuple[int, dt.date, str, float]
"""(satker id, month, kategori code, value) of one recap cell."""

# Core statements built once, with the values bound at run time: storing a report is a dozen
# small statements, and the ORM's unit of work and its first compile in every worker process of
# a folder load cost more than running them.
_TULIS_UNGGAHAN = insert(Unggahan).returning(Unggahan.id)
_TULIS_LAPORAN = insert(Laporan).returning(Laporan.id)
_VERSI = (
    select(Laporan.id, Laporan.versi, Laporan.status, Laporan.dikirim_pada, Unggahan.sha256)
    .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
    .where(Laporan.satker_id == bindparam("satker_id"), Laporan.periode == bindparam("periode"))
    .order_by(Laporan.versi)
)
_VERSI_DIKUNCI = _VERSI.with_for_update(of=Laporan)
_DIGANTIKAN = (
    update(Laporan)
    .where(Laporan.id == bindparam("lama"))
    .values(status="digantikan", digantikan_oleh_id=bindparam("baru"))
)
_NOMOR_LAPORAN = select(func.nextval(func.pg_get_serial_sequence("laporan", "id")))


@dataclass(frozen=True)
class BarisLebihDulu:
    """A report's activity rows written before its month is locked (:func:`tulis_baris_lebih_dulu`).

    ``laporan_id``: PostgreSQL, the rows are in ``aktivitas`` already, in this transaction, under
    this report id taken from the report table's sequence. None: SQLite, the rows wait in the
    connection's staging table (db.bulk.siapkan_baris) for the report's id.
    """

    laporan_id: int | None


def tulis_baris_lebih_dulu(
    session: Session, satker_id: int, periode: dt.date, kolom: Sequence[str], baris: Sequence[tuple[Any, ...]]
) -> BarisLebihDulu:
    """Write a report's activity rows (tuples in ``kolom`` order) before the write lock is taken
    (db.transaksi.sesi_tulis): binding them is most of the time of storing a report, and
    meanwhile another upload may store its own. PostgreSQL writes them in this transaction,
    invisible to others until it commits with their report. SQLite, one writer at a time, binds
    them into a staging table, from which :func:`tulis_versi_laporan` copies them under the lock
    in half the time.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        siapkan_baris(connection, AKTIVITAS, kolom, baris)
        return BarisLebihDulu(None)
    laporan_id = connection.execute(_NOMOR_LAPORAN).scalar_one()
    bulk_insert(connection, AKTIVITAS, kolom, baris, _tetap(laporan_id, satker_id, periode))
    return BarisLebihDulu(laporan_id)


def buang_baris_lebih_dulu(session: Session, baris: BarisLebihDulu) -> None:
    """Drop the rows written ahead for a report that is not stored after all (the same file)."""
    if baris.laporan_id is None:
        buang_baris_disiapkan(session.connection(), AKTIVITAS)
    else:
        session.execute(delete(Aktivitas).where(Aktivitas.laporan_id == baris.laporan_id))


def _tetap(laporan_id: int, satker_id: int, periode: dt.date) -> dict[str, int | dt.date]:
    """The columns every activity row of a report shares."""
    return {"laporan_id": laporan_id, "satker_id": satker_id, "periode": periode}


@dataclass(frozen=True)
class VersiTersimpan:
    """A stored version of a satker's monthly report and its file's digest."""

    id: int
    versi: int
    status: str
    dikirim_pada: dt.datetime
    sha256: str


def baca_versi(session: Session, satker_id: int, periode: dt.date, kunci: bool = False) -> list[VersiTersimpan]:
    """Every stored version of the satker's report for the month, oldest first; ``kunci`` also
    locks them until the transaction ends (taken after the month's lock, db.transaksi)."""
    rows = session.connection().execute(
        _VERSI_DIKUNCI if kunci else _VERSI, {"satker_id": satker_id, "periode": periode}
    )
    return [VersiTersimpan(*row) for row in rows]


def tulis_unggahan(
    session: Session,
    jenis: str,
    nama_file: str,
    sha256: str,
    ukuran_byte: int,
    diunggah_oleh_id: int | None,
    diunggah_pada: dt.datetime,
) -> int:
    """Record an accepted file; returns its id."""
    return (
        session.connection()
        .execute(
            _TULIS_UNGGAHAN,
            {
                "jenis": jenis,
                "nama_file": nama_file,
                "sha256": sha256,
                "ukuran_byte": ukuran_byte,
                "diunggah_oleh_id": diunggah_oleh_id,
                "diunggah_pada": diunggah_pada,
            },
        )
        .scalar_one()
    )


def tulis_versi_laporan(
    session: Session,
    unggahan_id: int,
    satker_id: int,
    periode: dt.date,
    versi: int,
    dikirim_pada: dt.datetime,
    nama_operator: str,
    baris: BarisLebihDulu,
    kolom: Sequence[str],
    menggantikan: int | None,
) -> int:
    """Store a new active version of a report with the rows written ahead (``kolom``, as given to
    :func:`tulis_baris_lebih_dulu`), marking the version it supersedes, if any; returns its id."""
    connection = session.connection()
    values = {
        "unggahan_id": unggahan_id,
        "satker_id": satker_id,
        "periode": periode,
        "versi": versi,
        "status": "aktif",
        "dikirim_pada": dikirim_pada,
        "nama_operator": nama_operator,
    }
    if baris.laporan_id is not None:
        values["id"] = baris.laporan_id
    laporan_id = connection.execute(_TULIS_LAPORAN, values).scalar_one()
    if menggantikan is not None:
        connection.execute(_DIGANTIKAN, {"lama": menggantikan, "baru": laporan_id})
    if baris.laporan_id is None:
        salin_baris_disiapkan(connection, AKTIVITAS, kolom, _tetap(laporan_id, satker_id, periode))
    return laporan_id


@dataclass(frozen=True)
class UnggahanSama:
    """An earlier upload of the same file (same kind and SHA-256)."""

    nama_file: str
    diunggah_pada: dt.datetime


def cari_unggahan_sama(session: Session, jenis: str, sha256: str) -> UnggahanSama | None:
    """The first upload of this kind with the same digest, if the file was loaded before."""
    row = session.execute(
        select(Unggahan.nama_file, Unggahan.diunggah_pada)
        .where(Unggahan.jenis == jenis, Unggahan.sha256 == sha256)
        .order_by(Unggahan.id)
        .limit(1)
    ).first()
    return None if row is None else UnggahanSama(*row)


def baca_satker_bulan_berlaporan(session: Session) -> set[tuple[int, dt.date]]:
    """Every (satker id, month) that has an active monthly report."""
    rows = session.execute(select(Laporan.satker_id, Laporan.periode).where(Laporan.status == "aktif").distinct())
    return {(satker_id, periode) for satker_id, periode in rows}


def ganti_nilai_rekap(
    session: Session, unggahan_id: int, satker_bulan: Iterable[tuple[int, dt.date]], nilai: Sequence[NilaiRekap]
) -> None:
    """Replace the recap values of these satker-months with ``nilai`` from the recap file
    ``unggahan_id``, and what is derived from them."""
    pairs = list(satker_bulan)
    for satker_id, periode in pairs:
        session.execute(
            delete(NilaiBulanan).where(
                NilaiBulanan.sumber == "rekap", NilaiBulanan.satker_id == satker_id, NilaiBulanan.periode == periode
            )
        )
    now = utc_now()
    rows = [
        {
            "satker_id": satker_id,
            "periode": periode,
            "sumber": "rekap",
            "unggahan_id": unggahan_id,
            "diperbarui_pada": now,
            "is_demo": False,
            "kategori_kode": kode,
            "nilai": value,
        }
        for satker_id, periode, kode, value in nilai
    ]
    if rows:
        session.execute(insert(NilaiBulanan), rows)
    hitung_ulang_turunan(session, pairs)


def ada_penghargaan(
    session: Session, acara: str, tahun: int, kategori_kode: str, peringkat: int, satker_id: int
) -> bool:
    """Whether this award result is recorded already."""
    jumlah = session.scalar(
        select(func.count())
        .select_from(Penghargaan)
        .where(
            Penghargaan.acara == acara,
            Penghargaan.tahun == tahun,
            Penghargaan.kategori_kode == kategori_kode,
            Penghargaan.peringkat == peringkat,
            Penghargaan.satker_id == satker_id,
        )
    )
    return bool(jumlah)


def tulis_penghargaan(
    session: Session, acara: str, tahun: int, kategori_kode: str, peringkat: int, satker_id: int, unggahan_id: int
) -> None:
    """Record one award result from an uploaded file."""
    session.add(
        Penghargaan(
            acara=acara,
            tahun=tahun,
            kategori_kode=kategori_kode,
            peringkat=peringkat,
            satker_id=satker_id,
            unggahan_id=unggahan_id,
        )
    )
