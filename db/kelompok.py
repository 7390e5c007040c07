"""Peer groups as stored: the built-in type groups and the groups an admin defines.

A group is addressed by a code (``kode``): the name without case and spacing, e.g. ``polresta`` or
``zona utara``; the four satker types are groups of their own and are never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku, pastikan
from analytics.kelompok import TIPE_SATKER, kelompokkan_per_tipe
from db.audit import catat
from db.models import Kelompok, KelompokAnggota, Satker, utc_now
from db.target import tipe_satker_hari_ini


def kode_kelompok(nama: str) -> str:
    """A group's code: its name without case and repeated spacing.

    >>> kode_kelompok("  Zona   Utara ")
    'zona utara'
    """
    return re.sub(r"\s+", " ", nama).strip().casefold()


@dataclass(frozen=True)
class InfoKelompok:
    """A group: code, name, members (satker ids) and whether it is a built-in type group."""

    kode: str
    nama: str
    anggota: frozenset[int]
    bawaan: bool


def daftar_kelompok(session: Session, hari: dt.date | None = None) -> list[InfoKelompok]:
    """The four type groups (members by their type on ``hari``), then the admin's groups by name."""
    per_tipe = kelompokkan_per_tipe(tipe_satker_hari_ini(session, hari))
    result = [InfoKelompok(kode_kelompok(tipe), tipe, per_tipe[tipe], True) for tipe in TIPE_SATKER]
    members: dict[int, set[int]] = {}
    for kelompok_id, satker_id in session.execute(select(KelompokAnggota.kelompok_id, KelompokAnggota.satker_id)):
        members.setdefault(kelompok_id, set()).add(satker_id)
    for row in session.scalars(select(Kelompok).order_by(Kelompok.nama)):
        result.append(InfoKelompok(row.kunci, row.nama, frozenset(members.get(row.id, ())), False))
    return result


def cari_kelompok(session: Session, kode: str, hari: dt.date | None = None) -> InfoKelompok | None:
    """The group with this code (or name in any spelling), or None; a type group's members are
    the satker of that type on ``hari`` (today), so a past period ranks the types of its time."""
    wanted = kode_kelompok(kode)
    return next((k for k in daftar_kelompok(session, hari) if k.kode == wanted), None)


def daftar_nama_kelompok(session: Session) -> list[str]:
    """Every group's name, for a message naming the choices."""
    return [k.nama for k in daftar_kelompok(session)]


def simpan_kelompok(session: Session, pelaku: Pelaku, nama: str, anggota: Sequence[int]) -> str:
    """Create a group or replace its members (the name's spelling is updated); returns its code."""
    pastikan(pelaku, "kelola_satker")
    nama = re.sub(r"\s+", " ", nama).strip()
    kode = kode_kelompok(nama)
    if not nama:
        raise IsianSalah("Nama kelompok wajib diisi, misalnya “Zona Utara”.")
    if len(nama) > 100:
        raise IsianSalah(f"Nama kelompok terlalu panjang ({len(nama)} karakter, batas 100).")
    if kode in {kode_kelompok(tipe) for tipe in TIPE_SATKER}:
        raise IsianSalah(f"“{nama}” adalah tipe satker, yang sudah menjadi kelompok bawaan. Beri nama lain.")
    if not anggota:
        raise IsianSalah("Pilih setidaknya satu satker anggota.")
    known = set(session.scalars(select(Satker.id)))
    if unknown := sorted(set(anggota) - known):
        raise IsianSalah(f"Satker {', '.join(map(str, unknown))} tidak ada.")
    row = session.scalar(select(Kelompok).where(Kelompok.kunci == kode))
    if row is None:
        row = Kelompok(nama=nama, kunci=kode, diubah_pada=utc_now())
        session.add(row)
        session.flush()
    else:
        row.nama, row.diubah_pada = nama, utc_now()
        session.execute(delete(KelompokAnggota).where(KelompokAnggota.kelompok_id == row.id))
    session.add_all(KelompokAnggota(kelompok_id=row.id, satker_id=satker_id) for satker_id in dict.fromkeys(anggota))
    catat(session, pelaku, "simpan_kelompok", kelompok=nama, anggota=len(set(anggota)))
    session.flush()
    return kode


def hapus_kelompok(session: Session, pelaku: Pelaku, kode: str) -> None:
    """Remove an admin's group (its members stay satker of course)."""
    pastikan(pelaku, "kelola_satker")
    row = session.scalar(select(Kelompok).where(Kelompok.kunci == kode_kelompok(kode)))
    if row is None:
        raise IsianSalah("Kelompok tidak ditemukan (kelompok tipe satker tidak dapat dihapus).")
    catat(session, pelaku, "hapus_kelompok", kelompok=row.nama)
    session.delete(row)
    session.flush()
