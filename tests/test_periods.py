"""Months, Indonesian labels and numbers, and report speed measured in WIB."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.numbers import format_angka
from analytics.periods import hours_after_month_end, month_end_utc, month_label, month_range, next_month, to_wib

UTC = dt.timezone.utc


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
        dt.date(2023, 11, 1), dt.date(2023, 12, 1), dt.date(2024, 1, 1), dt.date(2024, 2, 1),
    ]  # fmt: skip


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
