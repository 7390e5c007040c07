"""Problems found in a workbook: typed values carrying sheet, cell and an Indonesian message.

Errors reject the workbook; warnings are reported but do not block the load.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Tingkat = Literal["error", "warning"]


@dataclass(frozen=True)
class Masalah:
    """One problem: where it is (``sheet``, ``cell`` such as ``E14``; both may be empty for a
    problem with the whole file), what is wrong and how to fix it (``message``)."""

    sheet: str
    cell: str
    message: str
    tingkat: Tingkat = "error"
    kode: str = ""  # for a warning about an automatic fix: what kind (counted on the upload page)

    @property
    def lokasi(self) -> str:
        """``TB News!E14``, ``TB News`` or ``berkas`` for the whole file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or "berkas"

    def as_json(self) -> dict[str, str]:
        """The shape of ``load --json``: sheet, cell, message."""
        data = asdict(self)
        del data["tingkat"], data["kode"]
        return data


def cell_ref(column: int, row: int) -> str:
    """Excel cell name from 1-based column and row numbers.

    >>> cell_ref(5, 14)
    'E14'
    >>> cell_ref(28, 2)
    'AB2'

    Computed here rather than with openpyxl's helper: importing openpyxl (and numpy with it) would
    cost every ``etl load`` and upload a quarter of a second for one letter.
    """
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return f"{letters}{row}"


def error(sheet: str, cell: str, message: str) -> Masalah:
    return Masalah(sheet, cell, message, "error")


def warning(sheet: str, cell: str, message: str, kode: str = "") -> Masalah:
    return Masalah(sheet, cell, message, "warning", kode)
