"""Months (periode) and their Indonesian labels, in WIB.

A periode is represented by the first day of its month (``datetime.date``).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

WIB = ZoneInfo("Asia/Jakarta")
NAMA_BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


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
    return end_local.astimezone(dt.timezone.utc)


def hours_after_month_end(periode: dt.date, dikirim_pada: dt.datetime) -> float:
    """kecepatan_laporan: hours from the end of the month (WIB) to the upload.

    A report uploaded before the month is over counts as 0 hours (it cannot be faster).
    """
    delta = dikirim_pada - month_end_utc(periode)
    return max(0.0, round(delta.total_seconds() / 3600, 2))


def to_wib(waktu: dt.datetime) -> dt.datetime:
    """A stored UTC time shown in WIB."""
    return waktu.astimezone(WIB)
