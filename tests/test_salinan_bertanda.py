"""The annotated copy is built only when asked for, only for files whose problems name cells, and
in an isolated child with limits: a file too large for it gets the list of problems and a note."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from analytics.nama import SatkerDirectory
from etl.annotate import MAKS_DAFTAR, buat_salinan_bertanda, perlu_salinan
from etl.file_safety import BatasBerkas
from etl.isolasi import MB, BatasProses
from etl.loader import Reference, validate_workbook
from etl.problems import error
from etl.workbook_format import SHEET_KESALAHAN
from testdata.workbooks import activity, laporan

REFERENCE = Reference(SatkerDirectory({}), [])
TODAY = dt.date(2024, 6, 3)
BAD = laporan({"TB News": [activity(2, "javascript:alert(1)")]})
TINY = BatasProses(memori_byte=8 * MB, cpu_detik=5, waktu_detik=30)


def _problems(data: bytes, batas: BatasBerkas | None = None) -> list:
    return validate_workbook(REFERENCE, data, "laporan.xlsx", None, TODAY, *([batas] if batas else [])).problems


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,  # not a workbook
        b"PK\x03\x04" + b"\xff" * 200,  # a damaged archive
        laporan(edit=lambda book: book["TB News"].__setitem__("XFD100000", "x")),  # reaches too far
    ],
    ids=["bukan-buku-kerja", "arsip-rusak", "luas"],
)
def test_files_refused_by_the_safety_checks_get_no_copy(data: bytes) -> None:
    problems = _problems(data)
    assert problems and not perlu_salinan(problems)


def test_too_many_rows_gets_no_copy() -> None:
    rows = [activity(2, f"https://a.id/{n}") for n in range(30)]
    problems = _problems(laporan({"TB News": rows}), BatasBerkas(max_rows_per_sheet=25))
    assert problems and not perlu_salinan(problems)


def test_cell_problems_get_the_marked_copy_built_in_isolation() -> None:
    problems = _problems(BAD)
    assert perlu_salinan(problems)
    salinan = buat_salinan_bertanda(BAD, "laporan.xlsx", problems)
    assert salinan.catatan is None
    book = load_workbook(io.BytesIO(salinan.data))
    assert book.sheetnames[0] == SHEET_KESALAHAN and book["TB News"]["E2"].comment is not None


def test_a_file_too_large_to_annotate_gets_the_problem_list_with_a_note() -> None:
    problems = [error("TB News", f"E{row}", "Tautan tidak valid.") for row in range(2, MAKS_DAFTAR + 3)]
    salinan = buat_salinan_bertanda(BAD, "laporan.xlsx", problems, batas=TINY)
    assert salinan.catatan is not None and "terlalu besar untuk ditandai" in salinan.catatan
    assert "yang pertama 10.000 dari 10.001" in salinan.catatan
    book = load_workbook(io.BytesIO(salinan.data), read_only=True)
    assert book.sheetnames == [SHEET_KESALAHAN]
    assert book[SHEET_KESALAHAN].max_row == 5 + MAKS_DAFTAR  # title, summary, note, blank, header
