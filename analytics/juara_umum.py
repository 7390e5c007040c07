"""Juara Umum: one overall ranking combined from the per-kategori rankings.

Method (shown on the Peringkat page and in the README): in every kategori a satker earns rank
points ``100 × (N − peringkat) / (N − 1)`` — 100 for first place, 0 for last, ties sharing the
points of their rank, N the number of satker ranked. The Juara Umum score is the weighted mean of
those points over the kategori, with weights an admin can change (default 1 for each). Scores are
rounded to two decimals and ranked like any kategori (higher is better, "1, 2, 2, 4").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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


def skor_juara_umum(
    per_kategori: Mapping[str, Sequence[BarisPeringkat]], bobot: Mapping[str, float]
) -> list[SkorJuaraUmum]:
    """Scores for every satker ranked in any kategori with a positive weight.

    A kategori with an empty ranking (no data in the period) is left out of the mean.
    """
    weights = normalise_bobot(bobot, list(per_kategori))
    used = {kode: rows for kode, rows in per_kategori.items() if rows and weights[kode] > 0}
    total_weight = sum(weights[kode] for kode in used)
    names: dict[int, str] = {}
    points: dict[int, dict[str, float]] = {}
    for kode, rows in used.items():
        for row in rows:
            names[row.satker_id] = row.satker
            points.setdefault(row.satker_id, {})[kode] = poin_peringkat(row.rank, len(rows))
    return [
        SkorJuaraUmum(
            satker_id=satker_id,
            satker=names[satker_id],
            skor=round(sum(weights[kode] * p for kode, p in poin.items()) / total_weight, 2),
            poin=poin,
        )
        for satker_id, poin in points.items()
    ]


def peringkat_juara_umum(
    sekarang: Mapping[str, Sequence[BarisPeringkat]],
    sebelumnya: Mapping[str, Sequence[BarisPeringkat]] | None,
    bobot: Mapping[str, float],
) -> list[BarisPeringkat]:
    """The Juara Umum ranking (value = score) with movement against the previous period."""
    current = {s.satker_id: s for s in skor_juara_umum(sekarang, bobot)}
    names = {satker_id: s.satker for satker_id, s in current.items()}
    previous: dict[int, tuple[int, float]] = {}
    if sebelumnya is not None:
        earlier = {s.satker_id: s for s in skor_juara_umum(sebelumnya, bobot)}
        previous = rank_by_satker(
            {k: s.skor for k, s in earlier.items()}, {k: s.satker for k, s in earlier.items()}, "lebih_tinggi"
        )
    return [
        BarisPeringkat(
            rank=rank,
            satker_id=satker_id,
            satker=names[satker_id],
            value=value,
            previous_rank=previous.get(satker_id, (None, None))[0],
            previous_value=previous.get(satker_id, (None, None))[1],
        )
        for rank, satker_id, value in rank_rows({k: s.skor for k, s in current.items()}, names, "lebih_tinggi")
    ]


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
