"""Reading workbooks with python-calamine (Rust): .xlsx, .xls and .ods, several times faster
than openpyxl on large sheets (see docs/BENCHMARKS.md).

Cells come back as the user sees them; formula cells give their cached result, which the
loader never uses as a count: counts are always the number of valid rows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from python_calamine import CalamineWorkbook, PasswordError

from analytics.angka import format_angka
from etl.file_safety import BATAS_BAWAAN, BatasBerkas
from etl.problems import Masalah, error

if TYPE_CHECKING:
    from etl.tata_letak import SelGabungan

Row = list[Any]
RESAVE_HINT = "Buka di Excel, simpan ulang sebagai .xlsx, lalu unggah ulang."


class WorkbookUnreadable(Exception):
    """The file could not be opened as a workbook; ``problems`` says why, in Indonesian."""

    def __init__(self, problems: list[Masalah]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Workbook:
    """An opened workbook; sheets are read on first use so ignored sheets cost nothing."""

    file_name: str
    sheet_names: list[str]
    _book: CalamineWorkbook
    _batas: BatasBerkas
    _cache: dict[str, list[Row]] = field(default_factory=dict)
    data: bytes = b""  # the file itself, for what calamine does not give (etl.hyperlink)
    _gabungan: dict[str, list[SelGabungan]] = field(default_factory=dict)

    def gabungan(self, sheet: str) -> list[SelGabungan]:
        """The merged ranges of ``sheet`` (read with its rows; none where the format has none)."""
        self.rows(sheet)
        return self._gabungan.get(sheet, [])

    def rows(self, sheet: str) -> list[Row]:
        """All rows of ``sheet`` from Excel row 1 (index 0), empty cells as ``""``.

        Raises :class:`WorkbookUnreadable` when the sheet has more rows than allowed.
        """
        if sheet not in self._cache:
            limit = self._batas.max_rows_per_sheet + 1  # the header row does not count
            try:
                lembar = self._book.get_sheet_by_name(sheet)
                rows = lembar.to_python(skip_empty_area=False, nrows=limit + 1)
                self._gabungan[sheet] = list(lembar.merged_cell_ranges or [])
            except BaseException as problem:  # a damaged sheet inside a readable file
                if not _parser_failure(problem):
                    raise
                raise WorkbookUnreadable(
                    [error(sheet, "", f"Sheet “{sheet}” tidak dapat dibaca ({problem}). {RESAVE_HINT}")]
                ) from None
            if len(rows) > limit:
                maximum = format_angka(self._batas.max_rows_per_sheet)
                raise WorkbookUnreadable(
                    [
                        error(
                            sheet,
                            "",
                            f"Sheet “{sheet}” berisi lebih dari {maximum} baris data (batas per sheet). Bagi "
                            "laporan menjadi beberapa berkas atau hapus baris kosong di bagian bawah sheet.",
                        )
                    ]
                )
            self._cache[sheet] = rows
        return self._cache[sheet]


def open_workbook(data: bytes, file_name: str, batas: BatasBerkas = BATAS_BAWAAN) -> Workbook:
    """Open ``data`` (already passed the file safety checks) as a workbook."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
    except PasswordError:
        raise WorkbookUnreadable(
            [error("", "", f"Berkas {file_name} dilindungi kata sandi: hapus kata sandi lalu unggah ulang.")]
        ) from None
    except BaseException as problem:  # calamine raises several types for damaged files
        if not _parser_failure(problem):
            raise
        raise WorkbookUnreadable(
            [
                error(
                    "",
                    "",
                    f"Berkas {file_name} tidak dapat dibaca sebagai buku kerja Excel ({problem}). {RESAVE_HINT}",
                )
            ]
        ) from None
    return Workbook(file_name=file_name, sheet_names=names, _book=book, _batas=batas, data=data)


def _parser_failure(problem: BaseException) -> bool:
    """An error of the parser rather than of the program: calamine's exceptions, and the pyo3
    PanicException (a BaseException) its Rust code raises on a cell it cannot convert, such as a
    date-formatted cell holding a number millions of years away."""
    return isinstance(problem, Exception) or type(problem).__name__ == "PanicException"


def header(rows: list[Row], width: int) -> list[str]:
    """Row 1 as text, padded to ``width`` columns."""
    first = rows[0] if rows else []
    return [str(first[i]).strip() if i < len(first) else "" for i in range(width)]
