"""Juara Umum: one overall ranking combined from the per-kategori rankings.

Method (shown on the Peringkat page and in the README): in every kategori a satker earns rank
points ``100 × (N − peringkat) / (N − 1)`` — 100 for first place, 0 for last, ties sharing the
points of their rank, N the number of satker ranked. The Juara Umum score is the weighted mean of
those points over the kategori, with weights an admin can change (default 1 for each). Scores are
rounded to two decimals and ranked like any kategori (higher is better, "1, 2, 2, 4").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from analytics.angka import format_angka
from analytics.peringkat import BarisPeringkat, rank_by_satker, rank_rows

BOBOT_BAWAAN = 1.0


def poin_peringkat(rank: int, jumlah_satker: int) -> float:
    """Rank points: 100 for first place down to 0 for last.

    >>> [poin_peringkat(r, 5) for r in (1, 2, 5)]
    [100.0, 75.0, 0.0]
    >>> poin_peringkat(1, 1)
    100.0
    """
    if jumlah_satker <= 1:
        return 100.0
    return 100.0 * (jumlah_satker - rank) / (jumlah_satker - 1)


@dataclass(frozen=True)
class SkorJuaraUmum:
    """A satker's Juara Umum score and the points behind it, per kategori."""

    satker_id: int
    satker: str
    skor: float
    poin: Mapping[str, float]


def normalise_bobot(bobot: Mapping[str, float], kategori: Sequence[str]) -> dict[str, float]:
    """Weights for every kategori: missing ones get the default, negative ones are refused."""
    result = {kode: float(bobot.get(kode, BOBOT_BAWAAN)) for kode in kategori}
    negative = [kode for kode, nilai in result.items() if nilai < 0]
    if negative:
        raise ValueError(f"Bobot tidak boleh negatif: {', '.join(negative)}.")
    return result


PeringkatLalu = Mapping[int, tuple[int, float]]
"""Satker id → (rank, value) of one kategori in a period (:func:`analytics.peringkat.peringkat_lalu`)."""


def _poin_per_satker(
    peringkat: Mapping[str, Mapping[int, int]], bobot: Mapping[str, float]
) -> dict[int, tuple[float, dict[str, float]]]:
    """Satker id → (score, points per kategori) from each kategori's ranks (satker id → rank).

    A kategori with an empty ranking (no data in the period) or a zero weight is left out of the mean.
    """
    weights = normalise_bobot(bobot, list(peringkat))
    used = {kode: ranks for kode, ranks in peringkat.items() if ranks and weights[kode] > 0}
    total_weight = sum(weights[kode] for kode in used)
    points: dict[int, dict[str, float]] = {}
    for kode, ranks in used.items():
        jumlah = len(ranks)
        # Points per distinct rank, not per satker (a national year and the one before: 9,000 satker).
        per_rank = {rank: poin_peringkat(rank, jumlah) for rank in set(ranks.values())}
        for satker_id, rank in ranks.items():
            if satker_id in points:
                points[satker_id][kode] = per_rank[rank]
            else:
                points[satker_id] = {kode: per_rank[rank]}
    return {
        satker_id: (round(sum([weights[kode] * p for kode, p in poin.items()]) / total_weight, 2), poin)
        for satker_id, poin in points.items()
    }


@functools.lru_cache(maxsize=16)
def _poin_per_peringkat(jumlah_satker: int) -> tuple[float, ...]:
    """Rank points by rank (index 0 unused) for a ranking of ``jumlah_satker``: the same few sizes
    recur (a Polda's satker, the national 450), and a national Juara Umum needs nine thousand."""
    return (0.0, *(poin_peringkat(rank, jumlah_satker) for rank in range(1, jumlah_satker + 1)))


def _skor_per_satker(peringkat: Mapping[str, Mapping[int, int]], bobot: Mapping[str, float]) -> dict[int, float]:
    """Satker id → score, as :func:`_poin_per_satker` gives it, without the points per kategori.

    When every kategori ranks the same satker (a Polda's or the national rankings always do) the
    weighted points are gathered kategori by kategori as columns and summed per satker in the
    same order, so the scores are equal to the last bit; otherwise the general path is taken."""
    weights = normalise_bobot(bobot, list(peringkat))
    used = [(kode, ranks) for kode, ranks in peringkat.items() if ranks and weights[kode] > 0]
    if not used or any(ranks.keys() != used[0][1].keys() for _, ranks in used):
        return {satker_id: skor for satker_id, (skor, _) in _poin_per_satker(peringkat, bobot).items()}
    total_weight = sum(weights[kode] for kode, _ in used)
    ids = list(used[0][1])
    columns = []
    for kode, ranks in used:
        weight = weights[kode]
        per_rank = [weight * poin for poin in _poin_per_peringkat(len(ranks))]
        columns.append(list(map(per_rank.__getitem__, map(ranks.__getitem__, ids))))
    return {
        satker_id: round(sum(poin) / total_weight, 2)
        for satker_id, poin in zip(ids, zip(*columns, strict=True), strict=True)
    }


def skor_juara_umum(
    per_kategori: Mapping[str, Sequence[BarisPeringkat]], bobot: Mapping[str, float]
) -> list[SkorJuaraUmum]:
    """Scores for every satker ranked in any kategori with a positive weight.

    A kategori with an empty ranking (no data in the period) is left out of the mean.
    """
    names = {row.satker_id: row.satker for rows in per_kategori.values() for row in rows}
    peringkat = {kode: {row.satker_id: row.rank for row in rows} for kode, rows in per_kategori.items()}
    return [
        SkorJuaraUmum(satker_id, names[satker_id], skor, poin)
        for satker_id, (skor, poin) in _poin_per_satker(peringkat, bobot).items()
    ]


def peringkat_juara_umum(
    sekarang: Mapping[str, Sequence[BarisPeringkat]],
    sebelumnya: Mapping[str, Sequence[BarisPeringkat]] | None,
    bobot: Mapping[str, float],
) -> list[BarisPeringkat]:
    """The Juara Umum ranking (value = score) with movement against the previous period."""
    lalu = None
    if sebelumnya is not None:
        lalu = {kode: {row.satker_id: (row.rank, row.value) for row in rows} for kode, rows in sebelumnya.items()}
    return peringkat_juara_umum_terhadap(sekarang, lalu, bobot)


def peringkat_juara_umum_terhadap(
    sekarang: Mapping[str, Sequence[BarisPeringkat]],
    lalu: Mapping[str, PeringkatLalu] | None,
    bobot: Mapping[str, float],
) -> list[BarisPeringkat]:
    """:func:`peringkat_juara_umum` against the previous period's places as the kategori rankings
    already computed them for movement (a national ranking need not build 4,500 rows again)."""
    names: dict[int, str] = {}
    for rows in sekarang.values():
        names.update(map(_ID_NAMA, rows))
    current = _skor_per_satker({kode: dict(map(_ID_PERINGKAT, rows)) for kode, rows in sekarang.items()}, bobot)
    previous: dict[int, tuple[int, float]] = {}
    if lalu is not None:
        earlier = _skor_per_satker(
            {kode: {i: rank for i, (rank, _) in ranks.items()} for kode, ranks in lalu.items()}, bobot
        )
        previous = rank_by_satker(earlier, None, "lebih_tinggi")
    tidak_ada = (None, None)
    return [
        BarisPeringkat(rank, satker_id, names[satker_id], value, None, *previous.get(satker_id, tidak_ada))
        for rank, satker_id, value in rank_rows(current, names, "lebih_tinggi")
    ]


_ID_NAMA = itemgetter(1, 2)  # BarisPeringkat → (satker_id, satker)
_ID_PERINGKAT = itemgetter(1, 0)  # BarisPeringkat → (satker_id, rank)


def jelaskan_metode(bobot: Mapping[str, float], label: Mapping[str, str]) -> str:
    """The method in Indonesian, with the weights in force, for the page and the deck appendix."""
    weights = normalise_bobot(bobot, list(label))
    rincian = "; ".join(f"{label[kode]}: {format_angka(w, 1)}" for kode, w in weights.items())
    return (
        "Di setiap kategori, satker mendapat poin peringkat 100 × (N − peringkat) / (N − 1): "
        "100 untuk peringkat 1 sampai 0 untuk peringkat terakhir, N = jumlah satker yang diperingkat, "
        "peringkat seri mendapat poin yang sama. Nilai Juara Umum adalah rata-rata berbobot poin itu "
        "atas semua kategori yang punya data pada periode tersebut, dibulatkan dua desimal, lalu "
        f"diperingkat (lebih tinggi lebih baik). Bobot saat ini — {rincian}."
    )
