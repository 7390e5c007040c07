"""Numbers written the Indonesian way: "1.234" and "12,5"."""

from __future__ import annotations

from analytics.kategori import JUARA_UMUM, KECEPATAN


def format_angka(nilai: float, desimal: int = 0) -> str:
    """Thousands with a dot, decimals with a comma.

    >>> format_angka(1234)
    '1.234'
    >>> format_angka(1234.5, 1)
    '1.234,5'
    """
    text = f"{nilai:,.{desimal}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_nilai(nilai: float, satuan: str = "", desimal: int = 0) -> str:
    """A ranked value as shown: Indonesian digits, then the unit when there is one.

    >>> format_nilai(12.25, "jam", 1), format_nilai(1234)
    ('12,2 jam', '1.234')
    """
    return format_angka(nilai, desimal) + (f" {satuan}" if satuan else "")


def satuan_dan_desimal(kode: str) -> tuple[str, int]:
    """How a kategori's value is written: kecepatan in hours with one decimal, Juara Umum in
    points with two, counts as whole numbers.

    >>> satuan_dan_desimal("kecepatan_laporan"), satuan_dan_desimal("ipse")
    (('jam', 1), ('', 0))
    """
    return {KECEPATAN: ("jam", 1), JUARA_UMUM: ("poin", 2)}.get(kode, ("", 0))
