"""Per-period summaries: a period is cut into whole years, quarters and months that cover each of
its months exactly once, and summaries of those pieces give the same sums, filled months and
maxima as the months themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analytics.kategori import KODE_KATEGORI
from analytics.periods import Rentang, add_months, parse_rentang, pecah_rentang
from analytics.ringkasan_periode import KOLOM_RINGKASAN, Ringkas, gabung_bulan, gabung_potongan, ringkas_bulanan

PANJANG = {"bulan": 1, "triwulan": 3, "tahun": 12}


@pytest.mark.parametrize(
    ("kode", "expected"),
    [
        ("2025", [("tahun", "2025-01")]),
        ("2025-Q3", [("triwulan", "2025-07")]),
        ("2025-05", [("bulan", "2025-05")]),
        ("2024-11..2025-12", [("bulan", "2024-11"), ("bulan", "2024-12"), ("tahun", "2025-01")]),
        ("2024-03..2024-07", [("bulan", "2024-03"), ("triwulan", "2024-04"), ("bulan", "2024-07")]),
        ("2023-12..2025-02", [("bulan", "2023-12"), ("tahun", "2024-01"), ("bulan", "2025-01"), ("bulan", "2025-02")]),
    ],
)
def test_a_period_is_cut_into_the_fewest_whole_pieces(kode: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.tingkat, f"{p.awal:%Y-%m}") for p in pecah_rentang(parse_rentang(kode))] == expected


bulan_awal = st.builds(dt.date, st.integers(2022, 2026), st.integers(1, 12), st.just(1))


@given(bulan_awal, st.integers(1, 40))
def test_the_pieces_cover_every_month_once_and_in_order(awal: dt.date, jumlah: int) -> None:
    rentang = Rentang(awal, add_months(awal, jumlah - 1))
    covered = [add_months(p.awal, i) for p in pecah_rentang(rentang) for i in range(PANJANG[p.tingkat])]
    assert covered == rentang.bulan
    assert all(add_months(rentang.awal, p.geser) == p.awal for p in pecah_rentang(rentang))


nilai = st.one_of(st.none(), st.integers(0, 500).map(float))


@given(
    bulan_awal,
    st.integers(1, 30),
    st.lists(st.lists(nilai, min_size=len(KODE_KATEGORI), max_size=len(KODE_KATEGORI)), min_size=30, max_size=30),
)
def test_summaries_of_the_pieces_equal_the_months_themselves(
    awal: dt.date, jumlah: int, values: list[list[float | None]]
) -> None:
    """What the ranking reads (analytics.periods.pecah_rentang over stored summaries) equals
    summing the months of the period one by one."""
    rentang = Rentang(awal, add_months(awal, jumlah - 1))
    months = {add_months(awal, i): values[i] for i in range(jumlah)}
    summaries = {(row[0], row[1]): row for row in ringkas_bulanan([(1, m, v) for m, v in sorted(months.items())])}
    n = len(KODE_KATEGORI)
    combined: Ringkas | None = None
    for piece in pecah_rentang(rentang):
        if piece.tingkat == "bulan":
            value = months[piece.awal]
            stored: Ringkas = (value, [0 if v is None else 1 for v in value], value)
        elif (row := summaries.get((piece.tingkat, piece.awal))) is not None:
            stored = (row[3 : 3 + n], row[3 + n : 3 + 2 * n], row[3 + 2 * n :])
        else:
            continue
        combined = gabung_potongan(combined, stored, piece.geser)
    direct: tuple[list[float | None], list[int], list[float | None]] = ([None] * n, [0] * n, [None] * n)
    for i, month in enumerate(rentang.bulan):
        direct = gabung_bulan(*direct, months[month], i)
    assert combined is not None and tuple(map(list, combined)) == direct
    assert len(KOLOM_RINGKASAN) == 3 + 3 * n
