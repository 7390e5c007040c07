"""Tables as files: CSV and XLSX downloads of a ranking or of any table the pages show (rows in,
bytes out; the rows are built by services.tabel).

Text that ends up in a file is neutralised against formula injection: in XLSX every text cell is
stored as text (never a formula); in CSV a value starting with ``= + - @``, tab or CR gets a
leading apostrophe. CSV uses ``;`` and a decimal comma, as Excel expects on Indonesian PCs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analytics.peringkat import BarisPeringkat
from analytics.target import Capaian
from services.tabel import KOLOM, baris_tabel, susun_kolom

MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
LEBAR_KOLOM = {
    "Peringkat": 11,
    "Satker": 34,
    "Nilai": 14,
    "Target": 12,
    "Capaian (%)": 12,
    "Pita": 14,
    "Pangsa (%)": 12,
    "Peringkat sebelumnya": 14,
    "Gerak": 8,
    "Tanda": 70,
}
LEBAR_AUDIT = {"Waktu (WIB)": 18, "Pelaku": 20, "Aksi": 24, "Rincian": 90, "Berkas": 36}


def teks_aman(teks: str) -> str:
    """A text value safe to open in a spreadsheet.

    >>> teks_aman("=HYPERLINK(\\"x\\")"), teks_aman("Polres Batu")
    ('\\'=HYPERLINK("x")', 'Polres Batu')
    """
    return "'" + teks if teks.startswith(AWALAN_BERBAHAYA) else teks


def csv_tabel(kolom: Sequence[str], baris: Iterable[Mapping[str, Any]]) -> bytes:
    """CSV for Excel on Indonesian PCs: UTF-8 with BOM, ``;`` separator, decimal comma; text that
    could be read as a formula gets a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(kolom)
    for row in baris:
        writer.writerow(
            [
                str(value).replace(".", ",")
                if isinstance(value, float)
                else teks_aman(value)
                if isinstance(value, str)
                else ("" if value is None else value)
                for value in (row.get(name) for name in kolom)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def ke_csv(baris: Sequence[BarisPeringkat]) -> bytes:
    """The ranking table as CSV (see :func:`csv_tabel`)."""
    return csv_tabel(KOLOM, baris_tabel(baris))


def _isi_sheet(
    sheet: Worksheet,
    kolom: Sequence[str],
    baris: Iterable[Mapping[str, Any]],
    formats: Mapping[str, str],
    lebar: Mapping[str, int],
) -> None:
    """Bold coloured frozen header, autofilter, number formats per column, and every text cell
    stored as text (never evaluated as a formula)."""
    sheet.append(list(kolom))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E8C")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in baris:
        sheet.append([row.get(name) for name in kolom])
        for name, cell in zip(kolom, sheet[sheet.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif name in formats:
                cell.number_format = formats[name]
    for index, name in enumerate(kolom, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = lebar.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(kolom))}{max(sheet.max_row, 1)}"


def _simpan(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ke_xlsx(
    lembar: Mapping[str, Sequence[BarisPeringkat]],
    desimal: Mapping[str, int] | None = None,
    capaian: Mapping[str, Mapping[int, Capaian]] | None = None,
) -> bytes:
    """One sheet per ranking (sheet name → rows): bold frozen header, autofilter, number formats;
    a sheet named in ``capaian`` (sheet name → satker id → attainment) carries Target, Capaian
    (%) and Pita after Nilai."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for nama, baris in lembar.items():
        nilai_format = "#,##0" if not (desimal or {}).get(nama) else "#,##0.00"
        formats = {"Nilai": nilai_format, "Target": nilai_format, "Pangsa (%)": "0.00", "Capaian (%)": "0.0"}
        sheet_capaian = (capaian or {}).get(nama)
        kolom = susun_kolom(sheet_capaian is not None)
        rows = baris_tabel(baris, sheet_capaian)
        _isi_sheet(workbook.create_sheet(_sheet_title(nama)), kolom, rows, formats, LEBAR_KOLOM)
    return _simpan(workbook)


def xlsx_tabel(
    judul: str, kolom: Sequence[str], baris: Sequence[Mapping[str, Any]], lebar: Mapping[str, int] | None = None
) -> bytes:
    """Any table as a one-sheet workbook with the same header style as the ranking workbook."""
    workbook = Workbook()
    _isi_sheet(workbook.active, kolom, baris, {}, lebar or {})
    workbook.active.title = _sheet_title(judul)
    return _simpan(workbook)


def _sheet_title(nama: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in nama)
    return cleaned[:31]
