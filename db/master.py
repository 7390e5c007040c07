"""Master data an admin maintains: satker names (with the date a new name takes effect), which
satker are active, and the display labels of the categories. Each write checks the role and is
audited in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku, pastikan
from analytics.kelompok import TIPE_SATKER
from analytics.nama import find_name_at, normalize_name
from db.audit import catat
from db.models import Kategori, Polda, Satker, SatkerNama
from db.queries import satker_name_index


@dataclass(frozen=True)
class InfoSatker:
    """One satker as the master-data page lists it."""

    id: int
    nama: str
    tipe: str
    polda: str
    aktif: bool
    riwayat: tuple[tuple[str, dt.date], ...]


def daftar_satker(session: Session, polda_id: int | None = None) -> list[InfoSatker]:
    """Every satker (active or not) with its name history, by Polda and name."""
    query = select(Satker, Polda.nama).join(Polda, Polda.id == Satker.polda_id).order_by(Polda.nama, Satker.nama)
    if polda_id is not None:
        query = query.where(Satker.polda_id == polda_id)
    return [
        InfoSatker(
            s.id,
            s.nama,
            s.tipe,
            polda,
            s.aktif,
            tuple((entry.nama, entry.berlaku_mulai) for entry in sorted(s.riwayat_nama, key=lambda e: e.berlaku_mulai)),
        )
        for s, polda in session.execute(query)
    ]


def ganti_nama_satker(
    session: Session,
    pelaku: Pelaku,
    satker_id: int,
    nama_baru: str,
    tipe: str,
    berlaku_mulai: dt.date,
    catatan: str = "",
    hari_ini: dt.date | None = None,
) -> None:
    """Give a satker a new name from ``berlaku_mulai`` on; older months keep the old name and
    uploads under either name keep matching."""
    pastikan(pelaku, "kelola_satker")
    satker = session.get(Satker, satker_id)
    if satker is None:
        raise IsianSalah("Satker tidak ditemukan.")
    nama_baru = " ".join(nama_baru.split())
    if not nama_baru:
        raise IsianSalah("Nama baru kosong.")
    if tipe not in TIPE_SATKER:
        raise IsianSalah(f"Tipe harus salah satu dari: {', '.join(TIPE_SATKER)}.")
    dipakai = satker_name_index(session).get(normalize_name(nama_baru))
    if dipakai is not None and dipakai[0] != satker_id:
        raise IsianSalah(f"Nama “{nama_baru}” sudah dipakai satker lain.")
    terakhir = max(entry.berlaku_mulai for entry in satker.riwayat_nama)
    if berlaku_mulai <= terakhir:
        raise IsianSalah(f"Tanggal berlaku harus sesudah perubahan nama terakhir ({terakhir:%d-%m-%Y}).")
    satker.riwayat_nama.append(
        SatkerNama(nama=nama_baru, tipe=tipe, berlaku_mulai=berlaku_mulai, catatan=catatan.strip())
    )
    session.flush()
    current = find_name_at(satker.riwayat_nama, hari_ini or dt.date.today())
    satker.nama, satker.tipe = current.nama, current.tipe
    catat(
        session,
        pelaku,
        "satker_ganti_nama",
        satker_id=satker_id,
        nama_baru=nama_baru,
        berlaku_mulai=berlaku_mulai.isoformat(),
    )


def set_satker_aktif(session: Session, pelaku: Pelaku, satker_id: int, aktif: bool) -> None:
    """An inactive satker is left out of rankings and uploads; its history stays."""
    pastikan(pelaku, "kelola_satker")
    satker = session.get(Satker, satker_id)
    if satker is None:
        raise IsianSalah("Satker tidak ditemukan.")
    satker.aktif = aktif
    catat(
        session, pelaku, "satker_diaktifkan" if aktif else "satker_dinonaktifkan", satker_id=satker_id, nama=satker.nama
    )


def set_label_kategori(session: Session, pelaku: Pelaku, kode: str, label: str) -> None:
    """Change a category's display label; an empty label restores the official name."""
    pastikan(pelaku, "kelola_satker")
    kategori = session.get(Kategori, kode)
    if kategori is None:
        raise IsianSalah(f"Kategori {kode} tidak dikenal.")
    label = " ".join(label.split())
    if len(label) > 120:
        raise IsianSalah("Label kategori paling panjang 120 karakter.")
    sebelum = kategori.label_tampil
    kategori.label = label or None
    catat(session, pelaku, "kategori_ganti_label", kode=kode, sebelum=sebelum, sesudah=kategori.label_tampil)
