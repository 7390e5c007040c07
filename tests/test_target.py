"""Targets: which target applies (scope, date, history, end), period targets, attainment and
bands — table-driven, then against a brute-force recomputation (hypothesis)."""

from __future__ import annotations

import datetime as dt
import doctest
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analytics.target
from analytics.kategori import KECEPATAN
from analytics.kelompok import TIPE_SATKER, RiwayatTipe
from analytics.peringkat import BarisPeringkat
from analytics.periods import add_months, month_range
from analytics.target import (
    AmbangPita,
    Capaian,
    DaftarTarget,
    Target,
    TargetPeriode,
    hitung_capaian_peringkat,
    hitung_capaian_satker,
    hitung_per_pita,
    hitung_persen_capaian,
)

JAN, FEB, MAR, APR, MEI, JUN = (dt.date(2024, m, 1) for m in range(1, 7))
POLRES = RiwayatTipe.tetap("Polres")


def test_docstring_examples() -> None:
    result = doctest.testmod(analytics.target)
    assert result.attempted > 0 and result.failed == 0


def semua(nilai: float | None, mulai: dt.date = JAN, kategori: str = "tb_news") -> Target:
    return Target(kategori, "semua", mulai, nilai)


def tipe(nama: str, nilai: float | None, mulai: dt.date = JAN, kategori: str = "tb_news") -> Target:
    return Target(kategori, "tipe", mulai, nilai, tipe=nama)


def satker(satker_id: int, nilai: float | None, mulai: dt.date = JAN, kategori: str = "tb_news") -> Target:
    return Target(kategori, "satker", mulai, nilai, satker_id=satker_id)


@pytest.mark.parametrize(
    ("targets", "periode", "tipe_satker", "expected"),
    [
        ([semua(10)], MAR, "Polres", 10),
        ([semua(10), tipe("Polres", 20)], MAR, "Polres", 20),
        ([semua(10), tipe("Polresta", 20)], MAR, "Polres", 10),
        ([semua(10), tipe("Polres", 20), satker(7, 30)], MAR, "Polres", 30),
        ([satker(8, 30), semua(10)], MAR, "Polres", 10),
        # a newer target for all satker does not override an older target of the satker itself
        ([satker(7, 30, JAN), semua(10, APR)], MEI, "Polres", 30),
        # the latest target not after the month; earlier months keep theirs
        ([semua(10, JAN), semua(12, APR), semua(15, JUN)], MAR, "Polres", 10),
        ([semua(10, JAN), semua(12, APR), semua(15, JUN)], APR, "Polres", 12),
        ([semua(10, JAN), semua(12, APR), semua(15, JUN)], JUN, "Polres", 15),
        ([semua(10, APR)], MAR, "Polres", None),
        ([], MAR, "Polres", None),
        # a target without a value ends its scope's own target: the wider scope applies again
        ([semua(10), satker(7, 30, JAN), satker(7, None, APR)], MAR, "Polres", 30),
        ([semua(10), satker(7, 30, JAN), satker(7, None, APR)], MEI, "Polres", 10),
        ([semua(10), tipe("Polres", 20), tipe("Polres", None, APR)], MEI, "Polres", 10),
        ([semua(10), semua(None, APR)], MEI, "Polres", None),
        ([semua(10, kategori="ipse")], MAR, "Polres", None),
    ],
    ids=[
        "all",
        "type-over-all",
        "other-type",
        "satker-over-type",
        "other-satker",
        "own-kept-after-new-all",
        "history-before",
        "history-at-change",
        "history-latest",
        "not-yet-valid",
        "none-set",
        "own-before-end",
        "own-ended",
        "type-ended",
        "all-ended",
        "other-kategori",
    ],
)
def test_which_target_applies(
    targets: list[Target], periode: dt.date, tipe_satker: str, expected: float | None
) -> None:
    found = DaftarTarget(targets).cari_target_bulan("tb_news", periode, 7, tipe_satker)
    assert (found.nilai if found else None) == expected


def test_a_type_target_follows_the_satker_type_of_each_month() -> None:
    daftar = DaftarTarget([tipe("Polres", 20), tipe("Polresta", 40)])
    tuban = RiwayatTipe(((dt.date(1900, 1, 1), "Polres"), (MAR, "Polresta")))
    per_bulan = daftar.hitung_target_periode("tb_news", [JAN, FEB, MAR, APR], 7, tuban).per_bulan
    assert [target.nilai for _, target in per_bulan if target] == [20, 20, 40, 40]
    assert daftar.hitung_target_periode("tb_news", [JAN, FEB, MAR, APR], 7, tuban).nilai == 120


@pytest.mark.parametrize(
    ("kategori", "targets", "bulan", "expected", "tanpa"),
    [
        ("tb_news", [semua(10, JAN, "tb_news"), semua(20, MAR, "tb_news")], [JAN, FEB, MAR], 40.0, ()),
        (KECEPATAN, [semua(48, JAN, KECEPATAN), semua(24, MAR, KECEPATAN)], [JAN, FEB, MAR], 40.0, ()),
        ("tb_news", [semua(10, MAR, "tb_news")], [JAN, FEB, MAR], None, (JAN, FEB)),
        ("tb_news", [semua(10, JAN, "tb_news"), semua(None, FEB, "tb_news")], [JAN, FEB], None, (FEB,)),
        ("tb_news", [semua(10, JAN, "tb_news")], [], None, ()),
    ],
    ids=["counts-sum", "kecepatan-average", "partly-covered", "ended-inside", "no-months"],
)
def test_the_target_of_a_period(
    kategori: str, targets: list[Target], bulan: list[dt.date], expected: float | None, tanpa: tuple[dt.date, ...]
) -> None:
    periode = DaftarTarget(targets).hitung_target_periode(kategori, bulan, 7, POLRES)
    assert (periode.nilai, periode.bulan_tanpa_target) == (expected, tanpa)


@pytest.mark.parametrize(
    ("kategori", "nilai", "target", "persen"),
    [
        ("tb_news", 45, 60, 75.0),
        ("tb_news", 90, 60, 150.0),
        ("tb_news", 0, 60, 0.0),
        ("tb_news", 2, 3, 66.6),
        ("tb_news", 9999, 10000, 99.9),  # 99,99 % is not met: rounded down, never up to 100
        ("tb_news", 60, 60, 100.0),
        (KECEPATAN, 36.0, 48, 100.0),
        (KECEPATAN, 48.0, 48, 100.0),
        (KECEPATAN, 0.0, 48, 100.0),
        (KECEPATAN, 60.0, 48, 80.0),
        (KECEPATAN, 96.0, 48, 50.0),
        (KECEPATAN, 48.01, 48, 99.9),
    ],
)
def test_attainment(kategori: str, nilai: float, target: float, persen: float) -> None:
    assert hitung_persen_capaian(kategori, nilai, target) == persen


@pytest.mark.parametrize(
    ("ambang", "persen", "pita"),
    [
        (AmbangPita(), 79.9, "merah"),
        (AmbangPita(), 80.0, "kuning"),
        (AmbangPita(), 99.9, "kuning"),
        (AmbangPita(), 100.0, "hijau"),
        (AmbangPita(), 0.0, "merah"),
        (AmbangPita(), 250.0, "hijau"),
        (AmbangPita(70, 90.5), 69.9, "merah"),
        (AmbangPita(70, 90.5), 90.4, "kuning"),
        (AmbangPita(70, 90.5), 90.5, "hijau"),
    ],
)
def test_bands(ambang: AmbangPita, persen: float, pita: str) -> None:
    assert ambang.cari_pita(persen) == pita


@pytest.mark.parametrize(
    ("kuning", "hijau", "phrase"),
    [
        (100, 80, "harus naik"),
        (80, 80, "harus naik"),
        (0, 50, "harus naik"),
        (-5, 50, "harus naik"),
        (80, 120, "hijau ≤ 100"),
        (80.25, 100, "satu desimal"),
        (float("nan"), 100, "satu desimal"),
    ],
)
def test_band_thresholds_are_validated(kuning: float, hijau: float, phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase):
        AmbangPita(kuning, hijau)


def test_band_legend_follows_the_thresholds() -> None:
    assert AmbangPita(75, 95.5).susun_keterangan() == {
        "merah": "di bawah 75 %",
        "kuning": "75–95,4 %",
        "hijau": "95,5 % atau lebih",
    }


@pytest.mark.parametrize(
    ("arguments", "phrase"),
    [
        (("tb_news", "semua", dt.date(2024, 1, 15), 10), "tanggal 1"),
        (("tb_news", "semua", JAN, 0), "lebih dari 0"),
        (("tb_news", "semua", JAN, -3), "lebih dari 0"),
        (("tb_news", "semua", JAN, float("inf")), "lebih dari 0"),
        (("tb_news", "wilayah", JAN, 10), "tidak dikenal"),
        (("", "semua", JAN, 10), "Kategori"),
        (("tb_news", "tipe", JAN, 10), "hanya untuk lingkup"),
        (("tb_news", "satker", JAN, 10, "Polres"), "hanya untuk lingkup"),
        (("tb_news", "tipe", JAN, 10, "Polsek"), "tidak dikenal"),
    ],
)
def test_a_target_is_validated(arguments: tuple[object, ...], phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase):
        Target(*arguments)  # type: ignore[arg-type]


def test_two_targets_for_one_scope_and_month_are_refused() -> None:
    with pytest.raises(ValueError, match="Dua target tb_news untuk lingkup yang sama berlaku mulai Januari 2024"):
        DaftarTarget([tipe("Polres", 10), tipe("Polres", 12)])
    assert DaftarTarget([tipe("Polres", 10), tipe("Polresta", 12), satker(1, 5), satker(2, 5)]).cari_target_bulan(
        "tb_news", JAN, 2, "Polres"
    ) == satker(2, 5)


def test_attainment_of_a_ranking_and_satker_per_band() -> None:
    baris = [
        BarisPeringkat(1, 1, "A", 130),
        BarisPeringkat(2, 2, "B", 95),
        BarisPeringkat(3, 3, "C", 50),
        BarisPeringkat(4, 4, "D", 40),
        BarisPeringkat(5, 5, "E", 10),
    ]
    daftar = DaftarTarget([semua(30, JAN), tipe("Polrestabes", 40, JAN), satker(5, None, JAN)])
    tipe_satker = {
        1: RiwayatTipe.tetap("Polrestabes"),
        2: RiwayatTipe.tetap("Polrestabes"),
        3: POLRES,
        4: POLRES,
        5: POLRES,
    }
    capaian = hitung_capaian_peringkat(baris, "tb_news", [JAN, FEB, MAR], daftar, tipe_satker)
    assert [(c.satker, c.target.nilai, c.persen, c.pita, c.tercapai) for c in capaian] == [
        ("A", 120.0, 108.3, "hijau", True),
        ("B", 120.0, 79.1, "merah", False),
        ("C", 90.0, 55.5, "merah", False),
        ("D", 90.0, 44.4, "merah", False),
        ("E", 90.0, 11.1, "merah", False),
    ]
    assert hitung_per_pita(capaian) == {"merah": 4, "kuning": 0, "hijau": 1, "tanpa_target": 0}
    longgar = hitung_capaian_peringkat(baris, "tb_news", [JAN, FEB, MAR], daftar, tipe_satker, AmbangPita(50, 100))
    assert hitung_per_pita(longgar) == {"merah": 2, "kuning": 2, "hijau": 1, "tanpa_target": 0}
    tanpa = hitung_capaian_peringkat(baris, "ipse", [JAN], daftar, tipe_satker)
    assert hitung_per_pita(tanpa) == {"merah": 0, "kuning": 0, "hijau": 0, "tanpa_target": 5}
    with pytest.raises(KeyError):
        hitung_capaian_peringkat(baris, "tb_news", [JAN], daftar, {1: POLRES})


def test_a_kecepatan_period_target_is_averaged_exactly() -> None:
    """1, 1, 1, 2 and 2 hours average 1,4, which no float holds: 2 hours against it is exactly
    70 %, not the 69,9 % a float average would give."""
    target = DaftarTarget([semua(1, JAN, KECEPATAN), semua(2, APR, KECEPATAN)]).hitung_target_periode(
        KECEPATAN, [JAN, FEB, MAR, APR, MEI], 7, POLRES
    )
    assert target.nilai == 1.4
    assert hitung_capaian_satker(7, "Polres Batu", 2.0, target).persen == 70.0


def test_a_satker_without_target_says_which_months_lack_one() -> None:
    target = DaftarTarget([semua(10, MAR)]).hitung_target_periode("tb_news", [JAN, FEB, MAR], 7, POLRES)
    capaian = hitung_capaian_satker(7, "Polres Batu", 25, target)
    assert (capaian.persen, capaian.pita, capaian.tercapai) == (None, None, None)
    assert capaian.target.bulan_tanpa_target == (JAN, FEB)


# --- brute force -------------------------------------------------------------------------------

BULAN = month_range(dt.date(2023, 1, 1), dt.date(2024, 12, 1))
KATEGORI = ("ipse", KECEPATAN)
SATKER = range(1, 6)

_target = st.one_of(
    st.builds(
        Target, st.sampled_from(KATEGORI), st.just("semua"), st.sampled_from(BULAN), st.none() | st.integers(1, 60)
    ),
    st.builds(
        lambda k, b, n, t: Target(k, "tipe", b, n, tipe=t),
        st.sampled_from(KATEGORI),
        st.sampled_from(BULAN),
        st.none() | st.integers(1, 60),
        st.sampled_from(TIPE_SATKER),
    ),
    st.builds(
        lambda k, b, n, s: Target(k, "satker", b, n, satker_id=s),
        st.sampled_from(KATEGORI),
        st.sampled_from(BULAN),
        st.none() | st.integers(1, 60),
        st.sampled_from(SATKER),
    ),
)
_riwayat = st.builds(
    lambda first, later: RiwayatTipe(((dt.date(1900, 1, 1), first), *later)),
    st.sampled_from(TIPE_SATKER),
    st.lists(st.tuples(st.sampled_from(BULAN), st.sampled_from(TIPE_SATKER)), max_size=2, unique_by=lambda p: p[0]),
)


def _brute_bulan(
    targets: list[Target], kategori: str, periode: dt.date, satker_id: int, tipe_satker: str
) -> float | None:
    for lingkup, cocok in (
        ("satker", lambda t: t.satker_id == satker_id),
        ("tipe", lambda t: t.tipe == tipe_satker),
        ("semua", lambda t: True),
    ):
        berlaku = [
            t
            for t in targets
            if t.kategori == kategori and t.lingkup == lingkup and cocok(t) and t.berlaku_mulai <= periode
        ]
        if berlaku:
            terakhir = max(berlaku, key=lambda t: t.berlaku_mulai)
            if terakhir.nilai is not None:
                return terakhir.nilai
    return None


@settings(max_examples=300, deadline=None)
@given(
    targets=st.lists(_target, max_size=25, unique_by=lambda t: (t.kunci, t.berlaku_mulai)),
    riwayat=st.fixed_dictionaries({i: _riwayat for i in SATKER}),
    awal=st.sampled_from(BULAN[6:]),
    panjang=st.integers(1, 12),
    kategori=st.sampled_from(KATEGORI),
    nilai=st.fixed_dictionaries({i: st.integers(0, 700).map(lambda v: v / 2) for i in SATKER}),
    ambang=st.sampled_from([AmbangPita(), AmbangPita(50, 75), AmbangPita(99.9, 100)]),
)
def test_attainment_equals_a_brute_force_recomputation(
    targets: list[Target],
    riwayat: dict[int, RiwayatTipe],
    awal: dt.date,
    panjang: int,
    kategori: str,
    nilai: dict[int, float],
    ambang: AmbangPita,
) -> None:
    bulan = [add_months(awal, i) for i in range(panjang)]
    baris = [
        BarisPeringkat(rank, satker_id, f"S{satker_id}", nilai[satker_id]) for rank, satker_id in enumerate(SATKER, 1)
    ]
    got = hitung_capaian_peringkat(baris, kategori, bulan, DaftarTarget(targets), riwayat, ambang)

    expected = []
    for satker_id in SATKER:
        monthly = [_brute_bulan(targets, kategori, m, satker_id, riwayat[satker_id].cari_tipe(m)) for m in bulan]
        lacking = tuple(m for m, v in zip(bulan, monthly, strict=True) if v is None)
        target = persen = pita = None
        if not lacking:  # whole numbers and halves: exact in integers of half-hours and thousandths
            total_halves = sum(int(2 * v) for v in monthly)  # type: ignore[arg-type]
            value_halves = int(2 * nilai[satker_id])
            if kategori == KECEPATAN:
                target = total_halves / 2 / len(monthly)
                met = value_halves * len(monthly) <= total_halves
                persen = 100.0 if met else (1000 * total_halves // (value_halves * len(monthly))) / 10
            else:
                target = total_halves / 2
                persen = (1000 * value_halves // total_halves) / 10
            pita = "hijau" if persen >= ambang.hijau else "kuning" if persen >= ambang.kuning else "merah"
        expected.append((satker_id, target, persen, pita, lacking))

    assert [(c.satker_id, c.target.nilai, c.persen, c.pita, c.target.bulan_tanpa_target) for c in got] == expected
    assert hitung_per_pita(got) == {
        key: Counter(p or "tanpa_target" for *_, p, _ in expected)[key]
        for key in ("merah", "kuning", "hijau", "tanpa_target")
    }


def test_capaian_is_a_value_object() -> None:
    periode = TargetPeriode("tb_news", ((JAN, semua(10)),))
    assert hitung_capaian_satker(1, "A", 10, periode) == Capaian(1, "A", 10, periode, 100.0, "hijau")


def test_a_period_target_is_computed_once_for_every_satker_sharing_it() -> None:
    periode = TargetPeriode("kecepatan_laporan", ((JAN, semua(48)), (add_months(JAN, 1), semua(24))))
    assert periode.rasio is periode.rasio and periode.pecahan == 36
