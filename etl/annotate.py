"""Annotated copy of a rejected workbook: the operator's own file with every problem cell
highlighted and commented, plus a Kesalahan sheet listing all problems, so fixing is quicker
than reading a list of cell names and hunting for them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from pathlib import PurePath

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import quote_sheetname
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter
from openpyxl.utils.exceptions import CellCoordinatesException
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from etl.problems import Masalah
from etl.workbook_format import SHEET_KESALAHAN

AUTHOR = "Dasbor Kinerja Humas"
NOTE_CONVERTED = (
    "Berkas asli tidak dapat dibuka apa adanya, jadi diubah ke .xlsx: hanya nilai sel yang disalin "
    "(format dan rumus tidak ikut). Perbaiki berkas asli Anda atau lanjutkan dengan berkas ini."
)
NOTE_UNREADABLE = "Berkas tidak dapat dibaca sama sekali; hanya daftar masalah yang disertakan."

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CALAMINE_ONLY = (".xls", ".ods")  # formats openpyxl cannot open
_MARKS = {  # Excel's own "Bad" and "Neutral" cell styles, familiar to operators
    "error": (PatternFill("solid", fgColor="FFC7CE"), "9C0006"),
    "warning": (PatternFill("solid", fgColor="FFEB9C"), "9C5700"),
}
_HEADER = ("No", "Lokasi", "Sheet", "Sel", "Jenis", "Pesan")
_WIDTHS = (6, 24, 24, 8, 12, 90)
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384


def annotate_workbook(data: bytes, file_name: str, problems: Sequence[Masalah]) -> bytes:
    """The user's workbook with each problem cell marked and commented, plus a Kesalahan sheet (xlsx bytes).

    Never raises for odd problems (unknown sheets, bad cell references): those are only listed.
    Files openpyxl cannot open (.xls, .ods, damaged .xlsx) are rebuilt from their values.
    """
    if PurePath(file_name).suffix.lower() not in _CALAMINE_ONLY:
        try:
            workbook = load_workbook(io.BytesIO(data), data_only=False)
            return _annotated(workbook, {name: name for name in workbook.sheetnames}, file_name, problems, None)
        except Exception:  # openpyxl fails in many ways on unusual files; calamine gets a chance
            pass
    try:
        workbook, titles = _rebuild(data)
        note = NOTE_CONVERTED
    except Exception:  # not a spreadsheet at all: the operator still gets the list of problems
        workbook, titles, note = Workbook(), {}, NOTE_UNREADABLE
        workbook.remove(workbook.active)
    return _annotated(workbook, titles, file_name, problems, note)


def _annotated(
    workbook: Workbook, titles: dict[str, str], file_name: str, problems: Sequence[Masalah], note: str | None
) -> bytes:
    """Mark the cells, add the Kesalahan sheet and serialise."""
    if SHEET_KESALAHAN in workbook.sheetnames:  # an already annotated file uploaded again
        workbook.remove(workbook[SHEET_KESALAHAN])
    targets: list[str | None] = []
    marks: dict[tuple[str, str], list[Masalah]] = {}
    for problem in problems:
        sheet = _worksheet(workbook, titles, problem.sheet)
        coordinate = _coordinate(problem.cell)
        if sheet is None or coordinate is None:
            targets.append(None)
            continue
        targets.append(f"{quote_sheetname(sheet.title)}!{coordinate}")
        marks.setdefault((sheet.title, coordinate), []).append(problem)
    for (title, coordinate), here in marks.items():
        _mark(workbook[title], coordinate, here)
    _add_kesalahan(workbook, file_name, problems, targets, note)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rebuild(data: bytes) -> tuple[Workbook, dict[str, str]]:
    """A new workbook holding the values calamine reads, one sheet per original sheet, and the
    map from original sheet names to the (Excel-safe) titles used."""
    source = CalamineWorkbook.from_filelike(io.BytesIO(data))
    workbook = Workbook()
    workbook.remove(workbook.active)
    titles: dict[str, str] = {}
    for name in source.sheet_names:
        sheet = workbook.create_sheet(_excel_title(name, workbook.sheetnames))
        titles[name] = sheet.title
        rows = source.get_sheet_by_name(name).to_python(skip_empty_area=False)  # keep cell positions
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                if value is not None and value != "":
                    _put(sheet.cell(row_number, column_number), value)
    return workbook, titles


def _excel_title(name: str, taken: list[str]) -> str:
    """``name`` made valid for Excel (ODS allows longer names and more characters) and unique."""
    base = "".join("_" if char in "[]:*?/\\" else char for char in _clean(name))[:31] or "Sheet"
    title, number = base, 1
    while title.casefold() in (existing.casefold() for existing in taken):
        number += 1
        title = f"{base[: 31 - len(str(number)) - 1]}_{number}"
    return title


def _put(cell: Cell, value: object) -> Cell:
    """Store ``value``; text is forced to stay text so nothing turns into a formula."""
    if isinstance(value, str):
        cell.value = text = _clean(value)
        if text.startswith(_FORMULA_STARTS):
            cell.data_type = "s"
        return cell
    try:
        cell.value = value
    except (ValueError, TypeError):  # a type openpyxl cannot store: keep what it says
        _put(cell, str(value))
    return cell


def _clean(text: str) -> str:
    """``text`` without the control characters XML (and so openpyxl) refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", str(text))


def _worksheet(workbook: Workbook, titles: dict[str, str], name: str) -> Worksheet | None:
    """The worksheet a problem names (Excel sheet names are case-insensitive), or None."""
    title = titles.get(name) or next((t for n, t in titles.items() if n.casefold() == name.casefold()), None)
    if not name or title is None or title not in workbook.sheetnames:
        return None
    sheet = workbook[title]
    return sheet if isinstance(sheet, Worksheet) else None  # a chart sheet has no cells


def _coordinate(reference: str) -> str | None:
    """``E14`` for a valid single-cell reference (``e14``, ``$E$14`` too), else None."""
    try:
        column, row = coordinate_from_string(reference.strip().replace("$", "").upper())
        if 1 <= row <= _MAX_ROW and column_index_from_string(column) <= _MAX_COLUMN:
            return f"{column}{row}"
    except (CellCoordinatesException, ValueError):
        pass
    return None


def _mark(sheet: Worksheet, coordinate: str, problems: list[Masalah]) -> None:
    """Fill the cell (red if any error, else yellow) and comment it with every message; a cell
    inside a merged range is marked on the range's visible top-left cell."""
    cell = sheet[coordinate]
    if isinstance(cell, MergedCell):
        merged = next(r for r in sheet.merged_cells.ranges if coordinate in r)
        cell = sheet.cell(merged.min_row, merged.min_col)
    fill, color = _MARKS["error" if any(p.tingkat == "error" for p in problems) else "warning"]
    font = copy(cell.font)
    font.color = color
    cell.fill, cell.font = fill, font
    text = "\n\n".join(_clean(p.message) for p in problems)
    if cell.comment is not None and cell.comment.author != AUTHOR:  # keep the operator's own note
        text += f"\n\n(Komentar sebelumnya: {cell.comment.text})"
    lines = sum(len(line) // 45 + 1 for line in text.splitlines())
    cell.comment = Comment(text, AUTHOR, height=min(400, 30 + 15 * lines), width=300)


def _add_kesalahan(
    workbook: Workbook, file_name: str, problems: Sequence[Masalah], targets: list[str | None], note: str | None
) -> None:
    """The first, active sheet: title, summary, optional note, then one row per problem,
    errors first; Lokasi links to the cell when it exists."""
    sheet = workbook.create_sheet(SHEET_KESALAHAN, 0)
    errors = sum(p.tingkat == "error" for p in problems)
    _put(sheet.cell(1, 1), f"Masalah pada berkas {file_name}").font = Font(bold=True, size=14)
    _put(sheet.cell(2, 1), f"{errors} kesalahan, {len(problems) - errors} peringatan")
    if note:
        _put(sheet.cell(3, 1), note).font = Font(italic=True)
    header_row = 5 if note else 4
    for column, label in enumerate(_HEADER, start=1):
        _put(sheet.cell(header_row, column), label).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[column - 1]
    order = sorted(range(len(problems)), key=lambda i: problems[i].tingkat != "error")  # stable
    for number, index in enumerate(order, start=1):
        problem, row = problems[index], header_row + number
        sheet.cell(row, 1, number)
        lokasi = _put(sheet.cell(row, 2), problem.lokasi)
        if targets[index]:
            lokasi.hyperlink = Hyperlink(ref=lokasi.coordinate, location=targets[index])
            lokasi.style = "Hyperlink"
        _put(sheet.cell(row, 3), problem.sheet)
        _put(sheet.cell(row, 4), problem.cell)
        _put(sheet.cell(row, 5), "Kesalahan" if problem.tingkat == "error" else "Peringatan")
        _put(sheet.cell(row, 6), problem.message).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.auto_filter.ref = f"A{header_row}:F{header_row + len(problems)}"
    for other in workbook.worksheets:  # a second selected tab would open the sheets grouped
        if hasattr(other, "sheet_view"):
            other.sheet_view.tabSelected = False
    workbook.active = sheet
    sheet.sheet_view.tabSelected = True
