"""Profil Satker's summary: one satker across the kategori of a ranking, and its percentile in
each (the rank points of Juara Umum: 100 for first place, 0 for last)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from analytics.angka import format_nilai, satuan_dan_desimal
from analytics.juara_umum import poin_peringkat
from analytics.ringkasan import tanda_gerak
from db.queries import KategoriInfo
from services.peringkat import HasilPeringkat


@dataclass(frozen=True)
class RingkasanSatker:
    """The summary table's rows and kategori label → percentile, for the kategori the satker is ranked in."""

    baris: list[dict[str, str]] = field(default_factory=list)
    persentil: dict[str, float] = field(default_factory=dict)


def susun_ringkasan_satker(hasil: HasilPeringkat, kategori: Sequence[KategoriInfo], satker_id: int) -> RingkasanSatker:
    """Value, place, movement and flags of one satker in every kategori, in display order."""
    ringkasan = RingkasanSatker()
    for info in kategori:
        baris = hasil.baris(info.kode)
        row = next((r for r in baris if r.satker_id == satker_id), None)
        if row is None:
            continue
        ringkasan.persentil[info.label] = poin_peringkat(row.rank, len(baris))
        ringkasan.baris.append(
            {
                "Kategori": info.label,
                "Nilai": format_nilai(row.value, *satuan_dan_desimal(info.kode)),
                "Peringkat": f"{row.rank} dari {len(baris)}",
                "Gerak": tanda_gerak(row),
                "Tanda": "; ".join(row.flags),
            }
        )
    return ringkasan
