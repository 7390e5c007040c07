"""A rejected upload comes back as the operator's own workbook: bad cells highlighted and
commented, and a Kesalahan sheet listing every problem."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook as OpenedWorkbook

from etl.annotate import AUTHOR, NOTE_CONVERTED, annotate_workbook
from etl.problems import Masalah, error, warning
from etl.workbook_format import SHEET_KESALAHAN

HEADER_ROW = 4  # title, summary, blank, header
PROBLEMS = [
    warning("TB News", "B4", "Tanggal di luar periode laporan."),
    error("TB News", "E3", "Tautan harus diawali http:// atau https://."),
    error("Identitas", "B2", "Satker tidak dikenal."),
    error("", "", "Berkas tidak memuat sheet Rekap."),
    error("SPIT Konten", "", "Sheet SPIT Konten tidak ada."),
]


def monthly_workbook() -> bytes:
    workbook = Workbook()
    identitas = workbook.active
    identitas.title = "Identitas"
    identitas.append(["Isian", "Nilai"])
    identitas.append(["Satker", "Polres Contoh"])
    identitas["A1"].font = Font(bold=True)
    tb_news = workbook.create_sheet("TB News")
    tb_news.append(["No", "Tanggal", "Judul / Uraian", "Platform", "Tautan"])
    tb_news.append([1, date(2024, 5, 3), "Patroli pagi", "Instagram", "https://instagram.com/p/1"])
    tb_news.append([2, date(2024, 5, 4), "Bakti sosial", "Website", "polres.example/berita"])
    tb_news.append([3, date(2023, 1, 1), "Kunjungan", "TikTok", "https://tiktok.com/@x/1"])
    tb_news["F2"] = "=A2*2"
    return _bytes(workbook)


def _bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def annotated(data: bytes, problems: list[Masalah], file_name: str = "laporan.xlsx") -> OpenedWorkbook:
    return load_workbook(io.BytesIO(annotate_workbook(data, file_name, problems)))


def listed_rows(workbook: OpenedWorkbook, header_row: int = HEADER_ROW) -> list[tuple]:
    sheet = workbook[SHEET_KESALAHAN]
    return list(sheet.iter_rows(min_row=header_row + 1, values_only=True))


def ods_bytes() -> bytes:
    """A minimal real OpenDocument spreadsheet: one sheet "TB News" with a header and a row."""
    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
 <office:body><office:spreadsheet><table:table table:name="TB News">
  <table:table-row>
   <table:table-cell office:value-type="string"><text:p>No</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>Judul / Uraian</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>Tautan</text:p></table:table-cell>
  </table:table-row>
  <table:table-row>
   <table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>=HYPERLINK("x")</text:p></table:table-cell>
   <table:table-cell office:value-type="string"><text:p>bukan tautan</text:p></table:table-cell>
  </table:table-row>
 </table:table></office:spreadsheet></office:body>
</office:document-content>"""
    manifest = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        # calamine's ODS reader wants no whitespace between elements, as office suites write it
        archive.writestr("content.xml", re.sub(r">\s+<", "><", content), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_kesalahan_is_the_first_and_active_sheet() -> None:
    workbook = annotated(monthly_workbook(), PROBLEMS)
    assert workbook.sheetnames == [SHEET_KESALAHAN, "Identitas", "TB News"]
    assert workbook.active.title == SHEET_KESALAHAN
    assert [sheet.title for sheet in workbook.worksheets if sheet.sheet_view.tabSelected] == [SHEET_KESALAHAN]


def test_kesalahan_lists_every_problem_errors_before_warnings() -> None:
    workbook = annotated(monthly_workbook(), PROBLEMS)
    sheet = workbook[SHEET_KESALAHAN]
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "4 kesalahan, 1 peringatan"
    assert [cell.value for cell in sheet[HEADER_ROW]] == ["No", "Lokasi", "Sheet", "Sel", "Jenis", "Pesan"]
    assert listed_rows(workbook) == [
        (1, "TB News!E3", "TB News", "E3", "Kesalahan", "Tautan harus diawali http:// atau https://."),
        (2, "Identitas!B2", "Identitas", "B2", "Kesalahan", "Satker tidak dikenal."),
        (3, "berkas", None, None, "Kesalahan", "Berkas tidak memuat sheet Rekap."),
        (4, "SPIT Konten", "SPIT Konten", None, "Kesalahan", "Sheet SPIT Konten tidak ada."),
        (5, "TB News!B4", "TB News", "B4", "Peringatan", "Tanggal di luar periode laporan."),
    ]


def test_kesalahan_table_is_frozen_filtered_and_wraps_messages() -> None:
    sheet = annotated(monthly_workbook(), PROBLEMS)[SHEET_KESALAHAN]
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:F{HEADER_ROW + len(PROBLEMS)}"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["B"].width
    assert sheet.cell(HEADER_ROW + 1, 6).alignment.wrap_text


def test_lokasi_links_to_the_problem_cell_inside_the_workbook() -> None:
    sheet = annotated(monthly_workbook(), PROBLEMS)[SHEET_KESALAHAN]
    link = sheet.cell(HEADER_ROW + 1, 2).hyperlink
    assert link.location == "'TB News'!E3"
    assert link.target is None  # internal, not a file or web address
    assert sheet.cell(HEADER_ROW + 3, 2).hyperlink is None  # the whole-file problem has no cell


def test_error_cell_is_filled_red_and_commented_with_the_message() -> None:
    cell = annotated(monthly_workbook(), PROBLEMS)["TB News"]["E3"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert cell.font.color.rgb.endswith("9C0006")
    assert "Tautan harus diawali http:// atau https://." in cell.comment.text
    assert cell.comment.author == AUTHOR


def test_warning_cell_is_filled_yellow() -> None:
    cell = annotated(monthly_workbook(), PROBLEMS)["TB News"]["B4"]
    assert cell.fill.fgColor.rgb.endswith("FFEB9C")
    assert "Tanggal di luar periode laporan." in cell.comment.text


def test_other_cells_keep_their_values_styles_and_formulas() -> None:
    workbook = annotated(monthly_workbook(), PROBLEMS)
    assert workbook["TB News"]["E3"].value == "polres.example/berita"
    assert workbook["TB News"]["C2"].value == "Patroli pagi"
    assert workbook["TB News"]["B2"].value.date() == date(2024, 5, 3)
    assert workbook["TB News"]["F2"].value == "=A2*2"
    assert workbook["Identitas"]["B2"].value == "Polres Contoh"
    assert workbook["Identitas"]["A1"].font.bold
    assert workbook["TB News"]["C2"].comment is None


def test_a_message_that_looks_like_a_formula_is_stored_as_text() -> None:
    workbook = annotated(monthly_workbook(), [error("TB News", "E3", "=SUM(A1)")])
    message = workbook[SHEET_KESALAHAN].cell(HEADER_ROW + 1, 6)
    assert message.value == "=SUM(A1)"
    assert message.data_type == "s"


def test_two_problems_on_one_cell_give_one_comment_with_both_messages() -> None:
    problems = [error("TB News", "E3", "Tautan tidak valid."), warning("TB News", "E3", "Tautan ganda.")]
    cell = annotated(monthly_workbook(), problems)["TB News"]["E3"]
    assert "Tautan tidak valid." in cell.comment.text and "Tautan ganda." in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith("FFC7CE")  # the error wins


def test_bad_cell_references_and_unknown_sheets_are_only_listed() -> None:
    problems = [
        error("TB News", "ZZZZZ0", "Sel aneh."),
        error("Tidak Ada", "A1", "Sheet aneh."),
        error("TB News", "", "x"),
    ]
    workbook = annotated(monthly_workbook(), problems)
    assert [row[5] for row in listed_rows(workbook)] == ["Sel aneh.", "Sheet aneh.", "x"]
    assert all(row[1].hyperlink is None for row in workbook[SHEET_KESALAHAN].iter_rows(min_row=HEADER_ROW + 1))
    assert workbook.sheetnames == [SHEET_KESALAHAN, "Identitas", "TB News"]


def test_a_cell_outside_the_used_range_is_created_and_marked() -> None:
    cell = annotated(monthly_workbook(), [error("TB News", "H40", "Isi di luar tabel.")])["TB News"]["H40"]
    assert cell.value is None
    assert cell.comment.text == "Isi di luar tabel."


def test_ods_is_rebuilt_as_xlsx_with_its_values_and_annotations() -> None:
    workbook = annotated(ods_bytes(), [error("TB News", "C2", "Tautan tidak valid.")], file_name="laporan.ods")
    assert workbook.sheetnames == [SHEET_KESALAHAN, "TB News"]
    tb_news = workbook["TB News"]
    assert [[cell.value for cell in row] for row in tb_news.iter_rows()] == [
        ["No", "Judul / Uraian", "Tautan"],
        [1, '=HYPERLINK("x")', "bukan tautan"],
    ]
    assert tb_news["B2"].data_type == "s"  # copied text never becomes a formula
    assert tb_news["C2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert tb_news["C2"].comment.text == "Tautan tidak valid."
    assert workbook[SHEET_KESALAHAN]["A3"].value == NOTE_CONVERTED
    assert listed_rows(workbook, HEADER_ROW + 1)[0][1:] == (
        "TB News!C2",
        "TB News",
        "C2",
        "Kesalahan",
        "Tautan tidak valid.",
    )


def test_an_xlsx_openpyxl_cannot_open_falls_back_to_the_values() -> None:
    workbook = annotated(ods_bytes(), [error("TB News", "A2", "Nomor ganda.")], file_name="laporan.xlsx")
    assert workbook["TB News"]["A2"].comment.text == "Nomor ganda."
    assert workbook[SHEET_KESALAHAN]["A3"].value == NOTE_CONVERTED


def test_unreadable_bytes_still_give_the_list_of_problems() -> None:
    workbook = annotated(b"bukan spreadsheet", PROBLEMS)
    assert workbook.sheetnames == [SHEET_KESALAHAN]
    assert len(listed_rows(workbook, HEADER_ROW + 1)) == len(PROBLEMS)


def test_annotating_an_annotated_file_replaces_the_kesalahan_sheet() -> None:
    first = annotate_workbook(monthly_workbook(), "laporan.xlsx", PROBLEMS)
    workbook = annotated(first, [error("TB News", "C2", "Judul terlalu pendek.")])
    assert workbook.sheetnames == [SHEET_KESALAHAN, "Identitas", "TB News"]
    assert [row[5] for row in listed_rows(workbook)] == ["Judul terlalu pendek."]
