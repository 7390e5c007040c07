"""Comparing Polda with each other (the national view): per Polda the average per satker, so a
Polda with 39 satker is not favoured over one with 12, and the share of reports that came in.

For kecepatan_laporan the value is the mean hours per report received (lower is better); a
Polda that received no report in the period is ranked last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analytics.kategori import KECEPATAN
from analytics.peringkat import rank_rows


@dataclass(frozen=True)
class AgregatPolda:
    """One Polda's totals for a kategori over a period (from SQL)."""

    polda_id: int
    polda: str
    jumlah_satker: int
    total: float
    laporan_masuk: int
    laporan_diharapkan: int


@dataclass(frozen=True)
class BarisPolda:
    """One Polda's place in the comparison."""

    rank: int
    polda_id: int
    polda: str
    jumlah_satker: int
    nilai: float | None
    total: float
    kepatuhan: float | None


def peringkat_polda(agregat: Sequence[AgregatPolda], kode: str) -> list[BarisPolda]:
    """Rank Polda by average per satker (counts) or mean hours per report (kecepatan).

    >>> a = [AgregatPolda(1, "A", 10, 100, 20, 20), AgregatPolda(2, "B", 4, 60, 8, 8)]
    >>> [(r.rank, r.polda, r.nilai) for r in peringkat_polda(a, "ipse")]
    [(1, 'B', 15.0), (2, 'A', 10.0)]
    """
    by_id = {a.polda_id: a for a in agregat if a.jumlah_satker}
    if kode == KECEPATAN:
        worst = max((a.total / a.laporan_masuk for a in by_id.values() if a.laporan_masuk), default=0.0)
        values = {
            pid: round(a.total / a.laporan_masuk, 2) if a.laporan_masuk else worst + 1 for pid, a in by_id.items()
        }
        order = rank_rows(values, {pid: a.polda for pid, a in by_id.items()}, "lebih_rendah")
    else:
        values = {pid: round(a.total / a.jumlah_satker, 2) for pid, a in by_id.items()}
        order = rank_rows(values, {pid: a.polda for pid, a in by_id.items()}, "lebih_tinggi")
    return [
        BarisPolda(
            rank,
            pid,
            by_id[pid].polda,
            by_id[pid].jumlah_satker,
            value if kode != KECEPATAN or by_id[pid].laporan_masuk else None,
            by_id[pid].total,
            by_id[pid].laporan_masuk / by_id[pid].laporan_diharapkan if by_id[pid].laporan_diharapkan else None,
        )
        for rank, pid, value in order
    ]
