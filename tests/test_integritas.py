"""Integrity flags: a month far above the satker's own history (lonjakan) and shared links.

Values are written against the module's thresholds (FAKTOR, SELISIH_MINIMUM, RIWAYAT_MINIMUM,
BULAN_RIWAYAT) so the tests state the rule, not today's numbers.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.integritas import (
    BULAN_RIWAYAT,
    FAKTOR,
    RIWAYAT_MINIMUM,
    SELISIH_MINIMUM,
    Lonjakan,
    cari_lonjakan,
    is_lonjakan,
    keterangan_tautan_ganda,
)
from analytics.periods import Rentang, month_range, rentang_bulan

MEDIAN = 10.0
AMBANG = max(FAKTOR * MEDIAN, MEDIAN + SELISIH_MINIMUM)
"""The smallest value that is a jump against a history whose median is MEDIAN."""
BESAR = 100 * AMBANG
RIWAYAT_CUKUP = [MEDIAN] * RIWAYAT_MINIMUM


def _d(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, 1)


@pytest.mark.parametrize(
    ("riwayat", "nilai", "median"),
    [
        ([], BESAR, None),
        ([MEDIAN] * (RIWAYAT_MINIMUM - 1), BESAR, None),
        (RIWAYAT_CUKUP, AMBANG, MEDIAN),
        (RIWAYAT_CUKUP, BESAR, MEDIAN),
        ([8.0, 12.0, 10.0, 11.0, *RIWAYAT_CUKUP], BESAR, 10.0),
        ([8.0, 12.0, 9.0, 11.0], BESAR, 10.0),
        ([100.0] * RIWAYAT_MINIMUM, FAKTOR * 100.0 - 1, None),
        ([0.0] * RIWAYAT_MINIMUM, SELISIH_MINIMUM - 1, None),
        ([0.0] * RIWAYAT_MINIMUM, SELISIH_MINIMUM, 0.0),
        (RIWAYAT_CUKUP, MEDIAN, None),
        (RIWAYAT_CUKUP, 0.0, None),
    ],
    ids=[
        "tanpa-riwayat",
        "riwayat-terlalu-pendek",
        "tepat-di-ambang",
        "lonjakan-besar",
        "median-riwayat-ganjil",
        "median-riwayat-genap",
        "di-bawah-faktor",
        "selisih-terlalu-kecil",
        "riwayat-nol-selisih-cukup",
        "sama-dengan-biasanya",
        "turun",
    ],
)
def test_is_lonjakan(riwayat: list[float], nilai: float, median: float | None) -> None:
    assert is_lonjakan(riwayat, nilai) == median


def test_is_lonjakan_accepts_any_iterable() -> None:
    assert is_lonjakan(iter(RIWAYAT_CUKUP), BESAR) == MEDIAN


def seri(awal: dt.date, *nilai: float) -> dict[dt.date, float]:
    """Consecutive months from ``awal`` with these values."""
    bulan = month_range(awal, dt.date(2100, 1, 1))[: len(nilai)]
    return dict(zip(bulan, nilai, strict=True))


MEI_2024 = rentang_bulan(_d(2024, 5))


@pytest.mark.parametrize(
    ("series", "rentang", "expected"),
    [
        (
            {1: seri(_d(2024, 1), MEDIAN, MEDIAN, MEDIAN, MEDIAN, BESAR)},
            MEI_2024,
            [Lonjakan(1, _d(2024, 5), BESAR, MEDIAN)],
        ),
        (
            {1: seri(_d(2024, 1), MEDIAN, MEDIAN, MEDIAN, BESAR, MEDIAN)},
            MEI_2024,
            [],
        ),
        (
            {1: seri(_d(2024, 1), MEDIAN, MEDIAN, MEDIAN, MEDIAN, MEDIAN, BESAR)},
            MEI_2024,
            [],
        ),
        (
            {1: seri(_d(2024, 5), BESAR)},
            MEI_2024,
            [],
        ),
        (
            {1: seri(_d(2024, 1), *[MEDIAN] * RIWAYAT_MINIMUM, BESAR)},
            Rentang(_d(2024, 1), _d(2024, 12)),
            [Lonjakan(1, _d(2024, 1 + RIWAYAT_MINIMUM), BESAR, MEDIAN)],
        ),
        (
            {1: seri(_d(2023, 1), *[BESAR] * 12, *[MEDIAN] * BULAN_RIWAYAT, AMBANG)},
            rentang_bulan(_d(2024, 1 + BULAN_RIWAYAT)),
            [Lonjakan(1, _d(2024, 1 + BULAN_RIWAYAT), AMBANG, MEDIAN)],
        ),
        (
            {1: {_d(2024, 1): MEDIAN, _d(2024, 3): MEDIAN, _d(2024, 4): MEDIAN, _d(2024, 5): BESAR}},
            MEI_2024,
            [Lonjakan(1, _d(2024, 5), BESAR, MEDIAN)],
        ),
        (
            {
                1: seri(_d(2024, 1), MEDIAN, MEDIAN, MEDIAN, MEDIAN, MEDIAN),
                2: seri(_d(2024, 1), MEDIAN, MEDIAN, MEDIAN, MEDIAN, BESAR),
                3: seri(_d(2024, 1), BESAR, BESAR, BESAR, BESAR, BESAR),
            },
            MEI_2024,
            [Lonjakan(2, _d(2024, 5), BESAR, MEDIAN)],
        ),
        (
            {1: seri(_d(2024, 2), MEDIAN, MEDIAN, MEDIAN, BESAR, BESAR)},
            Rentang(_d(2024, 5), _d(2024, 6)),
            [Lonjakan(1, _d(2024, 5), BESAR, MEDIAN), Lonjakan(1, _d(2024, 6), BESAR, MEDIAN)],
        ),
        ({}, MEI_2024, []),
    ],
    ids=[
        "lonjakan-di-dalam-rentang",
        "lonjakan-sebelum-rentang-tidak-dilaporkan",
        "lonjakan-setelah-rentang-tidak-dilaporkan",
        "tanpa-bulan-sebelum-rentang-tidak-ada-riwayat",
        "bulan-awal-rentang-menjadi-riwayat-bulan-berikutnya",
        "riwayat-hanya-bulan-riwayat-terakhir",
        "bulan-tanpa-nilai-dilewati",
        "hanya-satker-yang-melonjak",
        "lonjakan-berulang-tetap-dilaporkan",
        "tanpa-seri",
    ],
)
def test_cari_lonjakan(series: dict[int, dict[dt.date, float]], rentang: Rentang, expected: list[Lonjakan]) -> None:
    assert cari_lonjakan(series, rentang) == expected


@pytest.mark.parametrize(
    ("lonjakan", "keterangan"),
    [
        (Lonjakan(1, _d(2024, 5), 1234, 10.5), "Lonjakan Mei 2024: 1.234 (median bulan-bulan sebelumnya 10,5)"),
        (Lonjakan(1, _d(2023, 12), 60, 12), "Lonjakan Desember 2023: 60 (median bulan-bulan sebelumnya 12,0)"),
    ],
    ids=["ribuan-dan-desimal-gaya-indonesia", "bulan-desember"],
)
def test_lonjakan_keterangan(lonjakan: Lonjakan, keterangan: str) -> None:
    assert lonjakan.keterangan == keterangan


@pytest.mark.parametrize(
    ("jumlah", "keterangan"),
    [
        (1, "1 tautan juga diklaim satker lain di bulan yang sama"),
        (1234, "1.234 tautan juga diklaim satker lain di bulan yang sama"),
    ],
    ids=["satu", "ribuan"],
)
def test_keterangan_tautan_ganda(jumlah: int, keterangan: str) -> None:
    assert keterangan_tautan_ganda(jumlah) == keterangan
