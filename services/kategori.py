"""Kategori as people read them: labels (with Juara Umum's), and the lists of codes a page or
command offers."""

from __future__ import annotations

from collections.abc import Sequence

from analytics.kategori import JUARA_UMUM, KECEPATAN
from db.queries import KategoriInfo

LABEL_JUARA_UMUM = "Juara Umum (gabungan 10 kategori)"


def cari_label_kategori(kode: str, kategori: Sequence[KategoriInfo]) -> str:
    """The current label of a kategori, or Juara Umum's."""
    if kode == JUARA_UMUM:
        return LABEL_JUARA_UMUM
    return next(k.label for k in kategori if k.kode == kode)


def susun_semua_kode(kategori: Sequence[KategoriInfo]) -> list[str]:
    """Every ranking there is: the ten kategori in display order, then Juara Umum."""
    return [*(k.kode for k in kategori), JUARA_UMUM]


def pilih_kategori_hitungan(kategori: Sequence[KategoriInfo]) -> list[KategoriInfo]:
    """The nine kategori counted from activity rows (all but kecepatan_laporan)."""
    return [k for k in kategori if k.kode != KECEPATAN]
