"""Numbers written the Indonesian way: "1.234" and "12,5"."""

from __future__ import annotations


def format_angka(nilai: float, desimal: int = 0) -> str:
    """Thousands with a dot, decimals with a comma.

    >>> format_angka(1234)
    '1.234'
    >>> format_angka(1234.5, 1)
    '1.234,5'
    """
    text = f"{nilai:,.{desimal}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
