"""Month-by-month views of one kategori: each month's ranks (for a bump chart) and the total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from analytics.kategori import KECEPATAN
from analytics.peringkat import PENALTI_JAM_BAWAAN, AgregatSatker, Arah, DataKategori, peringkat_kategori


def peringkat_per_bulan(
    series: Mapping[int, Mapping[dt.date, float]],
    satker: Mapping[int, str],
    kode: str,
    arah: Arah,
    bulan: Sequence[dt.date],
    penalti_jam: float = PENALTI_JAM_BAWAAN,
) -> dict[dt.date, dict[int, int]]:
    """Month → {satker id → rank that month}, ranked exactly as a one-month period is.

    Months in which nobody has a value are left out.

    >>> ranks = peringkat_per_bulan({1: {dt.date(2024, 1, 1): 5}, 2: {dt.date(2024, 1, 1): 9}}, {1: "A", 2: "B"},
    ...                             "ipse", "lebih_tinggi", [dt.date(2024, 1, 1), dt.date(2024, 2, 1)])
    >>> ranks
    {datetime.date(2024, 1, 1): {2: 1, 1: 2}}
    """
    result: dict[dt.date, dict[int, int]] = {}
    for periode in bulan:
        month_values = {
            sid: by_month[periode] for sid, by_month in series.items() if periode in by_month and sid in satker
        }
        if not month_values:
            continue
        data = DataKategori(
            kode,
            arah,
            [
                AgregatSatker(sid, nama, month_values.get(sid, 0.0), int(sid in month_values))
                for sid, nama in satker.items()
            ],
            bulan_aktif=1,
            nilai_maks=max(month_values.values()),
        )
        result[periode] = {row.satker_id: row.rank for row in peringkat_kategori(data, None, penalti_jam)}
    return result


def total_per_bulan(series: Mapping[int, Mapping[dt.date, float]], kode: str) -> dict[dt.date, float]:
    """Month → the total of the satker in ``series`` (kecepatan_laporan: their mean hours), as
    ``db.queries_peringkat.total_bulanan`` computes it in SQL: the Tren page has the series of every
    satker in scope already, so it needs no second query.

    >>> JAN, FEB = dt.date(2024, 1, 1), dt.date(2024, 2, 1)
    >>> total_per_bulan({1: {JAN: 5.0, FEB: 2.0}, 2: {JAN: 7.0}}, "ipse")
    {datetime.date(2024, 1, 1): 12.0, datetime.date(2024, 2, 1): 2.0}
    >>> total_per_bulan({1: {JAN: 10.0}, 2: {JAN: 20.0}}, "kecepatan_laporan")
    {datetime.date(2024, 1, 1): 15.0}
    """
    per_bulan: dict[dt.date, list[float]] = {}
    for by_month in series.values():
        for periode, nilai in by_month.items():
            per_bulan.setdefault(periode, []).append(nilai)
    rata_rata = kode == KECEPATAN
    return {
        periode: sum(values) / len(values) if rata_rata else float(sum(values))
        for periode, values in sorted(per_bulan.items())
    }
