"""Month-by-month views of one kategori: each month's ranks (for a bump chart)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

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
