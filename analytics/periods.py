"""Months (periode) and their Indonesian labels, in WIB.

A periode is represented by the first day of its month (``datetime.date``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
NAMA_BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def month_start(tanggal: dt.date) -> dt.date:
    """The periode (first day of the month) that ``tanggal`` falls in."""
    return tanggal.replace(day=1)


def next_month(periode: dt.date) -> dt.date:
    """The first day of the following month.

    >>> next_month(dt.date(2024, 12, 1))
    datetime.date(2025, 1, 1)
    """
    return dt.date(periode.year + periode.month // 12, periode.month % 12 + 1, 1)


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every periode from ``first`` to ``last`` inclusive."""
    months, current = [], month_start(first)
    while current <= last:
        months.append(current)
        current = next_month(current)
    return months


def month_label(periode: dt.date) -> str:
    """Indonesian month label.

    >>> month_label(dt.date(2024, 5, 1))
    'Mei 2024'
    """
    return f"{NAMA_BULAN[periode.month - 1]} {periode.year}"


def month_end_utc(periode: dt.date) -> dt.datetime:
    """The instant the month ends in WIB (midnight starting the next month), as UTC."""
    end_local = dt.datetime.combine(next_month(periode), dt.time(0, 0), tzinfo=WIB)
    return end_local.astimezone(dt.UTC)


def hours_after_month_end(periode: dt.date, dikirim_pada: dt.datetime) -> float:
    """kecepatan_laporan: hours from the end of the month (WIB) to the upload.

    A report uploaded before the month is over counts as 0 hours (it cannot be faster).
    """
    delta = dikirim_pada - month_end_utc(periode)
    return max(0.0, round(delta.total_seconds() / 3600, 2))


def to_wib(waktu: dt.datetime) -> dt.datetime:
    """A stored UTC time shown in WIB."""
    return waktu.astimezone(WIB)


NAMA_BULAN_SINGKAT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ROMAWI = ("I", "II", "III", "IV")


def format_bulan_singkat(periode: dt.date) -> str:
    """A month as a short axis or column label.

    >>> format_bulan_singkat(dt.date(2024, 5, 1))
    'Mei 24'
    """
    return f"{NAMA_BULAN_SINGKAT[periode.month - 1]} {periode:%y}"


def _months_between(awal: dt.date, akhir: dt.date) -> int:
    return (akhir.year - awal.year) * 12 + akhir.month - awal.month


def awal_triwulan(periode: dt.date) -> dt.date:
    """The first day of the quarter holding ``periode``.

    >>> awal_triwulan(dt.date(2024, 5, 1))
    datetime.date(2024, 4, 1)
    """
    return dt.date(periode.year, periode.month - (periode.month - 1) % 3, 1)


def add_months(periode: dt.date, jumlah: int) -> dt.date:
    index = periode.year * 12 + periode.month - 1 + jumlah
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, order=True)
class Rentang:
    """A span of whole months, ``awal`` to ``akhir`` inclusive (both the first day of a month).

    >>> Rentang(dt.date(2024, 1, 1), dt.date(2024, 3, 1)).label
    'Triwulan I 2024'
    >>> Rentang(dt.date(2024, 1, 1), dt.date(2024, 5, 1)).sebelumnya().label
    'Agu–Des 2023'
    """

    awal: dt.date
    akhir: dt.date

    def __post_init__(self) -> None:
        if self.awal.day != 1 or self.akhir.day != 1:
            raise ValueError("Rentang memakai tanggal 1 tiap bulan.")
        if self.akhir < self.awal:
            raise ValueError("Bulan akhir tidak boleh sebelum bulan awal.")

    @property
    def jumlah_bulan(self) -> int:
        return _months_between(self.awal, self.akhir) + 1

    @property
    def bulan(self) -> list[dt.date]:
        return month_range(self.awal, self.akhir)

    def memuat(self, periode: dt.date) -> bool:
        return self.awal <= month_start(periode) <= self.akhir

    def sebelumnya(self) -> Rentang:
        """The previous period of the same length: the month, quarter or year before, or the
        same number of months just before a custom span."""
        return Rentang(add_months(self.awal, -self.jumlah_bulan), add_months(self.awal, -1))

    @property
    def jenis(self) -> str:
        """``bulan``, ``triwulan``, ``tahun`` or ``rentang``."""
        if self.jumlah_bulan == 1:
            return "bulan"
        if self.jumlah_bulan == 3 and self.awal.month % 3 == 1:
            return "triwulan"
        if self.jumlah_bulan == 12 and self.awal.month == 1:
            return "tahun"
        return "rentang"

    @property
    def label(self) -> str:
        """Indonesian label: 'Januari 2024', 'Triwulan I 2024', 'Tahun 2024', 'Jan–Mei 2024'."""
        jenis = self.jenis
        if jenis == "bulan":
            return month_label(self.awal)
        if jenis == "triwulan":
            return f"Triwulan {ROMAWI[self.awal.month // 3]} {self.awal.year}"
        if jenis == "tahun":
            return f"Tahun {self.awal.year}"
        awal, akhir = NAMA_BULAN_SINGKAT[self.awal.month - 1], NAMA_BULAN_SINGKAT[self.akhir.month - 1]
        if self.awal.year == self.akhir.year:
            return f"{awal}–{akhir} {self.akhir.year}"
        return f"{awal} {self.awal.year}–{akhir} {self.akhir.year}"

    @property
    def kode(self) -> str:
        """The command-line spelling: '2024-05', '2024-Q1', '2024', '2024-01..2024-05'."""
        jenis = self.jenis
        if jenis == "bulan":
            return f"{self.awal:%Y-%m}"
        if jenis == "triwulan":
            return f"{self.awal.year}-Q{self.awal.month // 3 + 1}"
        if jenis == "tahun":
            return str(self.awal.year)
        return f"{self.awal:%Y-%m}..{self.akhir:%Y-%m}"


def rentang_dua_belas_bulan(akhir: dt.date) -> Rentang:
    """The twelve months ending with ``akhir``: a satker's history, a trend long enough to read.

    >>> rentang_dua_belas_bulan(dt.date(2024, 5, 1)).label
    'Jun 2023–Mei 2024'
    """
    return Rentang(add_months(akhir, -11), akhir)


def ubah_hari_wib_ke_utc(awal: dt.date, akhir: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The days ``awal`` to ``akhir`` (inclusive, in WIB) as a UTC span, the end exclusive.

    >>> [t.isoformat() for t in ubah_hari_wib_ke_utc(dt.date(2024, 5, 1), dt.date(2024, 5, 1))]
    ['2024-04-30T17:00:00+00:00', '2024-05-01T17:00:00+00:00']
    """
    sejak = dt.datetime.combine(awal, dt.time(0), tzinfo=WIB).astimezone(dt.UTC)
    sampai = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time(0), tzinfo=WIB).astimezone(dt.UTC)
    return sejak, sampai


def rentang_bulan(periode: dt.date) -> Rentang:
    start = month_start(periode)
    return Rentang(start, start)


def rentang_triwulan(tahun: int, triwulan: int) -> Rentang:
    if not 1 <= triwulan <= 4:
        raise ValueError("Triwulan harus 1 sampai 4.")
    awal = dt.date(tahun, 3 * triwulan - 2, 1)
    return Rentang(awal, add_months(awal, 2))


def rentang_tahun(tahun: int) -> Rentang:
    return Rentang(dt.date(tahun, 1, 1), dt.date(tahun, 12, 1))


TAHUN_PALING_AWAL = 1900
_POLA_BULAN = re.compile(r"^(\d{4})-(\d{1,2})$")
_POLA_TRIWULAN = re.compile(r"^(\d{4})-[QqTt]([1-4])$")
_POLA_TAHUN = re.compile(r"^(\d{4})$")


def _parse_bulan(teks: str, asli: str) -> dt.date:
    cocok = _POLA_BULAN.match(teks)
    if not cocok or not 1 <= int(cocok.group(2)) <= 12 or int(cocok.group(1)) < TAHUN_PALING_AWAL:
        raise ValueError(f"Bulan '{teks}' dalam periode '{asli}' tidak dikenali; tulis seperti 2024-05.")
    return dt.date(int(cocok.group(1)), int(cocok.group(2)), 1)


def parse_rentang(teks: str) -> Rentang:
    """Read a period as written on the command line.

    >>> parse_rentang("2024-Q1").label
    'Triwulan I 2024'
    >>> parse_rentang("2024-01..2024-05").label
    'Jan–Mei 2024'
    """
    bersih = teks.strip()
    if ".." in bersih:
        awal_teks, akhir_teks = (bagian.strip() for bagian in bersih.split("..", 1))
        awal, akhir = _parse_bulan(awal_teks, teks), _parse_bulan(akhir_teks, teks)
        if akhir < awal:
            raise ValueError(f"Periode '{teks}': bulan akhir sebelum bulan awal; tulis seperti 2024-01..2024-05.")
        return Rentang(awal, akhir)
    tahun = re.match(r"^(\d{4})", bersih)
    if tahun and int(tahun.group(1)) < TAHUN_PALING_AWAL:
        raise ValueError(f"Tahun pada periode '{teks}' tidak masuk akal; tulis seperti 2024 atau 2024-05.")
    if cocok := _POLA_TRIWULAN.match(bersih):
        return rentang_triwulan(int(cocok.group(1)), int(cocok.group(2)))
    if cocok := _POLA_TAHUN.match(bersih):
        return rentang_tahun(int(cocok.group(1)))
    if _POLA_BULAN.match(bersih):
        return rentang_bulan(_parse_bulan(bersih, teks))
    raise ValueError(
        f"Periode '{teks}' tidak dikenali. Tulis bulan (2024-05), triwulan (2024-Q1), tahun (2024), "
        "atau rentang bulan (2024-01..2024-05)."
    )


Tingkat = Literal["bulan", "triwulan", "tahun"]


class Potongan(NamedTuple):
    """One stored piece of a period: a whole year, a whole quarter or a month, starting ``geser``
    months after the period's first month."""

    tingkat: Tingkat
    awal: dt.date
    geser: int


def pecah_rentang(rentang: Rentang) -> list[Potongan]:
    """The fewest whole years, quarters and months that make up ``rentang``, in order: what the
    per-period summaries can answer (a year nationally is 450 summary rows, not 5,400 months).

    >>> [(p.tingkat, p.awal.isoformat(), p.geser) for p in pecah_rentang(parse_rentang("2024-02..2025-04"))]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('bulan', '2024-02-01', 0), ('bulan', '2024-03-01', 1), ('triwulan', '2024-04-01', 2),
     ('triwulan', '2024-07-01', 5), ('triwulan', '2024-10-01', 8), ('triwulan', '2025-01-01', 11),
     ('bulan', '2025-04-01', 14)]
    >>> pecah_rentang(parse_rentang("2025"))
    [Potongan(tingkat='tahun', awal=datetime.date(2025, 1, 1), geser=0)]
    """
    potongan: list[Potongan] = []
    geser = 0
    while geser < rentang.jumlah_bulan:
        awal = add_months(rentang.awal, geser)
        sisa = rentang.jumlah_bulan - geser
        if awal.month == 1 and sisa >= 12:
            potongan.append(Potongan("tahun", awal, geser))
            geser += 12
        elif awal.month % 3 == 1 and sisa >= 3:
            potongan.append(Potongan("triwulan", awal, geser))
            geser += 3
        else:
            potongan.append(Potongan("bulan", awal, geser))
            geser += 1
    return potongan


def bulan_bertanda(rentang: Rentang, tanda: int) -> tuple[dt.date, ...]:
    """The months of ``rentang`` whose bit is set in ``tanda`` (bit i: the i-th month), as the
    per-period summaries mark the months holding a value.

    >>> [m.month for m in bulan_bertanda(parse_rentang("2024-Q2"), 0b101)]
    [4, 6]
    """
    return tuple(periode for i, periode in enumerate(rentang.bulan) if tanda >> i & 1)
