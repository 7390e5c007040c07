"""Read queries about one satker: its monthly values, its submissions and versions, and the
activity rows (evidence) behind every count."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from analytics.periods import Rentang
from db.models import (
    Aktivitas,
    BerkasUnggahan,
    Kategori,
    Laporan,
    NilaiBulanan,
    Pengguna,
    TautanBersama,
    Unggahan,
)


@dataclass(frozen=True)
class NilaiSatker:
    periode: dt.date
    kategori_kode: str
    nilai: float
    sumber: str


def riwayat_nilai(session: Session, satker_id: int, rentang: Rentang) -> list[NilaiSatker]:
    """The satker's monthly values in the period, by month and kategori order."""
    rows = session.execute(
        select(NilaiBulanan.periode, NilaiBulanan.kategori_kode, NilaiBulanan.nilai, NilaiBulanan.sumber)
        .join(Kategori, Kategori.kode == NilaiBulanan.kategori_kode)
        .where(NilaiBulanan.satker_id == satker_id, NilaiBulanan.periode.between(rentang.awal, rentang.akhir))
        .order_by(NilaiBulanan.periode, Kategori.urutan)
    )
    return [NilaiSatker(*row) for row in rows]


@dataclass(frozen=True)
class VersiLaporan:
    """One stored version of a monthly report and the file it came from."""

    laporan_id: int
    periode: dt.date
    versi: int
    status: str
    dikirim_pada: dt.datetime
    nama_operator: str
    nama_file: str
    sha256: str
    jumlah_baris: int
    diunggah_oleh: str | None = None
    unggahan_id: int | None = None
    ada_berkas: bool = False
    """Whether the original file was kept (db.berkas_asli); DATA CONTOH has none."""


def riwayat_laporan(session: Session, satker_id: int, rentang: Rentang | None = None) -> list[VersiLaporan]:
    """Every version the satker submitted (newest month and version first)."""
    rows_per_report = (
        select(Aktivitas.laporan_id, func.count().label("jumlah")).group_by(Aktivitas.laporan_id).subquery()
    )
    query = (
        select(
            Laporan.id,
            Laporan.periode,
            Laporan.versi,
            Laporan.status,
            Laporan.dikirim_pada,
            Laporan.nama_operator,
            Unggahan.nama_file,
            Unggahan.sha256,
            func.coalesce(rows_per_report.c.jumlah, 0),
            Pengguna.username,
            Unggahan.id,
            exists().where(BerkasUnggahan.unggahan_id == Unggahan.id),
        )
        .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
        .outerjoin(Pengguna, Pengguna.id == Unggahan.diunggah_oleh_id)
        .outerjoin(rows_per_report, rows_per_report.c.laporan_id == Laporan.id)
        .where(Laporan.satker_id == satker_id)
        .order_by(Laporan.periode.desc(), Laporan.versi.desc())
    )
    if rentang is not None:
        query = query.where(Laporan.periode.between(rentang.awal, rentang.akhir))
    return [VersiLaporan(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class BuktiAktivitas:
    """One activity row behind a count: where it came from (file, sheet row) and its link."""

    periode: dt.date
    tanggal: dt.date
    judul: str
    platform: str | None
    url: str
    baris: int
    versi: int
    nama_file: str
    tautan_ganda: bool


def bukti_aktivitas(session: Session, satker_id: int, rentang: Rentang, kategori_kode: str) -> list[BuktiAktivitas]:
    """The activity rows of the active report versions behind a satker's count in a period.

    ``tautan_ganda`` marks rows whose link another satker also claimed in the same month (looked
    up in the pre-computed ``tautan_bersama``).
    """
    rows = session.execute(
        select(
            Aktivitas.periode,
            Aktivitas.tanggal,
            Aktivitas.judul,
            Aktivitas.platform,
            Aktivitas.url,
            Aktivitas.baris,
            Laporan.versi,
            Unggahan.nama_file,
            TautanBersama.url.is_not(None),
        )
        .join(Laporan, Laporan.id == Aktivitas.laporan_id)
        .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
        .outerjoin(
            TautanBersama,
            and_(TautanBersama.periode == Aktivitas.periode, TautanBersama.url == Aktivitas.url_kanonik),
        )
        .where(  # on the report's columns, so the report indexes lead to the rows
            Laporan.status == "aktif",
            Laporan.satker_id == satker_id,
            Laporan.periode.between(rentang.awal, rentang.akhir),
            Aktivitas.kategori_kode == kategori_kode,
        )
        .order_by(Aktivitas.periode, Aktivitas.baris)
    )
    return [BuktiAktivitas(*row) for row in rows]


@dataclass(frozen=True)
class BarisVersi:
    """One activity row of one report version, as its sheet held it."""

    kategori_kode: str
    baris: int
    tanggal: dt.date | None
    judul: str | None
    platform: str | None
    url: str


def baris_versi(session: Session, satker_id: int, laporan_id: int) -> list[BarisVersi]:
    """Every activity row of a report version of ``satker_id``, active or superseded: what an older
    version claimed stays visible after a correction replaced it."""
    rows = session.execute(
        select(Aktivitas.kategori_kode, Aktivitas.baris, Aktivitas.tanggal, Aktivitas.judul, Aktivitas.platform)
        .add_columns(Aktivitas.url)
        .join(Laporan, Laporan.id == Aktivitas.laporan_id)
        .where(Laporan.id == laporan_id, Laporan.satker_id == satker_id)
        .order_by(Aktivitas.kategori_kode, Aktivitas.baris)
    )
    return [BarisVersi(*row) for row in rows]
