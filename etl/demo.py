"""Storing and removing the demo data set (DATA CONTOH).

Every demo row carries ``is_demo = true`` (uploads, reports, monthly values) or hangs off a demo
report (activity rows), so removal touches nothing real.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from analytics.izin import Pelaku, Peran
from db.akun import cari_pengguna, tambah_pengguna
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
from etl.demo_data import DEMO_SEED, generate_demo

AKUN_CONTOH: tuple[tuple[str, Peran, str | None, str], ...] = (
    ("admin.contoh", "admin", None, "Admin Contoh"),
    ("pimpinan.contoh", "pimpinan", None, "Pimpinan Contoh"),
    ("operator.kedirikota", "operator", "Polres Kediri Kota", "Operator Contoh Polres Kediri Kota"),
)
KATA_SANDI_CONTOH: dict[Peran, str] = {
    "admin": "contoh-admin-123",
    "pimpinan": "contoh-pimpinan-123",
    "operator": "contoh-operator-123",
}
"""Published in the README: the demo accounts exist only together with DATA CONTOH."""


@dataclass(frozen=True)
class DemoSummary:
    laporan: int
    aktivitas: int
    nilai_bulanan: int


def store_demo(session: Session, seed: int = DEMO_SEED) -> DemoSummary:
    """Generate the demo set for every active satker and write it in the caller's transaction.

    Written with Core bulk inserts (ids come back through RETURNING in input order): about
    a thousand reports and a hundred thousand rows would take many round trips through the ORM.
    """
    satker = session.scalars(select(Satker).where(Satker.aktif.is_(True))).all()
    satker_id = {s.nama: s.id for s in satker}
    reports = generate_demo({s.nama: s.wilayah for s in satker}, seed=seed)
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
                for r in reports
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
                    "satker_id": satker_id[r.satker],
                    "periode": r.periode,
                    "versi": r.versi,
                    "status": "aktif",
                    "dikirim_pada": r.dikirim_pada,
                    "nama_operator": r.nama_operator,
                    "is_demo": True,
                }
                for unggahan_id, r in zip(unggahan_ids, reports, strict=True)
            ],
        )
        .scalars()
        .all()
    )
    latest: dict[tuple[int, object], int] = {}
    superseded: list[dict[str, object]] = []
    activity_rows: list[tuple[object, ...]] = []
    for laporan_id, report in zip(laporan_ids, reports, strict=True):
        key = (satker_id[report.satker], report.periode)
        if key in latest:
            superseded.append({"old_id": latest[key], "new_id": laporan_id})
        latest[key] = laporan_id
        activity_rows.extend(
            (
                laporan_id,
                key[0],
                report.periode,
                row.kategori_kode,
                baris,
                row.tanggal,
                row.judul,
                row.platform,
                row.url,
                kunci_tautan(row.url),
            )
            for baris, row in enumerate(report.aktivitas, start=2)
        )
    if superseded:
        table = Laporan.__table__
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("old_id"))
            .values(status="digantikan", digantikan_oleh_id=bindparam("new_id")),
            superseded,
        )
    columns = (
        "laporan_id",
        "satker_id",
        "periode",
        "kategori_kode",
        "baris",
        "tanggal",
        "judul",
        "platform",
        "url",
        "url_kunci",
    )
    bulk_insert(connection, Aktivitas.__table__, columns, activity_rows)
    refresh_statistics(connection, Aktivitas.__table__, Laporan.__table__)
    written = hitung_ulang_nilai_bulanan(session, latest.keys())
    hitung_ulang_tautan_ganda(session, {periode for _, periode in latest})
    refresh_statistics(connection, NilaiBulanan.__table__, TautanGandaBulanan.__table__)
    ensure_demo_accounts(session)
    session.add(
        AuditLog(aksi="demo_dimuat", detail={"seed": seed, "laporan": len(reports), "aktivitas": len(activity_rows)})
    )
    return DemoSummary(laporan=len(reports), aktivitas=len(activity_rows), nilai_bulanan=written)


def ensure_demo_accounts(session: Session) -> None:
    """The demo accounts of the README, one per role, flagged as demo (removed with the demo data);
    also added to a database whose demo data predates them."""
    sistem = Pelaku.baris_perintah()
    satker_id = dict(session.execute(select(Satker.nama, Satker.id).where(Satker.aktif.is_(True))).all())
    for username, peran, satker, nama in AKUN_CONTOH:
        if cari_pengguna(session, username) is None:
            satker_ref = satker_id.get(satker) if satker else None
            if satker and satker_ref is None:
                continue  # the operator's satker is not active in this database
            tambah_pengguna(session, sistem, username, KATA_SANDI_CONTOH[peran], peran, nama, satker_ref, is_demo=True)


def remove_demo(session: Session) -> DemoSummary:
    """Delete every demo row, leaving real reports, values, awards and users untouched."""
    demo_laporan = select(Laporan.id).where(Laporan.is_demo.is_(True))
    months = set(session.scalars(select(Laporan.periode).where(Laporan.is_demo.is_(True)).distinct()))
    demo_pairs = session.execute(
        select(NilaiBulanan.satker_id, NilaiBulanan.periode).where(NilaiBulanan.is_demo.is_(True)).distinct()
    ).all()
    aktivitas = session.scalar(select(func.count()).where(Aktivitas.laporan_id.in_(demo_laporan))) or 0
    laporan = session.scalar(select(func.count()).select_from(Laporan).where(Laporan.is_demo.is_(True))) or 0
    nilai = session.execute(delete(NilaiBulanan).where(NilaiBulanan.is_demo.is_(True))).rowcount
    session.execute(delete(Aktivitas).where(Aktivitas.laporan_id.in_(demo_laporan)))
    session.execute(update(Laporan).where(Laporan.is_demo.is_(True)).values(digantikan_oleh_id=None))
    session.execute(delete(Laporan).where(Laporan.is_demo.is_(True)))
    session.execute(delete(Penghargaan).where(Penghargaan.is_demo.is_(True)))
    session.execute(delete(Unggahan).where(Unggahan.is_demo.is_(True)))
    demo_users = select(Pengguna.id).where(Pengguna.is_demo.is_(True))
    # Real history stays; it just no longer points at an account that is gone.
    session.execute(update(AuditLog).where(AuditLog.pengguna_id.in_(demo_users)).values(pengguna_id=None))
    session.execute(update(Unggahan).where(Unggahan.diunggah_oleh_id.in_(demo_users)).values(diunggah_oleh_id=None))
    session.execute(delete(Pengguna).where(Pengguna.is_demo.is_(True)))
    hitung_ulang_tautan_ganda(session, months)  # real reports may have shared links with demo ones
    hitung_ulang_turunan(session, [(satker_id, periode) for satker_id, periode in demo_pairs])
    session.add(AuditLog(aksi="demo_dihapus", detail={"laporan": laporan, "aktivitas": aktivitas}))
    return DemoSummary(laporan=laporan, aktivitas=aktivitas, nilai_bulanan=nilai)
