"""Targets per kategori, band thresholds and satker types, as stored (rules: analytics.target).

Every write checks the role and is audited in the caller's transaction. A target is keyed by its
kategori, scope and month: storing one for a key that exists replaces its value, so loading the
same ``Target`` sheet twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku, pastikan
from analytics.kelompok import TIPE_SATKER, RiwayatTipe
from analytics.target import AmbangPita, DaftarTarget, Target
from db.audit import catat
from db.models import Satker, SatkerNama, SatkerTipeTetap, TargetKinerja, utc_now
from db.pengaturan import baca_pengaturan, simpan_pengaturan

AMBANG_PITA = "ambang_pita"


@dataclass(frozen=True)
class TargetTersimpan:
    """A stored target with its id, for the admin page's list."""

    id: int
    target: Target


def _nilai_lingkup(target: Target) -> str:
    return {"semua": "", "tipe": target.tipe or "", "satker": str(target.satker_id)}[target.lingkup]


def _target(row: TargetKinerja) -> Target:
    return Target(row.kategori_kode, row.lingkup, row.berlaku_mulai, row.nilai, row.tipe, row.satker_id)  # type: ignore[arg-type]


def daftar_target_tersimpan(session: Session) -> list[TargetTersimpan]:
    """Every stored target by kategori, scope and month."""
    rows = session.scalars(
        select(TargetKinerja).order_by(
            TargetKinerja.kategori_kode, TargetKinerja.lingkup, TargetKinerja.nilai_lingkup, TargetKinerja.berlaku_mulai
        )
    )
    return [TargetTersimpan(row.id, _target(row)) for row in rows]


def baca_daftar_target(session: Session) -> DaftarTarget:
    """Every target, indexed for resolving a satker-month (the key is unique in the table); read
    as plain rows, not ORM objects, because every page with a ranking asks for it."""
    rows = session.execute(
        select(
            TargetKinerja.kategori_kode,
            TargetKinerja.lingkup,
            TargetKinerja.berlaku_mulai,
            TargetKinerja.nilai,
            TargetKinerja.tipe,
            TargetKinerja.satker_id,
        )
    )
    return DaftarTarget(Target(*row) for row in rows)


def simpan_target(session: Session, pelaku: Pelaku, targets: Iterable[Target]) -> tuple[int, int]:
    """Store targets (new keys added, existing keys get the new value); returns (added, changed)."""
    pastikan(pelaku, "ubah_pengaturan")
    satker_ids = set(session.scalars(select(Satker.id)))
    added = changed = 0
    for target in targets:
        if target.satker_id is not None and target.satker_id not in satker_ids:
            raise IsianSalah(f"Satker {target.satker_id} tidak ada.")
        row = session.scalar(
            select(TargetKinerja).where(
                TargetKinerja.kategori_kode == target.kategori,
                TargetKinerja.lingkup == target.lingkup,
                TargetKinerja.nilai_lingkup == _nilai_lingkup(target),
                TargetKinerja.berlaku_mulai == target.berlaku_mulai,
            )
        )
        if row is None:
            session.add(
                TargetKinerja(
                    kategori_kode=target.kategori,
                    lingkup=target.lingkup,
                    nilai_lingkup=_nilai_lingkup(target),
                    tipe=target.tipe,
                    satker_id=target.satker_id,
                    berlaku_mulai=target.berlaku_mulai,
                    nilai=target.nilai,
                    diubah_pada=utc_now(),
                )
            )
            added += 1
        elif row.nilai != target.nilai:
            row.nilai, row.diubah_pada = target.nilai, utc_now()
            changed += 1
    session.flush()
    catat(session, pelaku, "simpan_target", ditambah=added, diubah=changed)
    return added, changed


def hapus_target(session: Session, pelaku: Pelaku, target_id: int) -> None:
    """Remove a target entered by mistake (to end a target from a month, store one without value)."""
    pastikan(pelaku, "ubah_pengaturan")
    row = session.get(TargetKinerja, target_id)
    if row is None:
        raise IsianSalah("Target tidak ditemukan.")
    catat(
        session,
        pelaku,
        "hapus_target",
        kategori=row.kategori_kode,
        lingkup=row.lingkup,
        nilai_lingkup=row.nilai_lingkup,
        berlaku_mulai=row.berlaku_mulai.isoformat(),
        nilai=row.nilai,
    )
    session.delete(row)
    session.flush()


def ambang_pita(session: Session) -> AmbangPita:
    """The band thresholds in force (default 80 and 100 %)."""
    stored = baca_pengaturan(session, AMBANG_PITA)
    return AmbangPita() if not stored else AmbangPita(float(stored["kuning"]), float(stored["hijau"]))


def set_ambang_pita(session: Session, pelaku: Pelaku, ambang: AmbangPita) -> AmbangPita:
    """Store new thresholds (AmbangPita has already checked 0 < kuning < hijau ≤ 100)."""
    pastikan(pelaku, "ubah_pengaturan")
    simpan_pengaturan(session, AMBANG_PITA, {"kuning": ambang.kuning, "hijau": ambang.hijau}, pelaku)
    return ambang


def riwayat_tipe_satker(session: Session) -> dict[int, RiwayatTipe]:
    """Satker id → its type over time: the admin's fixed type if any, else the type of each name."""
    fixed = dict(session.execute(select(SatkerTipeTetap.satker_id, SatkerTipeTetap.tipe)).all())
    changes: dict[int, list[tuple[dt.date, str]]] = {}
    for satker_id, berlaku, tipe in session.execute(
        select(SatkerNama.satker_id, SatkerNama.berlaku_mulai, SatkerNama.tipe)
    ):
        changes.setdefault(satker_id, []).append((berlaku, tipe))
    return {
        satker_id: RiwayatTipe.tetap(fixed[satker_id]) if satker_id in fixed else RiwayatTipe(tuple(history))
        for satker_id, history in changes.items()
    }


def tipe_satker_hari_ini(session: Session, hari: dt.date | None = None) -> dict[int, str]:
    """Satker id → the type in force on ``hari`` (today), for the built-in groups."""
    hari = hari or dt.date.today()
    return {satker_id: riwayat.cari_tipe(hari) for satker_id, riwayat in riwayat_tipe_satker(session).items()}


def tipe_tetap(session: Session) -> dict[int, str]:
    """Satker id → the type an admin fixed (only those with one)."""
    return dict(session.execute(select(SatkerTipeTetap.satker_id, SatkerTipeTetap.tipe)).all())


def set_tipe_tetap(session: Session, pelaku: Pelaku, satker_id: int, tipe: str | None) -> None:
    """Fix a satker's type for peer groups and targets; None returns to the type read from its name."""
    pastikan(pelaku, "kelola_satker")
    if session.get(Satker, satker_id) is None:
        raise IsianSalah("Satker tidak ditemukan.")
    if tipe is not None and tipe not in TIPE_SATKER:
        raise IsianSalah(f"Tipe harus salah satu dari: {', '.join(TIPE_SATKER)}.")
    session.execute(delete(SatkerTipeTetap).where(SatkerTipeTetap.satker_id == satker_id))
    if tipe is not None:
        session.add(SatkerTipeTetap(satker_id=satker_id, tipe=tipe, diubah_pada=utc_now()))
    catat(session, pelaku, "satker_ganti_tipe", satker_id=satker_id, tipe=tipe)
    session.flush()
