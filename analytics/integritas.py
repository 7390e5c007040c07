"""Integrity flags: numbers a reviewer should look at before an award is decided.

Flags never change a ranking; they are shown next to it.

- Tautan ganda: the same link claimed by two or more satker in the same month (found in SQL).
- Lonjakan: a month whose count is far above the satker's own history — at least ``FAKTOR``
  times the median of up to ``BULAN_RIWAYAT`` earlier months that have a value, and at least
  ``SELISIH_MINIMUM`` above it, with at least ``RIWAYAT_MINIMUM`` earlier months to compare.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analytics.angka import format_angka
from analytics.periods import Rentang, month_label

BULAN_RIWAYAT = 6
RIWAYAT_MINIMUM = 3
FAKTOR = 4.0
SELISIH_MINIMUM = 30.0


@dataclass(frozen=True)
class Lonjakan:
    """A month whose value jumped far above the satker's own median."""

    satker_id: int
    periode: dt.date
    nilai: float
    median_riwayat: float

    @property
    def keterangan(self) -> str:
        return (
            f"Lonjakan {month_label(self.periode)}: {format_angka(self.nilai)} "
            f"(median bulan-bulan sebelumnya {format_angka(self.median_riwayat, 1)})"
        )


def is_lonjakan(riwayat: Iterable[float], nilai: float) -> float | None:
    """The history's median when ``nilai`` is a jump against it, else None.

    >>> is_lonjakan([10, 12, 8, 11], 60)
    10.5
    >>> is_lonjakan([10, 12, 8, 11], 40) is None
    True
    >>> is_lonjakan([0, 0, 0], 15) is None
    True
    """
    history = list(riwayat)
    if len(history) < RIWAYAT_MINIMUM:
        return None
    median = statistics.median(history)
    if nilai >= FAKTOR * median and nilai - median >= SELISIH_MINIMUM:
        return float(median)
    return None


def cari_lonjakan(series: Mapping[int, Mapping[dt.date, float]], rentang: Rentang) -> list[Lonjakan]:
    """Jumps inside ``rentang`` for every satker; ``series`` must also hold the months before it."""
    found: list[Lonjakan] = []
    for satker_id, by_month in series.items():
        months = sorted(by_month)
        for index, periode in enumerate(months):
            if not rentang.memuat(periode):
                continue
            earlier = [by_month[m] for m in months[max(0, index - BULAN_RIWAYAT) : index]]
            median = is_lonjakan(earlier, by_month[periode])
            if median is not None:
                found.append(Lonjakan(satker_id, periode, by_month[periode], median))
    return found


def keterangan_tautan_ganda(jumlah: int) -> str:
    """The flag text for links this satker shares with another satker in the same month."""
    return f"{format_angka(jumlah)} tautan juga diklaim satker lain di bulan yang sama"
