"""Writing and removing the rows of the demo data set (DATA CONTOH), in the caller's transaction.

Every demo row carries ``is_demo = true`` (uploads, reports, monthly values, users) or hangs off
a demo report (activity rows), so removal touches nothing real. The data set itself is made by
``etl.demo_data``; ``etl.demo`` decides when it is stored or removed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, exists, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from analytics.tautan import kanonik
from db.bulk import bulk_insert, refresh_statistics
from db.models import (
    Aktivitas,
    AuditLog,
    Laporan,
    NilaiBulanan,
    Pengguna,
    Penghargaan,
    Satker,
    TautanGandaBulanan,
    Unggahan,
    kunci_tautan,
)
from db.nilai_bulanan import hitung_ulang_nilai_bulanan
from db.nilai_turunan import hitung_ulang_turunan
from db.tautan_ganda import hitung_ulang_tautan_ganda

KOLOM_AKTIVITAS = (  # every column of an activity row, in the order bulk inserts take them
    "laporan_id",
    "satker_id",
    "periode",
    "kategori_kode",
    "baris",
    "tanggal",
    "judul",
    "platform",
    "url",
    "url_kanonik",
    "url_kunci",
)


def _kanonik_dan_kunci(url: str) -> tuple[str, int]:
    bentuk = kanonik(url)
    return bentuk, kunci_tautan(bentuk)


@dataclass(frozen=True)
class LaporanContoh:
    """One demo report version with its activity rows: (kategori code, date, title, platform, link)."""

    satker_id: int
    periode: dt.date
    versi: int
    dikirim_pada: dt.datetime
    nama_operator: str
    nama_file: str
    sha256: str
    aktivitas: Sequence[tuple[str, dt.date, str, str, str]]


@dataclass(frozen=True)
class JumlahContoh:
    laporan: int
    aktivitas: int
    nilai_bulanan: int


def baca_satker_contoh(session: Session) -> list[tuple[int, str, str]]:
    """(id, name, region) of every active satker, in the order the demo generator has always
    received them (its random draws follow that order)."""
    return [(s.id, s.nama, s.wilayah) for s in session.scalars(select(Satker).where(Satker.aktif.is_(True)))]


def tulis_contoh(session: Session, laporan: Sequence[LaporanContoh]) -> JumlahContoh:
    """Write the demo reports in order (a later version of a satker-month supersedes the earlier),
    then their monthly values and shared links.

    Written with Core bulk inserts (ids come back through RETURNING in input order): about a
    thousand reports and a hundred thousand rows would take many round trips through the ORM.
    """
    connection = session.connection()
    unggahan_ids = (
        connection.execute(
            insert(Unggahan).returning(Unggahan.id, sort_by_parameter_order=True),
            [
                {
                    "jenis": "laporan_bulanan",
                    "nama_file": r.nama_file,
                    "sha256": r.sha256,
                    "ukuran_byte": 0,
                    "diunggah_pada": r.dikirim_pada,
                    "is_demo": True,
                }
                for r in laporan
            ],
        )
        .scalars()
        .all()
    )
    laporan_ids = (
        connection.execute(
            insert(Laporan).returning(Laporan.id, sort_by_parameter_order=True),
            [
                {
                    "unggahan_id": unggahan_id,
                    "satker_id": r.satker_id,
                    "periode": r.periode,
                    "versi": r.versi,
                    "status": "aktif",
                    "dikirim_pada": r.dikirim_pada,
                    "nama_operator": r.nama_operator,
                    "is_demo": True,
                }
                for unggahan_id, r in zip(unggahan_ids, laporan, strict=True)
            ],
        )
        .scalars()
        .all()
    )
    latest: dict[tuple[int, dt.date], int] = {}
    superseded: list[dict[str, object]] = []
    activity_rows: list[tuple[object, ...]] = []
    for laporan_id, report in zip(laporan_ids, laporan, strict=True):
        key = (report.satker_id, report.periode)
        if key in latest:
            superseded.append({"old_id": latest[key], "new_id": laporan_id})
        latest[key] = laporan_id
        activity_rows.extend(
            (laporan_id, key[0], report.periode, kode, baris, tanggal, judul, platform, url, *_kanonik_dan_kunci(url))
            for baris, (kode, tanggal, judul, platform, url) in enumerate(report.aktivitas, start=2)
        )
    if superseded:
        table = Laporan.__table__
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("old_id"))
            .values(status="digantikan", digantikan_oleh_id=bindparam("new_id")),
            superseded,
        )
    bulk_insert(connection, Aktivitas.__table__, KOLOM_AKTIVITAS, activity_rows)
    refresh_statistics(connection, Aktivitas.__table__, Laporan.__table__)
    written = hitung_ulang_nilai_bulanan(session, latest.keys())
    hitung_ulang_tautan_ganda(session, {periode for _, periode in latest})
    refresh_statistics(connection, NilaiBulanan.__table__, TautanGandaBulanan.__table__)
    return JumlahContoh(laporan=len(laporan), aktivitas=len(activity_rows), nilai_bulanan=written)


def hapus_contoh(session: Session) -> JumlahContoh:
    """Delete every demo row, leaving real reports, values, awards and users untouched; real
    history (audit entries, uploads) that pointed at a demo account stays, without the account.

    A satker-month where real uploads followed demo versions keeps only its real versions,
    renumbered 1, 2, 3 in their order, the newest active; its monthly values are counted again,
    so kecepatan_laporan comes from the first real upload, not from the demo one.
    """
    demo_laporan = select(Laporan.id).where(Laporan.is_demo.is_(True))
    months = set(session.scalars(select(Laporan.periode).where(Laporan.is_demo.is_(True)).distinct()))
    demo_pairs = session.execute(
        select(NilaiBulanan.satker_id, NilaiBulanan.periode).where(NilaiBulanan.is_demo.is_(True)).distinct()
    ).all()
    campuran = _bulan_campuran(session)
    aktivitas = session.scalar(select(func.count()).where(Aktivitas.laporan_id.in_(demo_laporan))) or 0
    laporan = session.scalar(select(func.count()).select_from(Laporan).where(Laporan.is_demo.is_(True))) or 0
    nilai = session.execute(delete(NilaiBulanan).where(NilaiBulanan.is_demo.is_(True))).rowcount
    session.execute(delete(Aktivitas).where(Aktivitas.laporan_id.in_(demo_laporan)))
    session.execute(update(Laporan).where(Laporan.digantikan_oleh_id.in_(demo_laporan)).values(digantikan_oleh_id=None))
    session.execute(update(Laporan).where(Laporan.is_demo.is_(True)).values(digantikan_oleh_id=None))
    session.execute(delete(Laporan).where(Laporan.is_demo.is_(True)))
    _susun_ulang_versi(session, campuran)
    session.execute(delete(Penghargaan).where(Penghargaan.is_demo.is_(True)))
    session.execute(delete(Unggahan).where(Unggahan.is_demo.is_(True)))
    demo_users = select(Pengguna.id).where(Pengguna.is_demo.is_(True))
    session.execute(update(AuditLog).where(AuditLog.pengguna_id.in_(demo_users)).values(pengguna_id=None))
    session.execute(update(Unggahan).where(Unggahan.diunggah_oleh_id.in_(demo_users)).values(diunggah_oleh_id=None))
    session.execute(delete(Pengguna).where(Pengguna.is_demo.is_(True)))
    hitung_ulang_tautan_ganda(session, months)  # real reports may have shared links with demo ones
    hitung_ulang_nilai_bulanan(session, campuran)
    hitung_ulang_turunan(session, [(satker_id, periode) for satker_id, periode in demo_pairs])
    return JumlahContoh(laporan=laporan, aktivitas=aktivitas, nilai_bulanan=nilai)


def _bulan_campuran(session: Session) -> set[tuple[int, dt.date]]:
    """Satker-months holding both demo and real report versions."""
    demo = aliased(Laporan)
    ada_demo = exists().where(
        demo.is_demo.is_(True), demo.satker_id == Laporan.satker_id, demo.periode == Laporan.periode
    )
    query = select(Laporan.satker_id, Laporan.periode).where(Laporan.is_demo.is_(False), ada_demo).distinct()
    return {(satker_id, periode) for satker_id, periode in session.execute(query)}


def _susun_ulang_versi(session: Session, pairs: set[tuple[int, dt.date]]) -> None:
    """The remaining (real) versions of each month numbered 1..n in their order, each older one
    superseded by the next, the newest active. Renumbered from the lowest up, one row at a time,
    so that no two versions hold the same number at any moment (the unique constraint)."""
    for satker_id, periode in sorted(pairs):
        versi = session.scalars(
            select(Laporan).where(Laporan.satker_id == satker_id, Laporan.periode == periode).order_by(Laporan.versi)
        ).all()
        for nomor, laporan in enumerate(versi, start=1):
            laporan.versi = nomor
            session.flush()
        for lama, baru in zip(versi, [*versi[1:], None], strict=True):
            lama.status = "aktif" if baru is None else "digantikan"
            lama.digantikan_oleh_id = None if baru is None else baru.id
        session.flush()
