"""Reminders before the report deadline: who has not reported a month yet, the time left, the
operator of their last report, and WhatsApp texts (one for the group, one per satker).

After the deadline the same list is the late list ("terlambat"): the texts say the deadline has
passed and ask for the report at once.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass

from analytics.kepatuhan import sisa_waktu
from analytics.periods import add_months, month_label, month_start, rentang_bulan, to_wib
from db import pengaturan
from db.engine import Session
from db.queries_kepatuhan import kiriman_rentang, operator_terakhir


def bulan_pengingat(sekarang: dt.datetime) -> dt.date:
    """The month whose report is due next: last month (its deadline falls in this month).

    >>> bulan_pengingat(dt.datetime(2024, 6, 3, 2, tzinfo=dt.UTC))
    datetime.date(2024, 5, 1)
    """
    return add_months(month_start(to_wib(sekarang).date()), -1)


def tautan_wa(teks: str) -> str:
    """A WhatsApp link that opens the text ready to send (the sender picks the chat)."""
    return "https://wa.me/?text=" + urllib.parse.quote(teks)


@dataclass(frozen=True)
class Pengingat:
    """One satker that has not reported the month, with its own message."""

    satker_id: int
    satker: str
    operator: str | None
    pesan: str


@dataclass(frozen=True)
class DaftarPengingat:
    """The satker of a Polda (or every Polda) without a report for ``periode`` at ``sekarang``."""

    periode: dt.date
    batas: dt.datetime
    sekarang: dt.datetime
    satker: list[Pengingat]
    pesan_grup: str

    @property
    def terlambat(self) -> bool:
        """The deadline has passed: the list is the late list."""
        return self.sekarang > self.batas

    @property
    def sisa(self) -> str:
        return sisa_waktu(self.batas, self.sekarang)


def _batas_teks(batas: dt.datetime) -> str:
    return f"{to_wib(batas):%d-%m-%Y pukul %H.%M} WIB"


def _pesan_satker(
    satker: str, operator: str | None, periode: dt.date, batas: dt.datetime, sisa: str, alamat: str
) -> str:
    sapaan = f"Yth. {operator} ({satker})" if operator else f"Yth. operator humas {satker}"
    bulan = month_label(periode)
    if sisa.startswith("lewat"):
        inti = (
            f"laporan bulanan {bulan} belum kami terima dan batas waktunya ({_batas_teks(batas)}) sudah {sisa}. "
            "Mohon laporan segera dikirim; laporan yang masuk sekarang tercatat terlambat."
        )
    else:
        inti = f"laporan bulanan {bulan} belum kami terima. Batas waktu {_batas_teks(batas)} ({sisa})."
    return f"{sapaan}, {inti} Templat laporan dapat diunduh di {alamat}. Terima kasih."


def _pesan_grup(
    wilayah: str, nama: list[tuple[str, str | None]], periode: dt.date, batas: dt.datetime, sisa: str, alamat: str
) -> str:
    bulan = month_label(periode)
    if not nama:
        return f"Rekan operator humas {wilayah}: semua satker sudah mengirim laporan bulanan {bulan}. Terima kasih."
    lewat = sisa.startswith("lewat")
    judul = f"TERLAMBAT — laporan bulanan {bulan}" if lewat else f"Pengingat laporan bulanan {bulan}"
    batas_teks = (
        f"Batas waktu {_batas_teks(batas)} sudah {sisa}." if lewat else f"Batas waktu {_batas_teks(batas)} ({sisa})."
    )
    daftar = "\n".join(
        f"{nomor}. {satker}" + (f" (operator terakhir: {operator})" if operator else "")
        for nomor, (satker, operator) in enumerate(nama, start=1)
    )
    return (
        f"Rekan operator humas {wilayah}.\n{judul}. {batas_teks}\n"
        f"Satker yang belum mengirim ({len(nama)}):\n{daftar}\n"
        f"Templat laporan dapat diunduh di {alamat}. Terima kasih."
    )


def susun_pengingat(
    session: Session, polda_id: int | None, wilayah: str, periode: dt.date, sekarang: dt.datetime, alamat: str
) -> DaftarPengingat:
    """The reminder list of ``periode`` for the satker of a Polda (every Polda for None) at
    ``sekarang`` (UTC) against the deadline setting; ``wilayah`` names the Polda in the group
    text, ``alamat`` is where the template is downloaded (the app's Unggah Laporan page)."""
    batas = pengaturan.batas_waktu(session).untuk(periode)
    belum = [k for k in kiriman_rentang(session, polda_id, rentang_bulan(periode)) if k.pertama_dikirim is None]
    operator = operator_terakhir(session, polda_id)
    sisa = sisa_waktu(batas, sekarang)
    satker = [
        Pengingat(
            k.satker_id,
            k.satker,
            operator.get(k.satker_id),
            _pesan_satker(k.satker, operator.get(k.satker_id), periode, batas, sisa, alamat),
        )
        for k in belum
    ]
    grup = _pesan_grup(wilayah, [(p.satker, p.operator) for p in satker], periode, batas, sisa, alamat)
    return DaftarPengingat(periode, batas, sekarang, satker, grup)
