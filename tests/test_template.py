"""The monthly report template: the documented layout, as openpyxl and python-calamine read it back."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from etl.template import build_template
from etl.workbook_format import (
    ACTIVITY_HEADER,
    COL_PLATFORM,
    COL_TANGGAL,
    COL_TAUTAN,
    IDENTITAS_HEADER,
    IDENTITAS_ROWS,
    KATEGORI_SHEETS,
    PLATFORMS,
    SHEET_IDENTITAS,
    SHEET_PETUNJUK,
)

SATKER = "Polres Kediri Kota"
MEI_2024 = dt.date(2024, 5, 1)
SHEETS = [SHEET_PETUNJUK, SHEET_IDENTITAS, *KATEGORI_SHEETS.values()]


@pytest.fixture(scope="module")
def data() -> bytes:
    return build_template(SATKER, MEI_2024)


@pytest.fixture(scope="module")
def workbook(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def calamine(data: bytes) -> CalamineWorkbook:
    return CalamineWorkbook.from_filelike(io.BytesIO(data))


def _validation(sheet: Worksheet, column: int) -> DataValidation:
    """The one validation whose range starts in row 2 of ``column``."""
    cell = sheet.cell(row=2, column=column).coordinate
    found = [dv for dv in sheet.data_validations.dataValidation if cell in dv.sqref]
    assert len(found) == 1, f"{sheet.title}: {len(found)} validations cover {cell}"
    return found[0]


def _category_sheets(workbook: Workbook) -> list[Worksheet]:
    return [workbook[name] for name in KATEGORI_SHEETS.values()]


def test_sheets_are_petunjuk_identitas_then_the_categories(workbook: Workbook, calamine: CalamineWorkbook) -> None:
    assert workbook.sheetnames == SHEETS
    assert calamine.sheet_names == SHEETS


def test_identitas_is_prefilled_with_satker_and_month_label(calamine: CalamineWorkbook) -> None:
    rows = calamine.get_sheet_by_name(SHEET_IDENTITAS).to_python()
    assert tuple(rows[0]) == IDENTITAS_HEADER
    assert [row[0] for row in rows[1:]] == list(IDENTITAS_ROWS)
    assert rows[IDENTITAS_ROWS["Satker"] - 1][1] == SATKER
    assert rows[IDENTITAS_ROWS["Periode"] - 1][1] == "Mei 2024"


def test_identitas_leaves_the_operator_for_the_user_and_stores_values_as_text(workbook: Workbook) -> None:
    sheet = workbook[SHEET_IDENTITAS]
    assert sheet.cell(row=IDENTITAS_ROWS["Operator"], column=2).value is None
    for label in ("Satker", "Periode"):
        assert sheet.cell(row=IDENTITAS_ROWS[label], column=2).data_type == "s", label
    assert sheet["A1"].font.bold and sheet["B1"].font.bold


def test_every_category_sheet_has_only_the_header_row(calamine: CalamineWorkbook) -> None:
    for name in KATEGORI_SHEETS.values():
        assert calamine.get_sheet_by_name(name).to_python() == [list(ACTIVITY_HEADER)], name


def test_category_headers_are_bold_and_panes_frozen_below_them(workbook: Workbook) -> None:
    for sheet in _category_sheets(workbook):
        assert tuple(cell.value for cell in sheet[1]) == ACTIVITY_HEADER, sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.max_row == 1, sheet.title


def test_platform_validation_offers_every_platform_from_row_2(workbook: Workbook) -> None:
    for sheet in _category_sheets(workbook):
        validation = _validation(sheet, COL_PLATFORM)
        assert validation.type == "list"
        assert validation.allow_blank
        assert validation.formula1.strip('"').split(",") == list(PLATFORMS)


def test_no_validation_stops_what_the_petunjuk_says_is_accepted(workbook: Workbook) -> None:
    """Text dates, links without https:// and "Link" cells with a hyperlink are accepted by the
    reader; Excel only warns about them, so the operator can keep what they typed."""
    for sheet in _category_sheets(workbook):
        for column in (COL_TANGGAL, COL_PLATFORM, COL_TAUTAN):
            assert _validation(sheet, column).errorStyle == "warning", (sheet.title, column)


def test_date_validation_is_bounded_to_the_month(workbook: Workbook) -> None:
    for sheet in _category_sheets(workbook):
        validation = _validation(sheet, COL_TANGGAL)
        assert (validation.type, validation.operator) == ("date", "between")
        assert (validation.formula1, validation.formula2) == ("DATE(2024,5,1)", "DATE(2024,5,31)")
        assert "01/05/2024" in validation.error and "31/05/2024" in validation.error


def test_tanggal_column_is_formatted_day_month_year(workbook: Workbook) -> None:
    for sheet in _category_sheets(workbook):
        assert sheet.column_dimensions["B"].number_format == "DD/MM/YYYY", sheet.title


def test_tautan_validation_requires_an_http_link(workbook: Workbook) -> None:
    for sheet in _category_sheets(workbook):
        validation = _validation(sheet, COL_TAUTAN)
        assert validation.type == "custom"
        assert '"http://"' in validation.formula1 and '"https://"' in validation.formula1
        assert validation.showErrorMessage and validation.error


def test_petunjuk_explains_aliases_links_and_the_speed_category(calamine: CalamineWorkbook) -> None:
    rows = calamine.get_sheet_by_name(SHEET_PETUNJUK).to_python()
    text = "\n".join(str(row[0]) for row in rows)
    assert rows[0][0] == "Petunjuk Pengisian Laporan Bulanan Humas"
    for expected in (SATKER, "Mei 2024", "Twitter", "http://", "Kecepatan", "5 Mei 2024", "IG", "hyperlink", "JUMLAH"):
        assert expected in text, expected


def test_december_dates_end_on_the_31st() -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(build_template(SATKER, dt.date(2024, 12, 1))))
    validation = _validation(workbook[KATEGORI_SHEETS["tb_news"]], COL_TANGGAL)
    assert (validation.formula1, validation.formula2) == ("DATE(2024,12,1)", "DATE(2024,12,31)")
    assert "31/12/2024" in validation.error
    assert workbook[SHEET_IDENTITAS]["B3"].value == "Desember 2024"


def test_a_satker_name_starting_with_equals_is_text_not_a_formula() -> None:
    data = build_template('=HYPERLINK("http://x")', MEI_2024)
    cell = openpyxl.load_workbook(io.BytesIO(data))[SHEET_IDENTITAS]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(SHEET_IDENTITAS).to_python()
    assert rows[1][1] == '=HYPERLINK("http://x")'
