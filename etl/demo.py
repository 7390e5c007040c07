"""Storing and removing the demo data set (DATA CONTOH).

Every demo row carries ``is_demo = true`` (uploads, reports, monthly values) or hangs off a demo
report (activity rows), so removal touches nothing real.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from db.models import Aktivitas, AuditLog, Laporan, NilaiBulanan, Pengguna, Penghargaan, Satker, Unggahan
from db.monthly_values import recompute_monthly_values
from db.queries import has_demo_data
from etl.demo_data import DEMO_SEED, generate_demo

__all__ = ["DemoSummary", "has_demo_data", "remove_demo", "store_demo"]

INSERT_BATCH = 20_000


@dataclass(frozen=True)
class DemoSummary:
    laporan: int
    aktivitas: int
    nilai_bulanan: int


def store_demo(session: Session, seed: int = DEMO_SEED) -> DemoSummary:
    """Generate the demo set for every active satker and write it in the caller's transaction."""
    satker = {s.nama: s for s in session.scalars(select(Satker).where(Satker.aktif.is_(True)))}
    reports = generate_demo({nama: s.wilayah for nama, s in satker.items()}, seed=seed)
    activity_rows: list[dict[str, object]] = []
    latest: dict[tuple[int, object], Laporan] = {}
    for report in reports:
        unggahan = Unggahan(
            jenis="laporan_bulanan",
            nama_file=report.nama_file,
            sha256=report.sha256,
            ukuran_byte=0,
            diunggah_pada=report.dikirim_pada,
            is_demo=True,
        )
        laporan = Laporan(
            unggahan=unggahan,
            satker_id=satker[report.satker].id,
            periode=report.periode,
            versi=report.versi,
            status="aktif",
            dikirim_pada=report.dikirim_pada,
            nama_operator=report.nama_operator,
            is_demo=True,
        )
        session.add(laporan)
        key = (laporan.satker_id, report.periode)
        previous = latest.get(key)
        session.flush()
        if previous is not None:
            previous.status = "digantikan"
            previous.digantikan_oleh_id = laporan.id
        latest[key] = laporan
        for baris, row in enumerate(report.aktivitas, start=2):
            activity_rows.append(
                {
                    "laporan_id": laporan.id,
                    "satker_id": laporan.satker_id,
                    "periode": report.periode,
                    "kategori_kode": row.kategori_kode,
                    "baris": baris,
                    "tanggal": row.tanggal,
                    "judul": row.judul,
                    "platform": row.platform,
                    "url": row.url,
                }
            )
    session.flush()
    # Core executemany: the ORM's bulk path costs several times more per row.
    connection = session.connection()
    for start in range(0, len(activity_rows), INSERT_BATCH):
        connection.execute(insert(Aktivitas.__table__), activity_rows[start : start + INSERT_BATCH])
    written = recompute_monthly_values(session, latest.keys())
    session.add(
        AuditLog(aksi="demo_dimuat", detail={"seed": seed, "laporan": len(reports), "aktivitas": len(activity_rows)})
    )
    return DemoSummary(laporan=len(reports), aktivitas=len(activity_rows), nilai_bulanan=written)


def remove_demo(session: Session) -> DemoSummary:
    """Delete every demo row, leaving real reports, values, awards and users untouched."""
    demo_laporan = select(Laporan.id).where(Laporan.is_demo.is_(True))
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
    session.add(AuditLog(aksi="demo_dihapus", detail={"laporan": laporan, "aktivitas": aktivitas}))
    return DemoSummary(laporan=laporan, aktivitas=aktivitas, nilai_bulanan=nilai)
