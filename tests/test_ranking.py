"""Standard competition ranking ("1, 2, 2, 4") with a direction per kategori."""

from __future__ import annotations

import pytest

from analytics.ranking import Peringkat, rank_satker, top_ranks


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
def test_rank_satker(values: dict[str, float], arah: str, expected: list[tuple[int, str]]) -> None:
    assert [(p.rank, p.satker) for p in rank_satker(values, arah)] == expected  # type: ignore[arg-type]


def test_ranking_keeps_values() -> None:
    assert rank_satker({"A": 2, "B": 9}) == [Peringkat(1, "B", 9), Peringkat(2, "A", 2)]


def test_top_three_brings_in_everyone_tied_at_third() -> None:
    ranking = rank_satker({"A": 9, "B": 8, "C": 5, "D": 5, "E": 1})
    assert [p.satker for p in top_ranks(ranking, 3)] == ["A", "B", "C", "D"]


def test_top_three_of_fewer_than_three() -> None:
    assert [p.satker for p in top_ranks(rank_satker({"A": 1, "B": 2}), 3)] == ["B", "A"]
