"""Per-period summaries of the monthly values: whole quarters and years per satker.

A ranking of a year reads one summary row per satker instead of twelve monthly rows. A summary
keeps, per kategori, the sum of the monthly values, which months have a value (a bit mask: bit i
is the i-th month of the period) and the largest monthly value, so that every aggregate a
ranking needs (sum, months filled, months anyone reported, the slowest month) can be combined
from whole years, quarters and single months (:func:`analytics.periods.pecah_rentang`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from analytics.kategori import KODE_KATEGORI
from analytics.periods import awal_triwulan

KOLOM_RINGKASAN = (
    "tingkat",
    "awal",
    "satker_id",
    *KODE_KATEGORI,
    *(f"{kode}_bulan" for kode in KODE_KATEGORI),
    *(f"{kode}_maks" for kode in KODE_KATEGORI),
)
"""Columns of a summary row, in the order :func:`ringkas_bulanan` gives them."""

Nilai = float | None
Ringkas = tuple[Sequence[Nilai], Sequence[int], Sequence[Nilai]]
"""Per kategori: sums and month masks of a period or of a piece of it; then the maxima, per
kategori or only of those whose ranking uses them (:data:`analytics.peringkat.PAKAI_MAKS`)."""


def gabung_potongan(sejauh: Ringkas | None, potongan: Ringkas, geser: int) -> Ringkas:
    """Add a stored piece (a year, quarter or month summary) that starts ``geser`` months into a
    period to what the period holds so far (None: nothing yet).

    >>> gabung_potongan(([2.0, None], [0b1, 0], [2.0, None]), ([3.0, 1.0], [0b11, 0b1], [2.0, 1.0]), 1)
    ([5.0, 1.0], [7, 2], [2.0, 1.0])
    """
    if sejauh is None and geser == 0:
        return potongan
    n = len(potongan[0])
    sums, masks, maxima = sejauh or ([None] * n, [0] * n, [None] * len(potongan[2]))
    return (
        [a if b is None else b if a is None else a + b for a, b in zip(sums, potongan[0], strict=True)],
        [a | (b << geser) for a, b in zip(masks, potongan[1], strict=True)],
        [a if b is None else b if a is None else max(a, b) for a, b in zip(maxima, potongan[2], strict=True)],
    )


def gabung_bulan(
    jumlah: Sequence[Nilai], bulan: Sequence[int], maks: Sequence[Nilai], tambahan: Sequence[Nilai], geser: int
) -> tuple[list[Nilai], list[int], list[Nilai]]:
    """Add one month's values (``tambahan``, one per kategori, None = no value) ``geser`` months
    into a period's sums, month masks and maxima.

    >>> gabung_bulan([None, 2.0], [0, 1], [None, 2.0], [5.0, None], 2)
    ([5.0, 2.0], [4, 1], [5.0, 2.0])
    """
    bit = 1 << geser
    sums, masks, maxima = list(jumlah), list(bulan), list(maks)
    for i, nilai in enumerate(tambahan):
        if nilai is None:
            continue
        sums[i] = nilai if sums[i] is None else sums[i] + nilai
        masks[i] |= bit
        maxima[i] = nilai if maxima[i] is None or nilai > maxima[i] else maxima[i]
    return sums, masks, maxima


def ringkas_bulanan(bulanan: Iterable[tuple[int, dt.date, Sequence[Nilai]]]) -> list[tuple[object, ...]]:
    """Summary rows (columns :data:`KOLOM_RINGKASAN`) of every quarter and year that holds any of
    the monthly rows given as (satker id, month, one value per kategori code). A quarter or year
    is summed from the months given, so the caller passes whole years.

    >>> rows = ringkas_bulanan([(7, dt.date(2024, 2, 1), [3.0] + [None] * 9), (7, dt.date(2024, 5, 1), [4.0] * 10)])
    >>> [(r[0], str(r[1]), r[2], r[3], r[13], r[23]) for r in rows]
    [('tahun', '2024-01-01', 7, 7.0, 18, 4.0), ('triwulan', '2024-01-01', 7, 3.0, 2, 3.0), \
('triwulan', '2024-04-01', 7, 4.0, 2, 4.0)]
    """
    n = len(KODE_KATEGORI)
    kosong: tuple[list[Nilai], list[int], list[Nilai]] = ([None] * n, [0] * n, [None] * n)
    periode_ringkas: dict[tuple[str, dt.date, int], tuple[list[Nilai], list[int], list[Nilai]]] = defaultdict(
        lambda: kosong
    )
    for satker_id, periode, nilai in bulanan:
        for tingkat, awal in (("tahun", dt.date(periode.year, 1, 1)), ("triwulan", awal_triwulan(periode))):
            key = (tingkat, awal, satker_id)
            geser = (periode.year - awal.year) * 12 + periode.month - awal.month
            periode_ringkas[key] = gabung_bulan(*periode_ringkas[key], nilai, geser)
    return [
        (tingkat, awal, satker_id, *sums, *masks, *maxima)
        for (tingkat, awal, satker_id), (sums, masks, maxima) in sorted(periode_ringkas.items())
    ]
