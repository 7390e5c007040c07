"""The monthly report template a satker downloads, fills in and uploads.

The layout is the user-facing format of ``etl.workbook_format``; the reader checks uploads
against the same constants. Excel data validation catches most mistakes while the operator types,
so fewer uploads are rejected later; the reader still checks everything, because validation is
easy to bypass (pasting, LibreOffice, other tools).
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from analytics.periods import month_label, next_month
from etl.workbook_format import (
    ACTIVITY_HEADER,
    COL_JUDUL,
    COL_NO,
    COL_PLATFORM,
    COL_TANGGAL,
    COL_TAUTAN,
    IDENTITAS_HEADER,
    IDENTITAS_ROWS,
    KATEGORI_SHEETS,
    PLATFORM_ALIASES,
    PLATFORMS,
    SHEET_IDENTITAS,
    SHEET_PETUNJUK,
)

LAST_ROW = 5000  # validation reaches this far; no satker reports more activities in one sheet
DATE_FORMAT = "DD/MM/YYYY"
CREATOR = "Dasbor Kinerja Humas"
TITLE = "Petunjuk Pengisian Laporan Bulanan Humas"
COLUMN_WIDTHS = {COL_NO: 6, COL_TANGGAL: 14, COL_JUDUL: 60, COL_PLATFORM: 14, COL_TAUTAN: 60}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")


def build_template(satker: str, periode: dt.date) -> bytes:
    """The monthly report workbook (.xlsx bytes) for one satker and month (periode = first day of month)."""
    workbook = Workbook()
    workbook.properties.title = f"Laporan Bulanan Humas {satker} {month_label(periode)}"
    workbook.properties.creator = CREATOR
    _petunjuk(workbook.active, satker, periode)
    _identitas(workbook.create_sheet(SHEET_IDENTITAS), satker, periode)
    for sheet_name in KATEGORI_SHEETS.values():
        _activity_sheet(workbook.create_sheet(sheet_name), periode)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(cell: Cell, value: str) -> Cell:
    """Write ``value`` as a plain string: a satker name such as ``=Polres`` must never become a formula."""
    cell.value = value
    cell.data_type = "s"
    return cell


def _last_day(periode: dt.date) -> dt.date:
    return next_month(periode) - dt.timedelta(days=1)


def _column(col: int) -> str:
    return get_column_letter(col)


def _petunjuk_lines(satker: str, periode: dt.date) -> list[str]:
    bulan = month_label(periode)
    awal, akhir = periode.strftime("%d/%m/%Y"), _last_day(periode).strftime("%d/%m/%Y")
    sheets = ", ".join(KATEGORI_SHEETS.values())
    header = ", ".join(ACTIVITY_HEADER)
    aliases = ", ".join(f'"{alias.title()}" dihitung sebagai {name}' for alias, name in PLATFORM_ALIASES.items())
    nilai = {label: f"B{row}" for label, row in IDENTITAS_ROWS.items()}
    return [
        f"Satker: {satker}",
        f"Periode: {bulan}",
        "",
        f"1. Isi satu baris untuk setiap kegiatan, di sheet kategorinya ({sheets}). "
        "Setiap kegiatan harus punya tautan sebagai bukti.",
        f"2. Jangan mengganti nama, menghapus, atau memindahkan sheet, dan jangan mengubah baris judul ({header}).",
        f"3. Tanggal wajib diisi dan harus di dalam bulan {bulan} ({awal}–{akhir}). "
        "Format yang diterima: tanggal Excel, DD/MM/YYYY, atau YYYY-MM-DD; juga nama bulan (“5 Mei 2024”, "
        "“Senin, 6 Mei 2024”, “6 Agt 2024”) dan tahun dua angka (“10/05/24”). Urutan angka dibaca hari/bulan; "
        "tanggal yang masih bisa dibaca dua cara ditolak dengan petunjuk.",
        "4. Judul / Uraian boleh dikosongkan.",
        f"5. Platform boleh dikosongkan; bila diisi, pilih salah satu: {', '.join(PLATFORMS)} "
        f"(huruf besar/kecil bebas; {aliases}; nama singkat seperti IG, FB, YT, Tik Tok, Insta, Twitter/X, "
        "WA juga dikenali). Bila Platform kosong atau tidak sesuai alamat tautan, alamat tautan yang menentukan.",
        "6. Tautan wajib diisi dan sebaiknya diawali https:// (atau http://); alamat tanpa https:// "
        "(“instagram.com/p/…”) dilengkapi otomatis. Sel yang hanya menampilkan “Link” atau “klik disini” "
        "dibaca dari hyperlink-nya; tautan yang tampil terpotong (diakhiri …) juga perlu hyperlink atau "
        "disalin lengkap. Beberapa tautan dalam satu sel (satu per baris) dihitung satu kegiatan per tautan. "
        "Label di depan tautan (“IG:”, “Link:”), kurung atau kutip di sekitarnya, dan titik di belakangnya "
        "dibuang.",
        "7. Baris kosong dilewati. Kolom No tidak dibaca, boleh diisi atau dibiarkan kosong. Judul laporan di "
        "atas tabel, baris nomor kolom, kolom tambahan, baris JUMLAH/TOTAL dan tanda tangan di bawah tabel "
        "diabaikan. Tanggal yang digabung (merge) untuk beberapa kegiatan berlaku untuk setiap barisnya.",
        "8. Tautan ke kiriman yang sama dua kali di satu sheet dihitung satu kali (muncul sebagai peringatan), "
        "juga bila hanya berbeda parameter berbagi (?igsh=…, ?utm_source=…) atau bentuk alamat "
        "(twitter.com/x.com, youtu.be).",
        "Setiap perbaikan otomatis ditampilkan sebagai peringatan yang menyebut selnya sebelum laporan disimpan.",
        f"9. Di sheet {SHEET_IDENTITAS}, {nilai['Satker']} (Satker) dan {nilai['Periode']} (Periode) sudah terisi "
        f"dan harus sesuai dengan satker dan bulan laporan. Isi {nilai['Operator']} dengan nama operator.",
        "10. Berkas yang sudah diperbaiki boleh diunggah lagi kapan saja; versi terbaru yang dihitung. "
        "Kategori Kecepatan Pengiriman Laporan Bulanan memakai unggahan pertama yang diterima.",
        "11. Berkas tidak boleh berisi makro dan tidak boleh dikunci dengan kata sandi.",
    ]


PETUNJUK_WIDTH = 110  # characters
LINE_HEIGHT = 15  # points per wrapped line


def _petunjuk(sheet: Worksheet, satker: str, periode: dt.date) -> None:
    sheet.title = SHEET_PETUNJUK
    sheet.column_dimensions["A"].width = PETUNJUK_WIDTH
    _text(sheet["A1"], TITLE).font = Font(bold=True, size=14)
    for row, line in enumerate(_petunjuk_lines(satker, periode), start=2):
        if line:  # an empty line stays an empty row, not an empty string cell
            _text(sheet.cell(row=row, column=1), line).alignment = Alignment(wrap_text=True, vertical="top")
            # Not every spreadsheet program grows a wrapped row by itself (LibreOffice's PDF export does not).
            lines = -(-len(line) // (PETUNJUK_WIDTH - 10))
            sheet.row_dimensions[row].height = LINE_HEIGHT * max(1, lines)


def _identitas(sheet: Worksheet, satker: str, periode: dt.date) -> None:
    for col, label in enumerate(IDENTITAS_HEADER, start=1):
        _text(sheet.cell(row=1, column=col), label).font = HEADER_FONT
    values = {"Satker": satker, "Periode": month_label(periode), "Operator": None}
    for label, row in IDENTITAS_ROWS.items():
        _text(sheet.cell(row=row, column=1), label)
        if values[label] is not None:
            _text(sheet.cell(row=row, column=2), values[label])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 40


def _activity_sheet(sheet: Worksheet, periode: dt.date) -> None:
    for col, label in enumerate(ACTIVITY_HEADER, start=1):
        cell = _text(sheet.cell(row=1, column=col), label)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for col, width in COLUMN_WIDTHS.items():
        sheet.column_dimensions[_column(col)].width = width
    # A column style rather than 5000 styled empty cells, which readers would report as rows.
    sheet.column_dimensions[_column(COL_TANGGAL)].number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{_column(len(ACTIVITY_HEADER))}1"
    for validation, col in _validations(periode):
        validation.add(f"{_column(col)}2:{_column(col)}{LAST_ROW}")
        sheet.add_data_validation(validation)


def _validations(periode: dt.date) -> list[tuple[DataValidation, int]]:
    """Fresh objects per sheet: openpyxl writes a validation into every sheet it was added to."""
    first, last = periode, _last_day(periode)
    rentang = f"{first:%d/%m/%Y}–{last:%d/%m/%Y}"
    tanggal = DataValidation(
        type="date",
        operator="between",
        allow_blank=True,
        formula1=f"DATE({first.year},{first.month},{first.day})",
        formula2=f"DATE({last.year},{last.month},{last.day})",
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Tanggal di luar bulan laporan",
        error=f"Tanggal harus di dalam bulan {month_label(periode)} ({rentang}). Tanggal yang diketik sebagai "
        "teks (“5 Mei 2024”, “Senin, 6 Mei 2024”) juga diterima: pilih Ya (Yes) untuk menyimpannya.",
        showInputMessage=True,
        promptTitle="Tanggal kegiatan",
        prompt=f"Tanggal di bulan {month_label(periode)}, misalnya {first:%d/%m/%Y}.",
    )
    # Warnings, not stops: the reader also accepts what Excel cannot check (dates typed as text,
    # aliases such as "Twitter" for X, links without https:// or behind a "Link" hyperlink), as the
    # Petunjuk sheet says; a stop would refuse them while the operator types.
    platform = DataValidation(
        type="list",
        formula1=f'"{",".join(PLATFORMS)}"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Platform tidak dikenal",
        error=f"Pilih salah satu platform dari daftar ({', '.join(PLATFORMS)}) atau kosongkan.",
    )
    tautan_cell = f"{_column(COL_TAUTAN)}2"
    tautan = DataValidation(
        type="custom",
        allow_blank=True,
        formula1=f'OR(LEFT({tautan_cell},7)="http://",LEFT({tautan_cell},8)="https://")',
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle="Tautan tidak diawali https://",
        error="Tautan sebaiknya diawali https://. Alamat tanpa https:// (“instagram.com/p/…”) atau sel “Link” "
        "yang diberi hyperlink juga diterima: pilih Ya (Yes) untuk menyimpannya.",
        showInputMessage=True,
        promptTitle="Tautan bukti",
        prompt="Alamat lengkap, diawali http:// atau https://.",
    )
    return [(tanggal, COL_TANGGAL), (platform, COL_PLATFORM), (tautan, COL_TAUTAN)]
