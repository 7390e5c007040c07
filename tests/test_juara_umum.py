"""Juara Umum: rank points per kategori, their weighted mean, and the overall ranking."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.juara_umum import jelaskan_metode, normalise_bobot, peringkat_juara_umum, poin_peringkat, skor_juara_umum
from analytics.peringkat import BarisPeringkat

IDS = {"A": 1, "B": 2, "C": 3, "D": 4, "E": 5}


def urutan(*satker: str, ranks: Sequence[int] | None = None) -> list[BarisPeringkat]:
    """A kategori ranking: satker in ranking order, ranks 1..n unless given (for ties)."""
    ranks = ranks or range(1, len(satker) + 1)
    return [
        BarisPeringkat(rank=rank, satker_id=IDS[nama], satker=nama, value=0.0)
        for rank, nama in zip(ranks, satker, strict=True)
    ]


def skor(per_kategori: Mapping[str, Sequence[BarisPeringkat]], bobot: Mapping[str, float]) -> dict[str, float]:
    return {s.satker: s.skor for s in skor_juara_umum(per_kategori, bobot)}


def pemenang(per_kategori: Mapping[str, Sequence[BarisPeringkat]], bobot: Mapping[str, float]) -> list[str]:
    return [r.satker for r in peringkat_juara_umum(per_kategori, None, bobot) if r.rank == 1]


# A first in ipse, last in media; B second in ipse, first in media.
DUA_KATEGORI = {"ipse": urutan("A", "B", "C"), "media": urutan("B", "C", "A")}


@pytest.mark.parametrize(
    ("rank", "jumlah_satker", "poin"),
    [(1, 5, 100.0), (2, 5, 75.0), (5, 5, 0.0), (1, 2, 100.0), (2, 2, 0.0), (1, 1, 100.0), (2, 4, 200 / 3)],
    ids=[
        "pertama",
        "kedua-dari-lima",
        "terakhir",
        "pertama-dari-dua",
        "terakhir-dari-dua",
        "satu-satunya",
        "sepertiga",
    ],
)
def test_poin_peringkat(rank: int, jumlah_satker: int, poin: float) -> None:
    assert poin_peringkat(rank, jumlah_satker) == pytest.approx(poin)


@pytest.mark.parametrize(
    ("per_kategori", "bobot", "expected"),
    [
        (DUA_KATEGORI, {}, {"A": 50.0, "B": 75.0, "C": 25.0}),
        (DUA_KATEGORI, {"ipse": 1, "media": 1}, {"A": 50.0, "B": 75.0, "C": 25.0}),
        (DUA_KATEGORI, {"ipse": 2, "media": 2}, {"A": 50.0, "B": 75.0, "C": 25.0}),
        (DUA_KATEGORI, {"ipse": 3, "media": 1}, {"A": 75.0, "B": 62.5, "C": 12.5}),
        (DUA_KATEGORI, {"media": 0}, {"A": 100.0, "B": 50.0, "C": 0.0}),
        ({**DUA_KATEGORI, "kosong": []}, {}, {"A": 50.0, "B": 75.0, "C": 25.0}),
        ({"ipse": urutan("A", "B", "C", "D", ranks=[1, 2, 2, 4])}, {}, {"A": 100.0, "B": 66.67, "C": 66.67, "D": 0.0}),
        (
            {"ipse": urutan("A", "B", "C"), "media": urutan("A", "B", "C"), "opini": urutan("C", "B", "A")},
            {},
            {"A": 66.67, "B": 50.0, "C": 33.33},
        ),
        ({"kosong": [], "juga_kosong": []}, {}, {}),
        (DUA_KATEGORI, {"ipse": 0, "media": 0}, {}),
    ],
    ids=[
        "bobot-bawaan-rata-rata-poin",
        "bobot-sama-rata-rata-poin",
        "bobot-sama-besar-tetap-rata-rata",
        "bobot-berbeda-rata-rata-berbobot",
        "bobot-nol-mengeluarkan-kategori",
        "kategori-kosong-tidak-dihitung",
        "seri-berbagi-poin",
        "dibulatkan-dua-desimal",
        "semua-kategori-kosong",
        "semua-bobot-nol",
    ],
)
def test_skor_juara_umum(
    per_kategori: Mapping[str, Sequence[BarisPeringkat]], bobot: Mapping[str, float], expected: dict[str, float]
) -> None:
    assert skor(per_kategori, bobot) == expected


@pytest.mark.parametrize(
    ("bobot", "juara"),
    [({}, ["B"]), ({"ipse": 3}, ["A"]), ({"media": 0}, ["A"]), ({"ipse": 0}, ["B"])],
    ids=["bobot-sama-B-juara", "bobot-ipse-dinaikkan-A-juara", "media-dikeluarkan-A-juara", "ipse-dikeluarkan-B-juara"],
)
def test_changing_a_weight_can_change_the_winner(bobot: dict[str, float], juara: list[str]) -> None:
    assert pemenang(DUA_KATEGORI, bobot) == juara


@pytest.mark.parametrize(
    ("bobot", "poin_a"),
    [({}, {"ipse": 100.0, "media": 0.0}), ({"media": 0}, {"ipse": 100.0})],
    ids=["semua-kategori", "kategori-berbobot-nol-tidak-tercatat"],
)
def test_skor_records_the_points_behind_it(bobot: dict[str, float], poin_a: dict[str, float]) -> None:
    [a] = [s for s in skor_juara_umum(DUA_KATEGORI, bobot) if s.satker == "A"]
    assert dict(a.poin) == poin_a


@pytest.mark.parametrize(
    ("bobot", "expected"),
    [
        ({}, {"ipse": 1.0, "media": 1.0}),
        ({"ipse": 2}, {"ipse": 2.0, "media": 1.0}),
        ({"ipse": 0, "media": 0.5}, {"ipse": 0.0, "media": 0.5}),
        ({"ipse": 2, "lain": 9}, {"ipse": 2.0, "media": 1.0}),
    ],
    ids=["bawaan-satu", "yang-tidak-disebut-bawaan", "nol-dan-pecahan-boleh", "kategori-lain-diabaikan"],
)
def test_normalise_bobot(bobot: dict[str, float], expected: dict[str, float]) -> None:
    assert normalise_bobot(bobot, ["ipse", "media"]) == expected


@pytest.mark.parametrize(
    "hitung",
    [
        lambda bobot: normalise_bobot(bobot, ["ipse", "media"]),
        lambda bobot: skor_juara_umum(DUA_KATEGORI, bobot),
        lambda bobot: peringkat_juara_umum(DUA_KATEGORI, None, bobot),
        lambda bobot: jelaskan_metode(bobot, {"ipse": "IPSE", "media": "Media"}),
    ],
    ids=["normalise_bobot", "skor_juara_umum", "peringkat_juara_umum", "jelaskan_metode"],
)
def test_negative_weight_is_refused_in_indonesian(hitung: Callable[[dict[str, float]], object]) -> None:
    with pytest.raises(ValueError, match="Bobot tidak boleh negatif: media"):
        hitung({"ipse": 1, "media": -1})


@pytest.mark.parametrize(
    ("per_kategori", "expected"),
    [
        (DUA_KATEGORI, [(1, "B", 75.0), (2, "A", 50.0), (3, "C", 25.0)]),
        (
            {"ipse": urutan("A", "B", "C", "D"), "media": urutan("B", "A", "D", "C")},
            [(1, "A", 83.33), (1, "B", 83.33), (3, "C", 16.67), (3, "D", 16.67)],
        ),
        (
            {"ipse": urutan("A", "B", "C", "D", "E"), "media": urutan("E", "D", "C", "B", "A")},
            [(1, "A", 50.0), (1, "B", 50.0), (1, "C", 50.0), (1, "D", 50.0), (1, "E", 50.0)],
        ),
        ({"ipse": []}, []),
    ],
    ids=["berurutan", "skor-seri-berbagi-peringkat", "semua-seri", "tanpa-data"],
)
def test_peringkat_juara_umum_ranks_scores_higher_is_better(
    per_kategori: Mapping[str, Sequence[BarisPeringkat]], expected: list[tuple[int, str, float]]
) -> None:
    assert [(r.rank, r.satker, r.value) for r in peringkat_juara_umum(per_kategori, None, {})] == expected


SEBELUMNYA = {"ipse": urutan("C", "A", "B"), "media": urutan("C", "B", "A")}  # C 100, B 25, A 25 → C 1, A 2, B 2


@pytest.mark.parametrize(
    ("sebelumnya", "satker", "previous_rank", "previous_value", "movement"),
    [
        (SEBELUMNYA, "B", 2, 25.0, 1),
        (SEBELUMNYA, "A", 2, 25.0, 0),
        (SEBELUMNYA, "C", 1, 100.0, -2),
        ({"ipse": urutan("A", "B"), "media": urutan("B", "A")}, "C", None, None, None),
        (None, "B", None, None, None),
        ({"ipse": [], "media": []}, "B", None, None, None),
    ],
    ids=["naik", "tetap", "turun", "satker-baru", "tanpa-periode-sebelumnya", "periode-sebelumnya-tanpa-data"],
)
def test_peringkat_juara_umum_movement_against_previous_period(
    sebelumnya: Mapping[str, Sequence[BarisPeringkat]] | None,
    satker: str,
    previous_rank: int | None,
    previous_value: float | None,
    movement: int | None,
) -> None:
    [row] = [r for r in peringkat_juara_umum(DUA_KATEGORI, sebelumnya, {}) if r.satker == satker]
    assert (row.previous_rank, row.previous_value, row.movement) == (previous_rank, previous_value, movement)


def test_previous_period_is_scored_with_the_same_weights() -> None:
    # With ipse weighted 3, A led the previous period (75 against 62,5) and B leads now.
    sebelumnya = DUA_KATEGORI
    sekarang = {"ipse": urutan("B", "A", "C"), "media": urutan("B", "C", "A")}
    rows = peringkat_juara_umum(sekarang, sebelumnya, {"ipse": 3})
    assert [(r.satker, r.previous_rank, r.previous_value) for r in rows] == [
        ("B", 2, 62.5),
        ("A", 1, 75.0),
        ("C", 3, 12.5),
    ]


LABEL = {"ipse": "IPSE", "media": "Media Online", "kecepatan_laporan": "Kecepatan Laporan"}


@pytest.mark.parametrize(
    ("bobot", "disebut"),
    [
        ({}, "IPSE: 1,0; Media Online: 1,0; Kecepatan Laporan: 1,0"),
        ({"ipse": 2, "kecepatan_laporan": 0.5}, "IPSE: 2,0; Media Online: 1,0; Kecepatan Laporan: 0,5"),
        ({"media": 0}, "Media Online: 0,0"),
        ({}, "100 × (N − peringkat) / (N − 1)"),
        ({}, "rata-rata berbobot"),
        ({}, "seri mendapat poin yang sama"),
        ({}, "lebih tinggi lebih baik"),
    ],
    ids=[
        "bobot-bawaan",
        "bobot-diubah-ditulis-dengan-koma",
        "bobot-nol-tetap-disebut",
        "rumus-poin",
        "rata-rata-berbobot",
        "seri",
        "arah",
    ],
)
def test_jelaskan_metode_mentions(bobot: dict[str, float], disebut: str) -> None:
    assert disebut in jelaskan_metode(bobot, LABEL)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 5), min_size=5, max_size=5), min_size=1, max_size=6),
    st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0]), min_size=6, max_size=6),
)
def test_juara_umum_ranking_values_are_the_weighted_mean_scores(
    ranks_per_kategori: list[list[int]], weights: list[float]
) -> None:
    """The ranking sums points kategori by kategori as columns when every kategori ranks the same
    satker; its values are exactly the scores of :func:`skor_juara_umum`, which sums per satker."""
    per_kategori = {
        f"k{i}": [
            BarisPeringkat(rank=rank, satker_id=IDS[nama], satker=nama, value=0.0)
            for nama, rank in zip(IDS, ranks, strict=True)
        ]
        for i, ranks in enumerate(ranks_per_kategori)
    }
    bobot = {f"k{i}": w for i, w in enumerate(weights)}
    ranking = {row.satker: row.value for row in peringkat_juara_umum(per_kategori, None, bobot)}
    assert ranking == skor(per_kategori, bobot)
