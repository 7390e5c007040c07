"""Tables with a header in row 1, read by column title: the shape of the admin sheets.

Columns are found by their title (case and spacing ignored), so a reordered table still loads
while a missing column is an error naming it. Pure: rows in (as :meth:`etl.reader.Workbook.rows`
gives them), values and :class:`etl.problems.Masalah` out.

Used by the recap and award rules (etl/rules_rekap.py) and the target and group rules
(etl/rules_target.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from etl.cells import CellError, header_key, is_blank
from etl.problems import Masalah, cell_ref, error

T = TypeVar("T")


def cari_kolom(sheet: str, rows: Sequence[Sequence[Any]], judul: Sequence[str]) -> tuple[dict[str, int], list[Masalah]]:
    """Title → 0-based column for every expected title found in row 1, and an error per missing one.

    >>> cari_kolom("Target", [["berlaku  mulai", "Kategori"]], ["Kategori", "Berlaku Mulai"])
    ({'Kategori': 1, 'Berlaku Mulai': 0}, [])
    >>> [(p.sheet, p.cell) for p in cari_kolom("Target", [["Kategori"]], ["Kategori", "Lingkup"])[1]]
    [('Target', '')]
    """
    found = {header_key(value): index for index, value in enumerate(rows[0] if rows else []) if not is_blank(value)}
    problems = [
        error(
            sheet,
            "",
            f"Kolom “{name}” tidak ada di baris 1 sheet “{sheet}”. Tambahkan kolom itu dengan judul "
            "persis seperti format yang didokumentasikan.",
        )
        for name in judul
        if header_key(name) not in found
    ]
    return {name: found[header_key(name)] for name in judul if header_key(name) in found}, problems


def saring_baris_berisi(rows: Sequence[Sequence[Any]]) -> list[tuple[int, Sequence[Any]]]:
    """(Excel row number, row) for every row after the header that has any value.

    >>> saring_baris_berisi([["Judul"], ["", None], ["isi"]])
    [(3, ['isi'])]
    """
    return [(number, row) for number, row in enumerate(rows[1:], start=2) if not all(is_blank(v) for v in row)]


def parse_sel(
    sheet: str,
    number: int,
    row: Sequence[Any],
    column: int,
    parser: Callable[[Any], T],
    problems: list[Masalah],
) -> T | None:
    """The parsed cell, or None after appending the parser's :class:`CellError` with its cell."""
    value = row[column] if column < len(row) else ""
    try:
        return parser(value)
    except CellError as problem:
        problems.append(error(sheet, cell_ref(column + 1, number), str(problem)))
        return None
