"""What the Tren page draws for one kategori: the months shown, and the chosen satker's lines and
monthly ranks keyed by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from analytics.peringkat import Arah
from analytics.periods import Rentang, rentang_dua_belas_bulan
from analytics.tren import peringkat_per_bulan

BULAN_MINIMUM = 12


def pilih_rentang_tren(rentang: Rentang) -> Rentang:
    """The period itself, or, when it is shorter than a year, the twelve months ending with it:
    a trend of one month means nothing."""
    return rentang if rentang.jumlah_bulan >= BULAN_MINIMUM else rentang_dua_belas_bulan(rentang.akhir)


def susun_garis_satker(
    series: Mapping[int, Mapping[dt.date, float]], nama: Mapping[int, str], dipilih: Sequence[int]
) -> dict[str, Mapping[dt.date, float]]:
    """Satker name → month → value, for the chosen satker (a satker without values: no points)."""
    return {nama[sid]: series.get(sid, {}) for sid in dipilih}


def hitung_peringkat_satker(
    series: Mapping[int, Mapping[dt.date, float]],
    nama: Mapping[int, str],
    kode: str,
    arah: Arah,
    bulan: Sequence[dt.date],
    penalti_jam: float,
    dipilih: Sequence[int],
) -> dict[str, dict[dt.date, int]]:
    """Satker name → month → rank among every satker in ``nama``, for the chosen satker."""
    peringkat = peringkat_per_bulan(series, nama, kode, arah, bulan, penalti_jam)
    return {nama[sid]: {m: ranks[sid] for m, ranks in peringkat.items() if sid in ranks} for sid in dipilih}
