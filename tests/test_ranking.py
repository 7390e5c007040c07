"""Standard competition ranking ("1, 2, 2, 4") with a direction per kategori, the value ranked for a
period, share of the total, months without a report and movement against the previous period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.kategori import KECEPATAN
from analytics.peringkat import (
    PENALTI_JAM_BAWAAN,
    AgregatSatker,
    Arah,
    BarisPeringkat,
    DataKategori,
    nilai_periode,
    peringkat_kategori,
    rank_rows,
    top_ranks,
)


@dataclass(frozen=True)
class Peringkat:
    rank: int
    satker: str
    value: float


def rank_satker(values: Mapping[str, float], arah: Arah = "lebih_tinggi") -> list[Peringkat]:
    """The app ranks satker ids (:func:`rank_rows`, names ordering a tie); the cases below read
    better with names alone, each standing for a satker of its own."""
    names = dict(enumerate(values))
    ranked = rank_rows({i: values[nama] for i, nama in names.items()}, names, arah)
    return [Peringkat(rank, names[i], value) for rank, i, value in ranked]


@pytest.mark.parametrize(
    ("values", "arah", "expected"),
    [
        ({"A": 5, "B": 7, "C": 5, "D": 1}, "lebih_tinggi", [(1, "B"), (2, "A"), (2, "C"), (4, "D")]),
        ({"A": 0, "B": 0, "C": 0}, "lebih_tinggi", [(1, "A"), (1, "B"), (1, "C")]),
        ({"A": 30.5, "B": 2.0, "C": 2.0, "D": 100}, "lebih_rendah", [(1, "B"), (1, "C"), (3, "A"), (4, "D")]),
        ({}, "lebih_tinggi", []),
        ({"Solo": 3}, "lebih_rendah", [(1, "Solo")]),
    ],
    ids=["ties-skip-next-rank", "all-zero", "lower-is-better", "empty", "single"],
)
def test_rank_satker(values: dict[str, float], arah: Arah, expected: list[tuple[int, str]]) -> None:
    assert [(p.rank, p.satker) for p in rank_satker(values, arah)] == expected


def test_ranking_keeps_values() -> None:
    assert rank_satker({"A": 2, "B": 9}) == [Peringkat(1, "B", 9), Peringkat(2, "A", 2)]


def test_top_three_brings_in_everyone_tied_at_third() -> None:
    ranking = rank_satker({"A": 9, "B": 8, "C": 5, "D": 5, "E": 1})
    assert [p.satker for p in top_ranks(ranking, 3)] == ["A", "B", "C", "D"]


def test_top_three_of_fewer_than_three() -> None:
    assert [p.satker for p in top_ranks(rank_satker({"A": 1, "B": 2}), 3)] == ["B", "A"]


# ---------------------------------------------------------------------------------------------
# One kategori over a period: values, ranks, share, months without a report and movement
# ---------------------------------------------------------------------------------------------


def agg(satker_id: int, satker: str, jumlah: float, bulan_terisi: int) -> AgregatSatker:
    return AgregatSatker(satker_id, satker, jumlah, bulan_terisi)


def hitungan(rows: list[AgregatSatker], bulan_aktif: int = 1, kode: str = "ipse") -> DataKategori:
    """A count kategori (higher is better)."""
    return DataKategori(kode, "lebih_tinggi", rows, bulan_aktif, max((r.jumlah for r in rows), default=0.0))


def kecepatan(rows: list[AgregatSatker], bulan_aktif: int, nilai_maks: float) -> DataKategori:
    """kecepatan_laporan: hours after the end of the month (lower is better)."""
    return DataKategori(KECEPATAN, "lebih_rendah", rows, bulan_aktif, nilai_maks)


def table(rows: list[BarisPeringkat]) -> list[tuple[int, str, float]]:
    return [(r.rank, r.satker, r.value) for r in rows]


@pytest.mark.parametrize(
    ("data", "penalti_jam", "expected"),
    [
        (hitungan([agg(1, "A", 12, 3), agg(2, "B", 5, 2)], bulan_aktif=3), 720, {1: 12.0, 2: 5.0}),
        (hitungan([agg(1, "A", 12, 3), agg(2, "B", 0, 0)], bulan_aktif=3), 720, {1: 12.0, 2: 0.0}),
        (hitungan([agg(1, "A", 0, 0), agg(2, "B", 0, 0)], bulan_aktif=0), 720, {}),
        (kecepatan([agg(1, "A", 30, 3)], bulan_aktif=3, nilai_maks=15), 720, {1: 10.0}),
        (kecepatan([agg(1, "A", 20, 1)], bulan_aktif=2, nilai_maks=20), 100, {1: 60.0}),
        (
            kecepatan([agg(1, "A", 20, 1), agg(2, "B", 500, 1)], bulan_aktif=2, nilai_maks=500),
            100,
            {1: 260.0, 2: 500.0},
        ),
        (kecepatan([agg(1, "A", 0, 0), agg(2, "B", 10, 2)], bulan_aktif=2, nilai_maks=6), 100, {1: 100.0, 2: 5.0}),
        (kecepatan([agg(1, "A", 10, 3)], bulan_aktif=3, nilai_maks=4), 720, {1: 3.33}),
        (kecepatan([agg(1, "A", 0, 0)], bulan_aktif=0, nilai_maks=0), 720, {}),
    ],
    ids=[
        "hitungan-dijumlah",
        "hitungan-tanpa-data-bernilai-nol",
        "periode-kosong",
        "kecepatan-rata-rata-bulan-aktif",
        "kecepatan-bulan-kosong-kena-penalti",
        "kecepatan-penalti-naik-ke-nilai-maks",
        "kecepatan-tanpa-laporan-sama-sekali-penalti-penuh",
        "kecepatan-dibulatkan-dua-desimal",
        "kecepatan-periode-kosong",
    ],
)
def test_nilai_periode(data: DataKategori, penalti_jam: float, expected: dict[int, float]) -> None:
    assert nilai_periode(data, penalti_jam) == expected


def test_nilai_periode_default_penalty_is_thirty_days() -> None:
    data = kecepatan([agg(1, "A", 0, 0), agg(2, "B", 4, 1)], bulan_aktif=1, nilai_maks=4)
    assert (PENALTI_JAM_BAWAAN, nilai_periode(data)[1]) == (720.0, 720.0)


@pytest.mark.parametrize(
    ("values", "names", "arah", "expected"),
    [
        (
            {1: 5, 2: 7, 3: 5, 4: 1},
            {1: "A", 2: "B", 3: "C", 4: "D"},
            "lebih_tinggi",
            [(1, 2, 7), (2, 1, 5), (2, 3, 5), (4, 4, 1)],
        ),
        (
            {1: 5, 2: 7, 3: 5, 4: 1},
            {1: "A", 2: "B", 3: "C", 4: "D"},
            "lebih_rendah",
            [(1, 4, 1), (2, 1, 5), (2, 3, 5), (4, 2, 7)],
        ),
        ({1: 5, 2: 5}, {1: "Zeta", 2: "Alfa"}, "lebih_tinggi", [(1, 2, 5), (1, 1, 5)]),
        ({1: 0, 2: 0, 3: 0}, {1: "C", 2: "A", 3: "B"}, "lebih_tinggi", [(1, 2, 0), (1, 3, 0), (1, 1, 0)]),
        ({}, {}, "lebih_tinggi", []),
    ],
    ids=["seri-1-2-2-4", "lebih-rendah-lebih-baik", "seri-diurutkan-menurut-nama-bukan-id", "semua-nol", "kosong"],
)
def test_rank_rows(
    values: dict[int, float], names: dict[int, str], arah: Arah, expected: list[tuple[int, int, float]]
) -> None:
    assert rank_rows(values, names, arah) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            hitungan([agg(1, "A", 5, 1), agg(2, "B", 7, 1), agg(3, "C", 5, 1), agg(4, "D", 1, 1)]),
            [(1, "B", 7.0), (2, "A", 5.0), (2, "C", 5.0), (4, "D", 1.0)],
        ),
        (
            hitungan([agg(1, "Polres Zeta", 3, 1), agg(2, "Polres Alfa", 3, 1), agg(3, "Polres Beta", 9, 1)]),
            [(1, "Polres Beta", 9.0), (2, "Polres Alfa", 3.0), (2, "Polres Zeta", 3.0)],
        ),
        (
            hitungan([agg(1, "A", 0, 1), agg(2, "B", 0, 1), agg(3, "C", 0, 1)]),
            [(1, "A", 0.0), (1, "B", 0.0), (1, "C", 0.0)],
        ),
        (
            hitungan([agg(1, "A", 8, 2), agg(2, "B", 0, 0)], bulan_aktif=2),
            [(1, "A", 8.0), (2, "B", 0.0)],
        ),
        (
            kecepatan([agg(1, "A", 60, 2), agg(2, "B", 10, 2), agg(3, "C", 30, 2)], bulan_aktif=2, nilai_maks=40),
            [(1, "B", 5.0), (2, "C", 15.0), (3, "A", 30.0)],
        ),
        (
            kecepatan([agg(1, "A", 10, 1), agg(2, "B", 100, 2)], bulan_aktif=2, nilai_maks=90),
            [(1, "B", 50.0), (2, "A", 365.0)],
        ),
        (
            hitungan([agg(1, "A", 0, 0), agg(2, "B", 0, 0)], bulan_aktif=0),
            [],
        ),
    ],
    ids=[
        "seri-1-2-2-4",
        "seri-diurutkan-menurut-nama",
        "semua-nol-semua-peringkat-1",
        "satker-tanpa-data-tetap-diperingkat",
        "kecepatan-lebih-rendah-lebih-baik",
        "kecepatan-bulan-kosong-dihitung-penalti",
        "periode-tanpa-data-kosong",
    ],
)
def test_peringkat_kategori_ranks(data: DataKategori, expected: list[tuple[int, str, float]]) -> None:
    assert table(peringkat_kategori(data, penalti_jam=720)) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (hitungan([agg(1, "A", 6, 1), agg(2, "B", 4, 1)]), {"A": 0.6, "B": 0.4}),
        (hitungan([agg(1, "A", 3, 1), agg(2, "B", 1, 1), agg(3, "C", 0, 0)]), {"A": 0.75, "B": 0.25, "C": 0.0}),
        (hitungan([agg(1, "A", 0, 1), agg(2, "B", 0, 1)]), {"A": None, "B": None}),
        (kecepatan([agg(1, "A", 6, 1), agg(2, "B", 4, 1)], bulan_aktif=1, nilai_maks=6), {"A": None, "B": None}),
    ],
    ids=["bagian-dari-total", "satker-tanpa-data-bagian-nol", "total-nol-tanpa-bagian", "kecepatan-tanpa-bagian"],
)
def test_peringkat_kategori_share(data: DataKategori, expected: dict[str, float | None]) -> None:
    assert {r.satker: r.share for r in peringkat_kategori(data)} == pytest.approx(expected)


@pytest.mark.parametrize(
    "data",
    [
        hitungan([agg(1, "A", 1, 1), agg(2, "B", 1, 1), agg(3, "C", 1, 1)]),
        hitungan([agg(i, f"Polres {i}", i * 7, 1) for i in range(1, 13)]),
        hitungan([agg(1, "A", 0.1, 1), agg(2, "B", 0.2, 1), agg(3, "C", 0, 0)]),
    ],
    ids=["sepertiga-masing-masing", "dua-belas-satker", "pecahan"],
)
def test_peringkat_kategori_shares_of_counts_sum_to_one(data: DataKategori) -> None:
    assert sum(r.share or 0.0 for r in peringkat_kategori(data)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (hitungan([agg(1, "A", 9, 3), agg(2, "B", 4, 1), agg(3, "C", 0, 0)], bulan_aktif=3), {"A": 0, "B": 2, "C": 3}),
        (
            kecepatan([agg(1, "A", 9, 3), agg(2, "B", 4, 1), agg(3, "C", 0, 0)], bulan_aktif=3, nilai_maks=5),
            {"A": 0, "B": 2, "C": 3},
        ),
    ],
    ids=["hitungan", "kecepatan"],
)
def test_peringkat_kategori_counts_months_without_a_report(data: DataKategori, expected: dict[str, int]) -> None:
    assert {r.satker: r.bulan_tanpa_laporan for r in peringkat_kategori(data)} == expected


def test_months_nobody_reported_are_not_counted_as_missing() -> None:
    # A three-month period in which only one month has any value: bulan_aktif is 1.
    data = hitungan([agg(1, "A", 5, 1), agg(2, "B", 2, 1)], bulan_aktif=1)
    assert [r.bulan_tanpa_laporan for r in peringkat_kategori(data)] == [0, 0]


SEKARANG = hitungan([agg(1, "A", 10, 1), agg(2, "B", 8, 1), agg(3, "C", 5, 1), agg(4, "D", 3, 1), agg(5, "E", 1, 1)])
SEBELUMNYA = hitungan([agg(1, "A", 2, 1), agg(2, "B", 9, 1), agg(3, "C", 4, 1), agg(4, "D", 7, 1)])


@pytest.mark.parametrize(
    ("satker", "previous_rank", "previous_value", "movement"),
    [
        ("A", 4, 2.0, 3),
        ("B", 1, 9.0, -1),
        ("C", 3, 4.0, 0),
        ("D", 2, 7.0, -2),
        ("E", None, None, None),
    ],
    ids=["naik", "turun", "tetap", "turun-dua", "satker-baru"],
)
def test_peringkat_kategori_movement_against_previous_period(
    satker: str, previous_rank: int | None, previous_value: float | None, movement: int | None
) -> None:
    row = next(r for r in peringkat_kategori(SEKARANG, SEBELUMNYA) if r.satker == satker)
    assert (row.previous_rank, row.previous_value, row.movement) == (previous_rank, previous_value, movement)


@pytest.mark.parametrize(
    "sebelumnya",
    [None, hitungan([agg(1, "A", 0, 0), agg(2, "B", 0, 0), agg(3, "C", 0, 0)], bulan_aktif=0)],
    ids=["tanpa-periode-sebelumnya", "periode-sebelumnya-tanpa-data"],
)
def test_no_previous_ranking_means_no_movement(sebelumnya: DataKategori | None) -> None:
    rows = peringkat_kategori(hitungan([agg(1, "A", 3, 1), agg(2, "B", 2, 1), agg(3, "C", 1, 1)]), sebelumnya)
    assert [(r.previous_rank, r.previous_value, r.movement) for r in rows] == [(None, None, None)] * 3


def test_kecepatan_movement_ranks_the_previous_period_lower_is_better() -> None:
    sekarang = kecepatan([agg(1, "A", 5, 1), agg(2, "B", 50, 1)], bulan_aktif=1, nilai_maks=50)
    sebelumnya = kecepatan([agg(1, "A", 40, 1), agg(2, "B", 4, 1)], bulan_aktif=1, nilai_maks=40)
    assert [(r.satker, r.previous_rank, r.movement) for r in peringkat_kategori(sekarang, sebelumnya)] == [
        ("A", 2, 1),
        ("B", 1, -1),
    ]


@pytest.mark.parametrize(
    ("rank", "previous_rank", "movement"),
    [(1, 3, 2), (3, 1, -2), (2, 2, 0), (1, None, None)],
    ids=["naik", "turun", "tetap", "tidak-diperingkat-sebelumnya"],
)
def test_baris_peringkat_movement(rank: int, previous_rank: int | None, movement: int | None) -> None:
    assert (
        BarisPeringkat(rank=rank, satker_id=1, satker="A", value=1.0, previous_rank=previous_rank).movement == movement
    )


# --- order and ranks for any input order (the database gives satker in name order; groups,
# the national comparison and Juara Umum do not) -------------------------------------------------

_satker_acak = st.lists(
    st.tuples(st.sampled_from(["Alfa", "Beta", "Gamma", "Delta", "Polres Batu", "Polres Blitar"]), st.integers(0, 6)),
    max_size=12,
    unique_by=lambda pasangan: pasangan,
)


@settings(max_examples=300, deadline=None)
@given(_satker_acak, st.sampled_from(["lebih_tinggi", "lebih_rendah"]))
def test_ranking_orders_by_value_then_name_then_id_whatever_the_input_order(
    satker: list[tuple[str, int]], arah: Arah
) -> None:
    """Names may repeat (two satker with one name) and come in any order; values tie often."""
    rows = [agg(satker_id, nama, float(nilai), 1) for satker_id, (nama, nilai) in enumerate(satker, start=1)]
    data = DataKategori("ipse", arah, rows, 1)
    sign = -1 if arah == "lebih_tinggi" else 1
    expected = sorted(rows, key=lambda r: (sign * r.jumlah, r.satker, r.satker_id))
    ranked = peringkat_kategori(data)
    assert [r.satker_id for r in ranked] == [r.satker_id for r in expected]
    assert [r.rank for r in ranked] == [1 + sum(o.jumlah * sign < r.value * sign for o in rows) for r in ranked]
    names = {r.satker_id: r.satker for r in rows}
    assert rank_rows({r.satker_id: r.jumlah for r in rows}, names, arah) == [
        (r.rank, r.satker_id, r.value) for r in ranked
    ]
