"""Comparing Polda: average per satker for counts, mean hours per report for kecepatan."""

from __future__ import annotations

import pytest

from analytics.perbandingan import AgregatPolda, peringkat_polda

A = AgregatPolda(1, "Polda A", 10, 100.0, 20, 20)
B = AgregatPolda(2, "Polda B", 4, 60.0, 8, 8)
C = AgregatPolda(3, "Polda C", 5, 50.0, 5, 10)


@pytest.mark.parametrize(
    ("agregat", "kode", "expected"),
    [
        ([A, B], "ipse", [(1, "Polda B", 15.0), (2, "Polda A", 10.0)]),
        ([A, C], "ipse", [(1, "Polda A", 10.0), (1, "Polda C", 10.0)]),  # a tie shares the place
        ([A, B, AgregatPolda(4, "Polda Kosong", 0, 0.0, 0, 0)], "ipse", [(1, "Polda B", 15.0), (2, "Polda A", 10.0)]),
        ([A, B, C], "kecepatan_laporan", [(1, "Polda A", 5.0), (2, "Polda B", 7.5), (3, "Polda C", 10.0)]),
        (
            [A, AgregatPolda(5, "Polda Diam", 3, 0.0, 0, 3)],
            "kecepatan_laporan",
            [(1, "Polda A", 5.0), (2, "Polda Diam", None)],
        ),
        ([], "ipse", []),
    ],
    ids=[
        "average-per-satker",
        "tie",
        "polda-without-satker-left-out",
        "speed-lower-is-better",
        "no-report-ranks-last",
        "empty",
    ],
)
def test_peringkat_polda(agregat: list[AgregatPolda], kode: str, expected: list[tuple[int, str, float | None]]) -> None:
    assert [(row.rank, row.polda, row.nilai) for row in peringkat_polda(agregat, kode)] == expected


def test_compliance_is_reports_received_over_expected() -> None:
    assert [row.kepatuhan for row in peringkat_polda([A, C], "ipse")] == [1.0, 0.5]
