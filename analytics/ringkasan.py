"""A ranking as plain Indonesian text, ready to paste into a WhatsApp group.

WhatsApp shows ``*bold*`` and ``_italic_``; arrows ▲▼ show movement against the previous period.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analytics.angka import format_nilai
from analytics.peringkat import BarisPeringkat

JUMLAH_TERATAS = 5


@dataclass(frozen=True)
class BagianRingkasan:
    """One kategori's ranking for the summary."""

    judul: str
    baris: Sequence[BarisPeringkat]
    satuan: str = ""
    desimal: int = 0


def tanda_gerak(baris: BarisPeringkat) -> str:
    """'▲2', '▼1', '=' or 'baru' (not ranked in the previous period).

    >>> tanda_gerak(BarisPeringkat(rank=1, satker_id=1, satker="A", value=5, previous_rank=3))
    '▲2'
    """
    movement = baris.movement
    if movement is None:
        return "baru"
    if movement > 0:
        return f"▲{movement}"
    if movement < 0:
        return f"▼{-movement}"
    return "="


def _line(baris: BarisPeringkat, bagian: BagianRingkasan) -> str:
    nilai = format_nilai(baris.value, bagian.satuan, bagian.desimal)
    return f"{baris.rank}. {baris.satker} — {nilai} ({tanda_gerak(baris)})"


def ringkasan_whatsapp(
    judul: str, periode_label: str, bagian: Sequence[BagianRingkasan], n: int = JUMLAH_TERATAS
) -> str:
    """Period, then per kategori the top ``n`` and bottom ``n`` with values and movement.

    A ranking of at most 2n satker is listed whole, without a gap.
    """
    lines = [f"*{judul}*", f"*{periode_label}*"]
    for part in bagian:
        lines += ["", f"*{part.judul}*"]
        rows = list(part.baris)
        if not rows:
            lines.append("_Belum ada data._")
            continue
        if len(rows) <= 2 * n:
            lines += [_line(row, part) for row in rows]
            continue
        lines.append(f"_{n} teratas_")
        lines += [_line(row, part) for row in rows[:n]]
        lines.append(f"_{n} terbawah_")
        lines += [_line(row, part) for row in rows[-n:]]
    lines += ["", "_Gerak dibandingkan periode sebelumnya yang sama panjang (▲ naik, ▼ turun)._"]
    return "\n".join(lines)
