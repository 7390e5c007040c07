"""Months, spans of months (Rentang), Indonesian labels and numbers, and report speed measured in WIB."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.angka import format_angka
from analytics.periods import (
    Rentang,
    hours_after_month_end,
    month_end_utc,
    month_label,
    month_range,
    next_month,
    parse_rentang,
    rentang_bulan,
    rentang_tahun,
    rentang_triwulan,
    to_wib,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("periode", "label"),
    [(dt.date(2024, 1, 1), "Januari 2024"), (dt.date(2024, 5, 1), "Mei 2024"), (dt.date(2023, 12, 1), "Desember 2023")],
)
def test_month_label(periode: dt.date, label: str) -> None:
    assert month_label(periode) == label


def test_next_month_rolls_over_the_year() -> None:
    assert next_month(dt.date(2024, 12, 1)) == dt.date(2025, 1, 1)
    assert next_month(dt.date(2024, 2, 1)) == dt.date(2024, 3, 1)


def test_month_range_is_inclusive() -> None:
    assert month_range(dt.date(2023, 11, 1), dt.date(2024, 2, 1)) == [
        dt.date(2023, 11, 1),
        dt.date(2023, 12, 1),
        dt.date(2024, 1, 1),
        dt.date(2024, 2, 1),
    ]


def test_month_ends_at_midnight_wib() -> None:
    assert month_end_utc(dt.date(2024, 5, 1)) == dt.datetime(2024, 5, 31, 17, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("sent_utc", "hours"),
    [
        (dt.datetime(2024, 6, 1, 0, 0, tzinfo=UTC), 7.0),  # 07:00 WIB on 1 June
        (dt.datetime(2024, 6, 2, 17, 30, tzinfo=UTC), 48.5),
        (dt.datetime(2024, 5, 30, 10, 0, tzinfo=UTC), 0.0),  # before the month ended
    ],
)
def test_hours_after_month_end(sent_utc: dt.datetime, hours: float) -> None:
    assert hours_after_month_end(dt.date(2024, 5, 1), sent_utc) == hours


def test_times_are_shown_in_wib() -> None:
    shown = to_wib(dt.datetime(2024, 6, 1, 0, 0, tzinfo=UTC))
    assert (shown.hour, shown.utcoffset()) == (7, dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [(1234, 0, "1.234"), (1234567, 0, "1.234.567"), (12.5, 1, "12,5"), (1234.5, 1, "1.234,5"), (0, 0, "0")],
)
def test_format_angka(value: float, decimals: int, text: str) -> None:
    assert format_angka(value, decimals) == text


# ---------------------------------------------------------------------------------------------
# Rentang: a span of whole months (month, quarter, year or a custom span)
# ---------------------------------------------------------------------------------------------


def _d(tahun: int, bulan: int) -> dt.date:
    return dt.date(tahun, bulan, 1)


BULAN_JAN_2024 = Rentang(_d(2024, 1), _d(2024, 1))
TRIWULAN_I_2024 = Rentang(_d(2024, 1), _d(2024, 3))
TAHUN_2024 = Rentang(_d(2024, 1), _d(2024, 12))
JAN_MEI_2024 = Rentang(_d(2024, 1), _d(2024, 5))
NOV_2023_FEB_2024 = Rentang(_d(2023, 11), _d(2024, 2))

SEMUA_JENIS = [BULAN_JAN_2024, TRIWULAN_I_2024, TAHUN_2024, JAN_MEI_2024, NOV_2023_FEB_2024]
SEMUA_JENIS_IDS = ["bulan", "triwulan", "tahun", "rentang", "rentang-lintas-tahun"]


@pytest.mark.parametrize(
    ("rentang", "label"),
    [
        (BULAN_JAN_2024, "Januari 2024"),
        (Rentang(_d(2023, 12), _d(2023, 12)), "Desember 2023"),
        (TRIWULAN_I_2024, "Triwulan I 2024"),
        (Rentang(_d(2024, 4), _d(2024, 6)), "Triwulan II 2024"),
        (Rentang(_d(2024, 7), _d(2024, 9)), "Triwulan III 2024"),
        (Rentang(_d(2024, 10), _d(2024, 12)), "Triwulan IV 2024"),
        (TAHUN_2024, "Tahun 2024"),
        (JAN_MEI_2024, "Jan–Mei 2024"),
        (NOV_2023_FEB_2024, "Nov 2023–Feb 2024"),
        (Rentang(_d(2024, 2), _d(2024, 4)), "Feb–Apr 2024"),
        (Rentang(_d(2024, 2), _d(2025, 1)), "Feb 2024–Jan 2025"),
    ],
    ids=[
        "bulan",
        "bulan-desember",
        "triwulan-I",
        "triwulan-II",
        "triwulan-III",
        "triwulan-IV",
        "tahun",
        "rentang-dalam-setahun",
        "rentang-lintas-tahun",
        "tiga-bulan-bukan-triwulan",
        "dua-belas-bulan-bukan-tahun",
    ],
)
def test_rentang_label(rentang: Rentang, label: str) -> None:
    assert rentang.label == label


@pytest.mark.parametrize(
    ("rentang", "jenis"),
    [
        *zip(SEMUA_JENIS, ["bulan", "triwulan", "tahun", "rentang", "rentang"], strict=True),
        (Rentang(_d(2024, 2), _d(2024, 4)), "rentang"),
        (Rentang(_d(2024, 7), _d(2025, 6)), "rentang"),
    ],
    ids=[*SEMUA_JENIS_IDS, "tiga-bulan-tidak-mulai-awal-triwulan", "dua-belas-bulan-tidak-mulai-januari"],
)
def test_rentang_jenis(rentang: Rentang, jenis: str) -> None:
    assert rentang.jenis == jenis


@pytest.mark.parametrize(
    ("rentang", "jumlah"),
    list(zip(SEMUA_JENIS, [1, 3, 12, 5, 4], strict=True)),
    ids=SEMUA_JENIS_IDS,
)
def test_rentang_jumlah_bulan(rentang: Rentang, jumlah: int) -> None:
    assert rentang.jumlah_bulan == jumlah


@pytest.mark.parametrize(
    ("rentang", "bulan"),
    [
        (BULAN_JAN_2024, [_d(2024, 1)]),
        (TRIWULAN_I_2024, [_d(2024, 1), _d(2024, 2), _d(2024, 3)]),
        (NOV_2023_FEB_2024, [_d(2023, 11), _d(2023, 12), _d(2024, 1), _d(2024, 2)]),
    ],
    ids=["bulan", "triwulan", "lintas-tahun"],
)
def test_rentang_bulan_lists_every_month_inclusive(rentang: Rentang, bulan: list[dt.date]) -> None:
    assert rentang.bulan == bulan


@pytest.mark.parametrize(
    ("tanggal", "dimuat"),
    [
        (dt.date(2023, 11, 1), True),
        (dt.date(2024, 2, 1), True),
        (dt.date(2024, 2, 29), True),
        (dt.date(2023, 12, 15), True),
        (dt.date(2023, 10, 31), False),
        (dt.date(2024, 3, 1), False),
    ],
    ids=["bulan-awal", "bulan-akhir", "hari-terakhir-bulan-akhir", "tengah-bulan", "sebelum-awal", "setelah-akhir"],
)
def test_rentang_memuat(tanggal: dt.date, dimuat: bool) -> None:
    assert NOV_2023_FEB_2024.memuat(tanggal) is dimuat


@pytest.mark.parametrize(
    ("rentang", "sebelumnya"),
    [
        (BULAN_JAN_2024, Rentang(_d(2023, 12), _d(2023, 12))),
        (Rentang(_d(2024, 5), _d(2024, 5)), Rentang(_d(2024, 4), _d(2024, 4))),
        (TRIWULAN_I_2024, Rentang(_d(2023, 10), _d(2023, 12))),
        (Rentang(_d(2024, 7), _d(2024, 9)), Rentang(_d(2024, 4), _d(2024, 6))),
        (TAHUN_2024, Rentang(_d(2023, 1), _d(2023, 12))),
        (JAN_MEI_2024, Rentang(_d(2023, 8), _d(2023, 12))),
        (NOV_2023_FEB_2024, Rentang(_d(2023, 7), _d(2023, 10))),
    ],
    ids=[
        "bulan-januari-ke-desember-tahun-lalu",
        "bulan-mei-ke-april",
        "triwulan-I-ke-triwulan-IV-tahun-lalu",
        "triwulan-III-ke-triwulan-II",
        "tahun",
        "rentang-lima-bulan",
        "rentang-lintas-tahun",
    ],
)
def test_rentang_sebelumnya_is_the_same_length_just_before(rentang: Rentang, sebelumnya: Rentang) -> None:
    assert rentang.sebelumnya() == sebelumnya


@pytest.mark.parametrize("rentang", SEMUA_JENIS, ids=SEMUA_JENIS_IDS)
def test_rentang_sebelumnya_keeps_the_kind(rentang: Rentang) -> None:
    assert rentang.sebelumnya().jenis == rentang.jenis


@pytest.mark.parametrize(
    ("rentang", "kode"),
    list(zip(SEMUA_JENIS, ["2024-01", "2024-Q1", "2024", "2024-01..2024-05", "2023-11..2024-02"], strict=True)),
    ids=SEMUA_JENIS_IDS,
)
def test_rentang_kode(rentang: Rentang, kode: str) -> None:
    assert rentang.kode == kode


@pytest.mark.parametrize(
    "rentang",
    [*SEMUA_JENIS, Rentang(_d(2024, 10), _d(2024, 12)), Rentang(_d(2024, 2), _d(2025, 1))],
    ids=[*SEMUA_JENIS_IDS, "triwulan-IV", "dua-belas-bulan-bukan-tahun"],
)
def test_parse_rentang_reads_back_kode(rentang: Rentang) -> None:
    assert parse_rentang(rentang.kode) == rentang


@pytest.mark.parametrize(
    ("awal", "akhir"),
    [
        (dt.date(2024, 1, 2), dt.date(2024, 3, 1)),
        (dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        (_d(2024, 5), _d(2024, 1)),
    ],
    ids=["awal-bukan-tanggal-1", "akhir-bukan-tanggal-1", "akhir-sebelum-awal"],
)
def test_rentang_refuses_invalid_bounds(awal: dt.date, akhir: dt.date) -> None:
    with pytest.raises(ValueError, match=r"[Bb]ulan|tanggal"):
        Rentang(awal, akhir)


@pytest.mark.parametrize(
    ("rentang", "expected"),
    [
        (rentang_bulan(dt.date(2024, 5, 17)), Rentang(_d(2024, 5), _d(2024, 5))),
        (rentang_triwulan(2024, 1), TRIWULAN_I_2024),
        (rentang_triwulan(2024, 4), Rentang(_d(2024, 10), _d(2024, 12))),
        (rentang_tahun(2024), TAHUN_2024),
    ],
    ids=["bulan-dari-tanggal-mana-pun", "triwulan-I", "triwulan-IV", "tahun"],
)
def test_rentang_constructors(rentang: Rentang, expected: Rentang) -> None:
    assert rentang == expected


@pytest.mark.parametrize("triwulan", [0, 5], ids=["nol", "lima"])
def test_rentang_triwulan_refuses_a_quarter_outside_1_to_4(triwulan: int) -> None:
    with pytest.raises(ValueError, match="Triwulan"):
        rentang_triwulan(2024, triwulan)


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("2024-05", Rentang(_d(2024, 5), _d(2024, 5))),
        ("2024-5", Rentang(_d(2024, 5), _d(2024, 5))),
        ("2024-Q1", TRIWULAN_I_2024),
        ("2024-q3", Rentang(_d(2024, 7), _d(2024, 9))),
        ("2024", TAHUN_2024),
        ("2024-01..2024-05", JAN_MEI_2024),
        (" 2024-01 .. 2024-03 ", TRIWULAN_I_2024),
        ("2023-11..2024-02", NOV_2023_FEB_2024),
        ("2024-03..2024-03", Rentang(_d(2024, 3), _d(2024, 3))),
    ],
    ids=[
        "bulan",
        "bulan-satu-digit",
        "triwulan",
        "triwulan-huruf-kecil",
        "tahun",
        "rentang",
        "rentang-dengan-spasi",
        "rentang-lintas-tahun",
        "rentang-satu-bulan",
    ],
)
def test_parse_rentang_accepts(teks: str, expected: Rentang) -> None:
    assert parse_rentang(teks) == expected


@pytest.mark.parametrize(
    "teks",
    ["Mei", "2024-13", "2024-0", "2024-Q5", "2024-05..2024-01", "2024-01..Mei", "", "   ", "24-05", "2024/05"],
    ids=[
        "nama-bulan",
        "bulan-13",
        "bulan-0",
        "triwulan-5",
        "rentang-terbalik",
        "rentang-akhir-tidak-dikenali",
        "kosong",
        "hanya-spasi",
        "tahun-dua-digit",
        "garis-miring",
    ],
)
def test_parse_rentang_refuses(teks: str) -> None:
    with pytest.raises(ValueError):
        parse_rentang(teks)


@pytest.mark.parametrize(
    ("teks", "disebut"),
    [
        ("Mei", "'Mei'"),
        ("2024-13", "'2024-13'"),
        ("2024-Q5", "'2024-Q5'"),
        ("2024-05..2024-01", "'2024-05..2024-01'"),
        ("", "''"),
    ],
    ids=["nama-bulan", "bulan-13", "triwulan-5", "rentang-terbalik", "kosong"],
)
def test_parse_rentang_error_quotes_the_text(teks: str, disebut: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_rentang(teks)
    assert disebut in str(error.value)


@pytest.mark.parametrize(
    ("teks", "contoh"),
    [
        ("Mei", "2024-05"),
        ("2024-13", "2024-05"),
        ("2024-Q5", "2024-Q1"),
        ("2024-05..2024-01", "2024-01..2024-05"),
        ("", "2024-05"),
    ],
    ids=["nama-bulan", "bulan-13", "triwulan-5", "rentang-terbalik", "kosong"],
)
def test_parse_rentang_error_shows_an_accepted_form(teks: str, contoh: str) -> None:
    with pytest.raises(ValueError, match=r"tulis|Tulis") as error:
        parse_rentang(teks)
    assert contoh in str(error.value)
