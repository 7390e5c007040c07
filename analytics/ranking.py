"""Ranking satker within one kategori: standard competition ranking ("1, 2, 2, 4")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Arah = Literal["lebih_tinggi", "lebih_rendah"]


@dataclass(frozen=True)
class Peringkat:
    """One satker's place in a ranking."""

    rank: int
    satker: str
    value: float


def rank_satker(values: Mapping[str, float], arah: Arah = "lebih_tinggi") -> list[Peringkat]:
    """Rank satker by value; equal values share a rank and the next rank is skipped.

    Order within a tie is by satker name so the output is stable.

    >>> [(p.rank, p.satker) for p in rank_satker({"A": 5, "B": 7, "C": 5, "D": 1})]
    [(1, 'B'), (2, 'A'), (2, 'C'), (4, 'D')]
    """
    sign = -1 if arah == "lebih_tinggi" else 1
    ordered = sorted(values.items(), key=lambda item: (sign * item[1], item[0]))
    result: list[Peringkat] = []
    for position, (satker, value) in enumerate(ordered, start=1):
        tied_with_previous = result and result[-1].value == value
        rank = result[-1].rank if tied_with_previous else position
        result.append(Peringkat(rank=rank, satker=satker, value=value))
    return result


def top_ranks(ranking: list[Peringkat], n: int = 3) -> list[Peringkat]:
    """Everyone ranked 1..n; a tie at place n brings all tied satker in."""
    return [p for p in ranking if p.rank <= n]
