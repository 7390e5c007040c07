"""Settings an admin can change, stored in ``pengaturan`` with documented defaults.

- ``bobot_juara_umum``: weight per kategori for Juara Umum (default 1 each).
- ``batas_waktu_laporan``: the monthly report deadline, a day of the following month and a time
  in WIB (default tanggal 5 pukul 23:59).
- ``penalti_jam``: hours of kecepatan_laporan for a month without a report (default 720).
- ``alamat_publik``: the server's address as users reach it (default none); links in what leaves
  the app (WhatsApp text, deck, PDF) are made from it and left out without it.

Only an admin may change them (checked here); every change is written to the audit log in the
same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from analytics.alamat_tampilan import periksa_alamat_publik
from analytics.izin import Pelaku, pastikan
from analytics.juara_umum import normalise_bobot
from analytics.peringkat import PENALTI_JAM_BAWAAN
from analytics.periods import WIB, next_month
from db.audit import catat
from db.models import Kategori, Pengaturan, utc_now

BOBOT_JUARA_UMUM = "bobot_juara_umum"
BATAS_WAKTU_LAPORAN = "batas_waktu_laporan"
PENALTI_JAM = "penalti_jam"
ALAMAT_PUBLIK = "alamat_publik"


@dataclass(frozen=True)
class BatasWaktu:
    """The report deadline: ``tanggal`` of the month after the periode, at ``pukul`` WIB."""

    tanggal: int = 5
    pukul: dt.time = dt.time(23, 59)

    def untuk(self, periode: dt.date) -> dt.datetime:
        """The deadline of the report for ``periode``, as UTC.

        >>> BatasWaktu().untuk(dt.date(2024, 5, 1)).isoformat()
        '2024-06-05T16:59:00+00:00'
        """
        bulan_berikut = next_month(periode)
        local = dt.datetime.combine(bulan_berikut.replace(day=self.tanggal), self.pukul, tzinfo=WIB)
        return local.astimezone(dt.UTC)

    @property
    def keterangan(self) -> str:
        return f"tanggal {self.tanggal} bulan berikutnya pukul {self.pukul:%H.%M} WIB"


def baca_pengaturan(session: Session, kunci: str) -> Any:
    """The stored value of setting ``kunci`` (None when never set)."""
    return session.scalar(select(Pengaturan.nilai).where(Pengaturan.kunci == kunci))


def simpan_pengaturan(session: Session, kunci: str, nilai: Any, pelaku: Pelaku) -> None:
    """Store setting ``kunci`` and record the change (before and after) in the audit log; the
    caller has checked the permission."""
    setting = session.get(Pengaturan, kunci)
    before = None if setting is None else setting.nilai
    if setting is None:
        session.add(Pengaturan(kunci=kunci, nilai=nilai, diubah_pada=utc_now()))
    else:
        setting.nilai, setting.diubah_pada = nilai, utc_now()
    catat(session, pelaku, "ubah_pengaturan", kunci=kunci, sebelum=before, sesudah=nilai)
    session.flush()


def _kategori_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Kategori.kode).order_by(Kategori.urutan)))


def bobot_juara_umum(session: Session) -> dict[str, float]:
    """Weight per kategori code, every kategori present."""
    return normalise_bobot(baca_pengaturan(session, BOBOT_JUARA_UMUM) or {}, _kategori_codes(session))


def set_bobot_juara_umum(session: Session, pelaku: Pelaku, bobot: Mapping[str, float]) -> dict[str, float]:
    """Store new weights (unknown codes and negative or all-zero weights are refused)."""
    pastikan(pelaku, "ubah_pengaturan")
    codes = _kategori_codes(session)
    unknown = sorted(set(bobot) - set(codes))
    if unknown:
        raise ValueError(f"Kategori tidak dikenal: {', '.join(unknown)}.")
    weights = normalise_bobot(bobot, codes)
    if not any(weights.values()):
        raise ValueError("Setidaknya satu kategori harus berbobot lebih dari 0.")
    simpan_pengaturan(session, BOBOT_JUARA_UMUM, weights, pelaku)
    return weights


def batas_waktu(session: Session) -> BatasWaktu:
    stored = baca_pengaturan(session, BATAS_WAKTU_LAPORAN)
    if not stored:
        return BatasWaktu()
    return BatasWaktu(int(stored["tanggal"]), dt.time.fromisoformat(stored["pukul"]))


def set_batas_waktu(session: Session, pelaku: Pelaku, batas: BatasWaktu) -> BatasWaktu:
    """Store the deadline; day 1–28 so that it exists in every month."""
    pastikan(pelaku, "ubah_pengaturan")
    if not 1 <= batas.tanggal <= 28:
        raise ValueError("Tanggal batas waktu harus 1 sampai 28 agar ada di setiap bulan.")
    simpan_pengaturan(
        session, BATAS_WAKTU_LAPORAN, {"tanggal": batas.tanggal, "pukul": batas.pukul.strftime("%H:%M")}, pelaku
    )
    return batas


def penalti_jam(session: Session) -> float:
    return _penalti(baca_pengaturan(session, PENALTI_JAM))


def _penalti(stored: Any) -> float:
    return PENALTI_JAM_BAWAAN if stored is None else float(stored)


def pengaturan_peringkat(session: Session, kode_kategori: Sequence[str]) -> tuple[dict[str, float], float]:
    """The Juara Umum weights (every kategori of ``kode_kategori``) and the penalty hours, read
    together: a ranking needs both, and each read is a round trip to the server."""
    kunci = select(Pengaturan.kunci, Pengaturan.nilai).where(Pengaturan.kunci.in_([BOBOT_JUARA_UMUM, PENALTI_JAM]))
    stored: dict[str, Any] = {nama: nilai for nama, nilai in session.execute(kunci)}
    return normalise_bobot(stored.get(BOBOT_JUARA_UMUM) or {}, kode_kategori), _penalti(stored.get(PENALTI_JAM))


def set_penalti_jam(session: Session, pelaku: Pelaku, jam: float) -> float:
    pastikan(pelaku, "ubah_pengaturan")
    if not 0 < jam <= 24 * 366:
        raise ValueError("Penalti harus lebih dari 0 dan paling banyak satu tahun (8.784 jam).")
    simpan_pengaturan(session, PENALTI_JAM, float(jam), pelaku)
    return float(jam)


def alamat_publik(session: Session) -> str:
    """The server's public address (``https://host[/path]``), or "" when none is set."""
    return str(baca_pengaturan(session, ALAMAT_PUBLIK) or "")


def set_alamat_publik(session: Session, pelaku: Pelaku, teks: str) -> str:
    """Store the public address (checked by :func:`periksa_alamat_publik`; empty removes it)."""
    pastikan(pelaku, "ubah_pengaturan")
    alamat = periksa_alamat_publik(teks)
    simpan_pengaturan(session, ALAMAT_PUBLIK, alamat, pelaku)
    return alamat
