"""Compliance status against the deadline, and month-by-month ranks for the Tren page."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.kepatuhan import hitung_status, sisa_waktu, status_kepatuhan
from analytics.tren import peringkat_per_bulan

BATAS = dt.datetime(2024, 6, 5, 16, 59, tzinfo=dt.UTC)
JAN, FEB, MAR = dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)


@pytest.mark.parametrize(
    ("dikirim", "sekarang", "expected"),
    [
        (BATAS - dt.timedelta(days=3), BATAS + dt.timedelta(days=9), "tepat_waktu"),
        (BATAS, BATAS + dt.timedelta(days=9), "tepat_waktu"),
        (BATAS + dt.timedelta(minutes=1), BATAS + dt.timedelta(days=9), "terlambat"),
        (None, BATAS + dt.timedelta(minutes=1), "belum_melapor"),
        (None, BATAS - dt.timedelta(hours=5), "menunggu"),
        (BATAS + dt.timedelta(hours=1), BATAS - dt.timedelta(hours=5), "terlambat"),
    ],
    ids=["early", "exactly-at-deadline", "one-minute-late", "missing-after-deadline", "not-yet-due", "late-clock-skew"],
)
def test_status_against_the_deadline(dikirim: dt.datetime | None, sekarang: dt.datetime, expected: str) -> None:
    assert status_kepatuhan(dikirim, BATAS, sekarang) == expected


def test_status_counts_name_every_status() -> None:
    assert hitung_status(["terlambat", "terlambat", "tepat_waktu"]) == {
        "tepat_waktu": 1,
        "terlambat": 2,
        "belum_melapor": 0,
        "menunggu": 0,
    }


@pytest.mark.parametrize(
    ("selisih", "expected"),
    [
        (dt.timedelta(days=2, hours=3, minutes=10), "tersisa 2 hari 3 jam"),
        (dt.timedelta(hours=5), "tersisa 5 jam"),
        (dt.timedelta(hours=5, minutes=30), "tersisa 5 jam 30 menit"),
        (dt.timedelta(minutes=30), "tersisa 30 menit"),
        (dt.timedelta(0), "tersisa 0 menit"),
        (-dt.timedelta(days=1, minutes=1), "lewat 1 hari"),
        (-dt.timedelta(minutes=45), "lewat 45 menit"),
    ],
    ids=["days-and-hours", "hours", "hours-and-minutes", "minutes", "now", "passed-a-day", "passed-minutes"],
)
def test_time_left_in_indonesian(selisih: dt.timedelta, expected: str) -> None:
    assert sisa_waktu(BATAS, BATAS - selisih) == expected


def test_monthly_ranks_rank_each_month_on_its_own() -> None:
    series = {1: {JAN: 5, FEB: 9}, 2: {JAN: 7, FEB: 9}, 3: {JAN: 1}}
    ranks = peringkat_per_bulan(series, {1: "A", 2: "B", 3: "C"}, "ipse", "lebih_tinggi", [JAN, FEB, MAR])
    assert ranks == {JAN: {2: 1, 1: 2, 3: 3}, FEB: {1: 1, 2: 1, 3: 3}}


def test_monthly_ranks_of_kecepatan_put_a_missing_report_last() -> None:
    series = {1: {JAN: 300.0}, 2: {JAN: 4.0}}
    ranks = peringkat_per_bulan(series, {1: "A", 2: "B", 3: "C"}, "kecepatan_laporan", "lebih_rendah", [JAN])
    assert ranks == {JAN: {2: 1, 1: 2, 3: 3}}


def test_monthly_ranks_leave_out_satker_outside_the_polda() -> None:
    ranks = peringkat_per_bulan({1: {JAN: 5}, 99: {JAN: 50}}, {1: "A"}, "ipse", "lebih_tinggi", [JAN])
    assert ranks == {JAN: {1: 1}}
