"""Read queries for the pages and the command line.

Each function takes a session and returns plain values (dataclasses, dicts) that can be cached
and pickled; the aggregation happens in SQL on the pre-aggregated monthly values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analytics.nama import find_name_at, normalize_name
from analytics.peringkat import Arah
from db.models import (
    AuditLog,
    Kategori,
    Laporan,
    NilaiBulanan,
    Pengaturan,
    Pengguna,
    Polda,
    Satker,
    SatkerNama,
    Unggahan,
)

AKSI_TANPA_DATA = ("masuk", "masuk_gagal", "keluar", "akun_terkunci", "ekspor")


@dataclass(frozen=True)
class KategoriInfo:
    kode: str
    label: str
    nama_tampilan: str
    satuan: str
    arah: Arah
    urutan: int
    nama_sheet: str | None


def list_kategori(session: Session) -> list[KategoriInfo]:
    """The ten categories in display order, with their current (editable) labels."""
    return [
        KategoriInfo(kode, label or nama_tampilan, nama_tampilan, satuan, cast(Arah, arah), urutan, nama_sheet)
        for kode, label, nama_tampilan, satuan, arah, urutan, nama_sheet in session.execute(_KATEGORI_INFO)
    ]


# Columns rather than entities: the list is read for every ranking, and loading ORM objects into
# the session cost more than the query.
_KATEGORI_INFO = select(
    Kategori.kode,
    Kategori.label,
    Kategori.nama_tampilan,
    Kategori.satuan,
    Kategori.arah,
    Kategori.urutan,
    Kategori.nama_sheet,
).order_by(Kategori.urutan)


def list_periode(session: Session) -> list[dt.date]:
    """Months that hold any monthly value, newest first."""
    return list(session.scalars(select(NilaiBulanan.periode).distinct().order_by(NilaiBulanan.periode.desc())))


def satker_names_at(session: Session, tanggal: dt.date) -> dict[int, str]:
    """Satker id → the name in force on ``tanggal`` (Polres Tuban before its rename, ...)."""
    history: dict[int, list[Any]] = {}
    for entry in session.execute(select(SatkerNama.satker_id, SatkerNama.nama, SatkerNama.berlaku_mulai)):
        history.setdefault(entry.satker_id, []).append(entry)  # rows: no ORM objects to build
    return {satker_id: find_name_at(entries, tanggal).nama for satker_id, entries in history.items()}


def cari_polda(session: Session, nama: str) -> int | None:
    """The id of the Polda named ``nama`` or abbreviated so (any case and spacing), or None."""
    wanted = normalize_name(nama)
    for polda_id, lengkap, singkatan in session.execute(select(Polda.id, Polda.nama, Polda.singkatan)):
        if wanted in (normalize_name(lengkap), normalize_name(singkatan)):
            return polda_id
    return None


def satker_aktif_semua(session: Session, polda_id: int | None = None) -> dict[int, str]:
    """Every active satker of every Polda (of one Polda when ``polda_id`` is given): id → current
    name, by name (the admin's upload and account choices)."""
    query = select(Satker.id, Satker.nama).where(Satker.aktif.is_(True)).order_by(Satker.nama)
    if polda_id is not None:
        query = query.where(Satker.polda_id == polda_id)
    return dict(session.execute(query).all())


def has_demo_data(session: Session) -> bool:
    """True when any demo report is stored (pages then show the DATA CONTOH banner)."""
    return session.scalar(select(Laporan.id).where(Laporan.is_demo.is_(True)).limit(1)) is not None


def has_demo_accounts(session: Session) -> bool:
    """True while the demo accounts (listed in the README) exist."""
    return session.scalar(select(Pengguna.id).where(Pengguna.is_demo.is_(True)).limit(1)) is not None


def has_any_report(session: Session) -> bool:
    """True when the database holds any report or monthly value, real or demo."""
    return (
        session.scalar(select(Laporan.id).limit(1)) is not None
        or session.scalar(select(NilaiBulanan.id).limit(1)) is not None
    )


def demo_was_removed(session: Session) -> bool:
    """True once ``demo --hapus`` has run, so a restart does not bring the demo data back."""
    return session.scalar(select(AuditLog.id).where(AuditLog.aksi == "demo_dihapus").limit(1)) is not None


def satker_name_index(session: Session) -> dict[str, tuple[int, str]]:
    """Every name a satker has or had, normalised → (satker id, current name); for matching uploads."""
    current = dict(session.execute(select(Satker.id, Satker.nama)).all())
    return {
        normalize_name(nama): (satker_id, current[satker_id])
        for satker_id, nama in session.execute(select(SatkerNama.satker_id, SatkerNama.nama))
    }


def data_version(session: Session) -> tuple[int | None, int | None, str | None]:
    """Changes whenever data or settings change (every write adds an audit entry or an upload);
    the page cache is keyed on it so a landed load shows at once. Logins, logouts and exports
    change no data and are left out, so they do not empty the cache."""
    latest_setting = session.scalar(select(func.max(Pengaturan.diubah_pada)))
    return (
        session.scalar(select(func.max(AuditLog.id)).where(AuditLog.aksi.notin_(AKSI_TANPA_DATA))),
        session.scalar(select(func.max(Unggahan.id))),
        None if latest_setting is None else latest_setting.isoformat(),
    )
