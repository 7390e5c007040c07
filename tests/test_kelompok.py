"""Peer groups: satker types from names, and rankings within a group equal to the full ranking
filtered and ranked again (ties, movement, share, Juara Umum)."""

from __future__ import annotations

import csv
import datetime as dt
import doctest

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import analytics.kelompok
from analytics.juara_umum import peringkat_juara_umum
from analytics.kategori import KECEPATAN
from analytics.kelompok import (
    TIPE_SATKER,
    RiwayatTipe,
    cari_tipe_satker,
    hitung_juara_umum_kelompok,
    hitung_peringkat_kelompok,
    kelompokkan_per_tipe,
)
from analytics.peringkat import AgregatSatker, BarisPeringkat, DataKategori, peringkat_kategori, peringkat_lalu
from db.reference import REFERENCE_DIR


def _csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_docstring_examples() -> None:
    result = doctest.testmod(analytics.kelompok)
    assert result.attempted > 0 and result.failed == 0


def test_every_reference_satker_type_is_read_from_its_name() -> None:
    pairs = [(row["nama"], row["tipe"]) for row in _csv("satker.csv")]
    pairs += [(row["nama_baru"], row["tipe_baru"]) for row in _csv("satker_perubahan_nama.csv")]
    assert {tipe for _, tipe in pairs} == set(TIPE_SATKER)
    assert [(nama, cari_tipe_satker(nama)) for nama, _ in pairs] == pairs


@pytest.mark.parametrize(
    ("nama", "tipe"),
    [
        ("Polres Pelabuhan Tanjung Perak", "Polres Pelabuhan"),
        ("polres  pelabuhan   makassar", "Polres Pelabuhan"),
        ("POLRESTABES MEDAN", "Polrestabes"),
        ("Polresta Malang Kota", "Polresta"),
        ("Polres Metro Jakarta Selatan", "Polres"),
        ("Polres Pelabuhanratu", "Polres"),
    ],
)
def test_type_from_name(nama: str, tipe: str) -> None:
    assert cari_tipe_satker(nama) == tipe


@pytest.mark.parametrize("nama", ["Polres", "Polres Pelabuhan", "Polresta ", "Polsek Kota", "Satker Uji", ""])
def test_a_name_without_a_type_is_refused_with_the_forms_named(nama: str) -> None:
    with pytest.raises(ValueError, match="diawali Polres, Polresta, Polrestabes, atau Polres Pelabuhan"):
        cari_tipe_satker(nama)


def test_type_history_follows_a_rename() -> None:
    tuban = RiwayatTipe(((dt.date(2025, 1, 1), "Polresta"), (dt.date(1900, 1, 1), "Polres")))
    assert [tuban.cari_tipe(dt.date(y, m, 1)) for y, m in ((1899, 1), (2024, 12), (2025, 1), (2026, 6))] == [
        "Polres",
        "Polres",
        "Polresta",
        "Polresta",
    ]
    assert RiwayatTipe.tetap("Polrestabes").cari_tipe(dt.date(2024, 5, 1)) == "Polrestabes"
    with pytest.raises(ValueError, match="tidak dikenal: Polsek"):
        RiwayatTipe.tetap("Polsek")
    with pytest.raises(ValueError, match="kosong"):
        RiwayatTipe(())


def test_type_groups_hold_every_type() -> None:
    groups = kelompokkan_per_tipe({1: "Polres", 2: "Polrestabes", 3: "Polres"})
    assert groups == {"Polres": {1, 3}, "Polresta": frozenset(), "Polrestabes": {2}, "Polres Pelabuhan": frozenset()}


def _row(
    rank: int, satker_id: int, value: float, previous: tuple[int, float] | None = None, **extra: object
) -> BarisPeringkat:
    return BarisPeringkat(
        rank,
        satker_id,
        f"S{satker_id}",
        value,
        previous_rank=previous and previous[0],
        previous_value=previous and previous[1],
        **extra,
    )  # type: ignore[arg-type]


def test_group_ranking_shares_ties_skips_places_and_keeps_flags() -> None:
    full = [
        _row(1, 1, 10, (2, 7), share=0.25),
        _row(2, 2, 8, (1, 9), share=0.2, flags=("Lonjakan Mei 2024",)),
        _row(2, 3, 8, None, share=0.2),
        _row(2, 5, 8, (3, 7), share=0.2),
        _row(5, 4, 6, (5, 2), share=0.15, bulan_tanpa_laporan=1),
    ]
    group = hitung_peringkat_kelompok(full, {2, 3, 4, 99}, "lebih_tinggi")
    assert [(r.rank, r.satker_id, r.value, r.previous_rank, r.movement) for r in group] == [
        (1, 2, 8, 1, 0),
        (1, 3, 8, None, None),
        (3, 4, 6, 2, -1),
    ]
    assert [r.share for r in group] == [8 / 22, 8 / 22, 6 / 22]
    assert group[0].flags == ("Lonjakan Mei 2024",) and group[2].bulan_tanpa_laporan == 1
    assert hitung_peringkat_kelompok(full, set(), "lebih_tinggi") == []


def test_group_of_a_kecepatan_ranking_keeps_the_scope_values_and_ranks_lower_first() -> None:
    full = [_row(1, 1, 5.0), _row(2, 2, 12.5), _row(3, 3, 720.0), _row(4, 4, 800.0)]
    group = hitung_peringkat_kelompok(full, {2, 4}, "lebih_rendah")
    assert [(r.rank, r.satker_id, r.value, r.share) for r in group] == [(1, 2, 12.5, None), (2, 4, 800.0, None)]


NILAI = st.integers(min_value=0, max_value=4)  # few distinct values: ties everywhere


@st.composite
def _periode(draw: st.DrawFn, jumlah: int) -> list[tuple[int, int]]:
    """(value, months reported) per satker for one period."""
    return [(draw(NILAI), draw(st.integers(min_value=0, max_value=3))) for _ in range(jumlah)]


def _data(kode: str, rows: list[tuple[int, int]], ids: list[int]) -> DataKategori:
    arah = "lebih_rendah" if kode == KECEPATAN else "lebih_tinggi"
    bulan_aktif = 0 if all(v == 0 and n == 0 for v, n in rows) else 3
    return DataKategori(
        kode,
        arah,
        [AgregatSatker(i, f"Satker {i:02d}", rows[i][0], rows[i][1]) for i in ids],
        bulan_aktif,
        max(v for v, _ in rows),
    )


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=9).flatmap(
        lambda n: st.tuples(_periode(n), _periode(n), st.sets(st.integers(min_value=0, max_value=n - 1)))
    )
)
def test_group_ranking_equals_the_full_ranking_filtered_and_ranked_again(
    case: tuple[list[tuple[int, int]], list[tuple[int, int]], set[int]],
) -> None:
    sekarang, sebelumnya, anggota = case
    every = list(range(len(sekarang)))
    members = sorted(anggota)
    full = peringkat_kategori(_data("ipse", sekarang, every), _data("ipse", sebelumnya, every))
    expected = peringkat_kategori(_data("ipse", sekarang, members), _data("ipse", sebelumnya, members))
    assert hitung_peringkat_kelompok(full, anggota, "lebih_tinggi") == expected


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=9).flatmap(
        lambda n: st.tuples(_periode(n), _periode(n), st.sets(st.integers(min_value=0, max_value=n - 1)))
    )
)
def test_kecepatan_group_places_count_the_members_strictly_faster(
    case: tuple[list[tuple[int, int]], list[tuple[int, int]], set[int]],
) -> None:
    """The penalty for a month without report depends on the whole scope, so a group keeps the
    scope's values: checked against a brute-force count instead of a filtered recomputation."""
    sekarang, sebelumnya, anggota = case
    every = list(range(len(sekarang)))
    full = peringkat_kategori(_data(KECEPATAN, sekarang, every), _data(KECEPATAN, sebelumnya, every), penalti_jam=3)
    group = hitung_peringkat_kelompok(full, anggota, "lebih_rendah")
    members = [r for r in full if r.satker_id in anggota]
    assert {r.satker_id: r.value for r in group} == {r.satker_id: r.value for r in members}
    for row in group:
        assert row.rank == 1 + sum(other.value < row.value for other in members)
        if row.previous_value is None:
            assert row.previous_rank is None
        else:
            earlier = [o.previous_value for o in members if o.previous_value is not None]
            assert row.previous_rank == 1 + sum(v < row.previous_value for v in earlier)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(min_value=1, max_value=8).flatmap(
        lambda n: st.tuples(
            st.lists(st.tuples(_periode(n), _periode(n)), min_size=3, max_size=3),
            st.sets(st.integers(min_value=0, max_value=n - 1)),
        )
    )
)
# A kategori with data in the previous period and none now still counts for the previous Juara Umum.
@example(case=([([(0, 0)], [(0, 0)]), ([(0, 0)], [(0, 1)]), ([(0, 1)], [(0, 0)])], {0}))
def test_group_juara_umum_is_recomputed_from_the_group_places(
    case: tuple[list[tuple[list[tuple[int, int]], list[tuple[int, int]]]], set[int]],
) -> None:
    per_kode, anggota = case
    kodes = ["ipse", "tb_news", "trending_topik"]
    bobot = {"ipse": 1.0, "tb_news": 2.0, "trending_topik": 0.5}
    every = list(range(len(per_kode[0][0])))
    members = sorted(anggota)

    def rankings(ids: list[int]) -> tuple[dict[str, list[BarisPeringkat]], dict[str, list[BarisPeringkat]]]:
        pairs = list(zip(kodes, per_kode, strict=True))
        now = {k: peringkat_kategori(_data(k, cur, ids), _data(k, prev, ids)) for k, (cur, prev) in pairs}
        before = {k: peringkat_kategori(_data(k, prev, ids)) for k, (_, prev) in pairs}
        return now, before

    full_now, _ = rankings(every)
    full_before = {k: peringkat_lalu(_data(k, prev, every)) for k, (_, prev) in zip(kodes, per_kode, strict=True)}
    group_now, group_before = rankings(members)
    arah = dict.fromkeys(kodes, "lebih_tinggi")
    got = hitung_juara_umum_kelompok({**full_now, "juara_umum": []}, full_before, anggota, arah, bobot)  # type: ignore[arg-type]
    assert got == peringkat_juara_umum(group_now, group_before, bobot)
