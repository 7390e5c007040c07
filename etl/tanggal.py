"""Reading a Tanggal cell the way operators type it, given the report's periode (pure).

The documented forms (a date cell, an Excel serial number, ``DD/MM/YYYY``, ``YYYY-MM-DD``) are
read as before and say nothing. Other forms whose meaning is clear are read too, and the result
says so, so that the validator can warn naming the cell:

- Indonesian or English month names and their abbreviations, any case (``5 Mei 2024``,
  ``05-Agt-2024``, ``6 mei 24``, ``May 5, 2024``), with or without a weekday in front
  (``Senin, 6 Mei 2024``, ``Jum'at 10/05/2024``); a weekday that does not match the date is
  reported, the date decides;
- two-digit years and dates without a year (``10/05/24``, ``5 Mei``), only when the periode
  makes them unambiguous: exactly one reading falls inside the report's month;
- month-first dates (``05/13/2024``; ``03/05/2024`` in a March report) when the day-first reading
  does not fall inside the report's month and the month-first one does;
- an Excel serial number stored as text (``45418``);
- what comes along with a copied or hurried date: invisible characters, a closing full stop, a
  time after "pkl", a short weekday (``Sen, 27 Mei 2024``) or one in brackets after the date
  (``16 Mei 2024 (Kamis)``), an apostrophe before a two-digit year (``15 Mei '24``).

Anything else, or a reading that needs the periode when there is none, raises
:class:`etl.cells.CellError` naming the accepted forms. This module does not check that the
date lies in the periode: the validator does, with its own message.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from analytics.periods import NAMA_BULAN, month_label
from etl.cells import EXCEL_EPOCH, MONTH_NAMES, SERIAL_RANGE, CellError, is_blank, shown

BENTUK_DITERIMA = "tanggal Excel, “DD/MM/YYYY” (misalnya 06/05/2024), “YYYY-MM-DD”, atau “6 Mei 2024”"
NAMA_HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_HARI: dict[str, int] = {}
for _nomor, _nama in enumerate(NAMA_HARI):
    _HARI[_nama.casefold()] = _nomor
for _nomor, _nama in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]):
    _HARI[_nama] = _nomor
_HARI.update({"jum'at": 4, "jum`at": 4, "ahad": 6})
for _nomor, _singkat in enumerate(["sen", "sel", "rab", "kam", "jum", "sab", "min"]):
    _HARI[_singkat] = _nomor
for _nomor, _singkat in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]):
    _HARI[_singkat] = _nomor
# Invisible characters copied along with a date (zero-width space or joiner, BOM, soft hyphen,
# direction marks): the quoted value would look right while no form matches.
_TAK_TERLIHAT = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"))

# ASCII digits only ("᠒" is a digit to Python). An optional time after the date ("08:30",
# "pukul 08.30 WIB") is read and dropped.
_WAKTU = r"(?:[ t]+(?:pukul |pkl\.? ?|jam )?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?: ?wib)?)?"
_PEMISAH = r"[/.\- ]"
_ANGKA = re.compile(rf"(\d{{1,2}}){_PEMISAH}(\d{{1,2}})(?:{_PEMISAH}(\d{{4}}|\d{{2}}))?{_WAKTU}", re.ASCII)
_ISO = re.compile(rf"(\d{{4}})[/.\-](\d{{1,2}})[/.\-](\d{{1,2}}){_WAKTU}", re.ASCII)
_TAHUN_BOLEH = r"(?:[/.\-, ]+(\d{4}|\d{2}))?"
_HARI_DULU = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?[/.\- ]*([a-z]{{3,9}})\.?{_TAHUN_BOLEH}{_WAKTU}", re.ASCII)
_BULAN_DULU = re.compile(rf"([a-z]{{3,9}})\.?[/.\- ]*(\d{{1,2}})(?:st|nd|rd|th)?{_TAHUN_BOLEH}{_WAKTU}", re.ASCII)
_SERI = re.compile(r"(\d{5})(?:[.,]0+)?", re.ASCII)
_NAMA_HARI = re.compile(r"([a-z]+(?:['`]at)?)[,/\- ]+(?=\d|[a-z])", re.ASCII)
_SPASI = re.compile(r"\s+")
_HARI_BELAKANG = re.compile(r" ?\(([a-z]+(?:['`]at)?)\)$", re.ASCII)  # "16 Mei 2024 (Kamis)"
_TAHUN_APOSTROF = re.compile(r"'(\d{2})$", re.ASCII)  # "15 Mei '24"


class KodeTanggal(StrEnum):
    """What was not the documented form, for counting on the upload page."""

    NAMA_BULAN = "nama_bulan"  # a month name or abbreviation
    HARI = "hari"  # a weekday in front
    HARI_TIDAK_COCOK = "hari_tidak_cocok"  # ... that is not the date's weekday
    TAHUN_DARI_PERIODE = "tahun_dari_periode"  # year of 2 digits or none, completed from the periode
    BULAN_DULU = "bulan_dulu"  # read month first
    SERI_TEKS = "seri_teks"  # an Excel serial number stored as text


@dataclass(frozen=True, slots=True)
class TanggalTerbaca:
    """A date read from a cell. ``kode`` is empty for the documented forms; otherwise ``pesan``
    is the Indonesian warning (what was written, how it was read)."""

    tanggal: dt.date
    kode: tuple[KodeTanggal, ...] = ()
    pesan: str = ""

    @property
    def diperbaiki(self) -> bool:
        """True when the cell was not in a documented form and deserves a warning."""
        return bool(self.kode)


def baca_tanggal(nilai: Any, periode: dt.date | None) -> TanggalTerbaca:
    """The date in a Tanggal cell; ``periode`` (first day of the report's month, or None when
    Identitas has no readable Periode) resolves two-digit years and day/month order.

    >>> mei = dt.date(2024, 5, 1)
    >>> baca_tanggal("06/05/2024", mei)
    TanggalTerbaca(tanggal=datetime.date(2024, 5, 6), kode=(), pesan='')
    >>> hasil = baca_tanggal("Senin, 6 Mei 2024", mei)
    >>> hasil.tanggal, hasil.pesan
    (datetime.date(2024, 5, 6), 'Tanggal “Senin, 6 Mei 2024” dibaca sebagai 06/05/2024.')
    >>> baca_tanggal("10/05/24", mei).tanggal, baca_tanggal("05/06/24", dt.date(2024, 6, 1)).tanggal
    (datetime.date(2024, 5, 10), datetime.date(2024, 6, 5))
    """
    if type(nilai) is dt.datetime:
        return TanggalTerbaca(nilai.date())
    if type(nilai) is dt.date:
        return TanggalTerbaca(nilai)
    if is_blank(nilai):
        raise CellError(f"Tanggal wajib diisi ({BENTUK_DITERIMA}).")
    if isinstance(nilai, (int, float)) and not isinstance(nilai, bool):
        return TanggalTerbaca(_dari_seri(nilai, nilai))
    if not isinstance(nilai, str):  # a time or a duration cell
        raise CellError(f"“{shown(nilai)}” bukan tanggal. Tulis sebagai {BENTUK_DITERIMA}.")
    return _dari_teks(nilai, periode)


def _dari_seri(angka: float, asli: Any) -> dt.date:
    if SERIAL_RANGE[0] <= angka <= SERIAL_RANGE[1] and float(angka).is_integer():
        return EXCEL_EPOCH + dt.timedelta(days=int(angka))
    raise CellError(f"“{shown(asli)}” bukan tanggal. Tulis sebagai {BENTUK_DITERIMA}.")


def _dari_teks(asli: str, periode: dt.date | None) -> TanggalTerbaca:
    teks = _SPASI.sub(" ", asli.translate(_TAK_TERLIHAT).replace("’", "'").casefold()).strip().rstrip(".")
    teks = _TAHUN_APOSTROF.sub(r"\1", teks)
    kode: list[KodeTanggal] = []
    hari_ditulis = None
    if (nama := _NAMA_HARI.match(teks)) and nama[1] in _HARI:
        hari_ditulis = _HARI[nama[1]]
        teks = teks[nama.end() :]
        kode.append(KodeTanggal.HARI)
    elif (nama := _HARI_BELAKANG.search(teks)) and nama[1] in _HARI:
        hari_ditulis = _HARI[nama[1]]
        teks = teks[: nama.start()]
        kode.append(KodeTanggal.HARI)
    tanggal = _baca_bentuk(teks, asli, periode, kode)
    if not kode:
        return TanggalTerbaca(tanggal)
    if hari_ditulis is not None and tanggal.weekday() != hari_ditulis:
        kode.append(KodeTanggal.HARI_TIDAK_COCOK)
        pesan = (
            f"Tanggal “{shown(asli)}” dibaca sebagai {tanggal:%d/%m/%Y}, padahal {tanggal:%d/%m/%Y} hari "
            f"{NAMA_HARI[tanggal.weekday()]}, bukan {NAMA_HARI[hari_ditulis]}. Periksa tanggalnya."
        )
    elif KodeTanggal.BULAN_DULU in kode and periode is not None and _di_periode(tanggal, periode):
        pesan = (
            f"Tanggal “{shown(asli)}” dibaca sebagai {_panjang(tanggal)} (bulan ditulis lebih dulu) karena "
            f"hanya cara baca itu yang jatuh di periode {month_label(periode)}. Bila maksudnya hari lebih "
            "dulu, laporkan kegiatan ini di laporan bulan tersebut."
        )
    elif KodeTanggal.BULAN_DULU in kode:
        pesan = (
            f"Tanggal “{shown(asli)}” dibaca sebagai {_panjang(tanggal)} (bulan ditulis lebih dulu) karena "
            "bila dibaca hari lebih dulu tanggalnya tidak ada."
        )
    else:
        pesan = f"Tanggal “{shown(asli)}” dibaca sebagai {tanggal:%d/%m/%Y}."
    return TanggalTerbaca(tanggal, tuple(kode), pesan)


def _baca_bentuk(teks: str, asli: str, periode: dt.date | None, kode: list[KodeTanggal]) -> dt.date:
    """The date of the text after any weekday; appends to ``kode`` what was not documented."""
    if match := _ANGKA.fullmatch(teks):
        hari, bulan, tahun = int(match[1]), int(match[2]), match[3]
        if tahun is not None and len(tahun) == 4:
            return _hari_atau_bulan_dulu(hari, bulan, int(tahun), asli, periode, kode)
        return _dari_periode([(hari, bulan), (bulan, hari)], tahun, asli, periode, kode)
    if match := _ISO.fullmatch(teks):
        return _ada(_tanggal(int(match[1]), int(match[2]), int(match[3])), asli)
    if (match := _HARI_DULU.fullmatch(teks)) and match[2] in MONTH_NAMES:
        hari, bulan, tahun = int(match[1]), MONTH_NAMES[match[2]], match[3]
    elif (match := _BULAN_DULU.fullmatch(teks)) and match[1] in MONTH_NAMES:
        hari, bulan, tahun = int(match[2]), MONTH_NAMES[match[1]], match[3]
    elif match := _SERI.fullmatch(teks):
        kode.append(KodeTanggal.SERI_TEKS)
        return _dari_seri(int(match[1]), asli)
    else:
        raise CellError(f"Format tanggal “{shown(asli)}” tidak dikenali. Tulis sebagai {BENTUK_DITERIMA}.")
    kode.append(KodeTanggal.NAMA_BULAN)
    if tahun is not None and len(tahun) == 4:
        return _ada(_tanggal(int(tahun), bulan, hari), asli)
    return _dari_periode([(hari, bulan)], tahun, asli, periode, kode)


def _hari_atau_bulan_dulu(
    hari: int, bulan: int, tahun: int, asli: str, periode: dt.date | None, kode: list[KodeTanggal]
) -> dt.date:
    """DD/MM/YYYY is the documented order; MM/DD/YYYY when that alone falls in the periode, or
    when it alone is a date at all (``05/13/2024``; the caller then checks the periode)."""
    tanggal = _tanggal(tahun, bulan, hari)
    if tanggal is None or (periode is not None and not _di_periode(tanggal, periode)):
        dibalik = _tanggal(tahun, hari, bulan)
        if dibalik is not None and (tanggal is None or (periode is not None and _di_periode(dibalik, periode))):
            kode.append(KodeTanggal.BULAN_DULU)
            return dibalik
    return _ada(tanggal, asli)


def _ada(tanggal: dt.date | None, asli: str) -> dt.date:
    if tanggal is None:
        raise CellError(
            f"Tanggal “{shown(asli)}” tidak ada di kalender. Periksa hari dan bulannya (urutannya "
            "hari/bulan/tahun, misalnya 06/05/2024)."
        )
    return tanggal


def _dari_periode(
    bacaan: list[tuple[int, int]], tahun: str | None, asli: str, periode: dt.date | None, kode: list[KodeTanggal]
) -> dt.date:
    """A date whose year is two digits or missing: the (day, month) readings, in order of
    preference, that fall inside the periode; exactly one must."""
    if periode is None:
        raise CellError(
            f"Tanggal “{shown(asli)}” tidak menulis tahun lengkap, dan Periode di sheet Identitas "
            "tidak terbaca untuk melengkapinya. Perbaiki Periode, atau tulis tanggal sebagai "
            f"{BENTUK_DITERIMA}."
        )
    tahun_penuh = periode.year if tahun is None else 2000 + int(tahun)
    calon = [_tanggal(tahun_penuh, bulan, hari) for hari, bulan in bacaan]
    cocok = sorted({tanggal for tanggal in calon if tanggal is not None and _di_periode(tanggal, periode)})
    if len(cocok) != 1:
        ada = sorted({tanggal for tanggal in calon if tanggal is not None})
        alasan = (
            f"tidak ada cara membacanya yang jatuh di periode {month_label(periode)} "
            f"({' atau '.join(map(_panjang, ada))})"
            if ada
            else "tidak ada di kalender"
        )
        raise CellError(
            f"Tanggal “{shown(asli)}” tidak menulis tahun lengkap, dan {alasan}. Tulis sebagai {BENTUK_DITERIMA}."
        )
    kode.append(KodeTanggal.TAHUN_DARI_PERIODE)
    if calon[0] != cocok[0]:
        kode.append(KodeTanggal.BULAN_DULU)
    return cocok[0]


def _tanggal(tahun: int, bulan: int, hari: int) -> dt.date | None:
    try:
        return dt.date(tahun, bulan, hari)
    except ValueError:
        return None


def _di_periode(tanggal: dt.date | None, periode: dt.date) -> bool:
    return tanggal is not None and tanggal.year == periode.year and tanggal.month == periode.month


def _panjang(tanggal: dt.date) -> str:
    """``5 Maret 2024``: unambiguous, for messages that discuss day/month order."""
    return f"{tanggal.day} {NAMA_BULAN[tanggal.month - 1]} {tanggal.year}"
