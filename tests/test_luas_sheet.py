"""How far each sheet reaches is checked before the reader materialises it (etl.extent): hostile
.xlsx, .xls and .ods files built here are refused with a message naming the sheet and the cell,
the process stays alive, and a normal workbook is read from the checked bytes exactly as before.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import olefile
import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine

from analytics.nama import SatkerDirectory
from db.models import Unggahan
from etl.extent import check_extent, huruf_kolom
from etl.file_safety import BATAS_BAWAAN, BatasBerkas
from etl.loader import Reference, load_workbook, validate_workbook
from testdata.workbooks import activity, audit_actions, count, laporan
from tests.tools import require_program

SHEET = "TB News"
GOOD = laporan({SHEET: [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})


def _with_cell(cell: str) -> bytes:
    """A monthly report with one stray value at ``cell`` of a category sheet."""
    return laporan({SHEET: [activity(2, "https://a.id/1")]}, edit=lambda book: book[SHEET].__setitem__(cell, "x"))


def _sheet_part(data: bytes) -> str:
    """The archive entry of the TB News sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{SHEET}"[^>]*r:id="(rId\d+)"', workbook)
    assert rid is not None
    target = re.search(rf'Id="{rid.group(1)}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target is not None
    return "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")


def _edit_sheet(data: bytes, edit: Callable[[str], str]) -> bytes:
    """The same workbook with the TB News sheet's XML passed through ``edit``."""
    part = _sheet_part(data)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, edit(content.decode()).encode() if info.filename == part else content)
    return out.getvalue()


def _messages(data: bytes, name: str = "laporan.xlsx", batas: BatasBerkas = BATAS_BAWAAN) -> list[str]:
    problems, _ = check_extent(data, name, batas)
    return [problem.message for problem in problems]


@pytest.mark.parametrize(("cell", "extent"), [("XFD100000", "100.000 baris × 16.384 kolom"), ("XFD2000", "2.000")])
def test_one_far_cell_is_refused_naming_sheet_cell_and_fix(cell: str, extent: str) -> None:
    (message,) = _messages(_with_cell(cell))
    assert f"Sheet “{SHEET}” terpakai sampai sel {cell} ({extent}" in message
    assert "64 kolom (sampai kolom BL)" in message and "klik kanan → Hapus, simpan, lalu unggah ulang" in message


def test_a_sheet_with_16384_columns_in_row_1_is_refused() -> None:
    def fill(book: Workbook) -> None:
        for column in range(1, 16_385):
            book[SHEET].cell(1, column, "x")

    (message,) = _messages(laporan(edit=fill))
    assert "sampai sel XFD1 (1 baris × 16.384 kolom)" in message


def test_rows_past_the_limit_are_refused_counting_the_header_row() -> None:
    batas = BatasBerkas(max_rows_per_sheet=20)
    assert _messages(_with_cell("A21"), batas=batas) == []
    (message,) = _messages(_with_cell("A22"), batas=batas)
    assert "sampai sel E22" in message and "lebih dari 20 baris data" in message


def test_a_declared_dimension_reaching_far_is_refused_even_without_cells() -> None:
    lying = _edit_sheet(GOOD, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml))
    (message,) = _messages(lying)
    assert f"Sheet “{SHEET}” menyatakan wilayah terpakai sampai sel XFD1048576" in message


def test_a_small_dimension_does_not_hide_a_far_cell() -> None:
    lying = _edit_sheet(
        _with_cell("XFD2000"), lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1"', xml)
    )
    (message,) = _messages(lying)
    assert "terpakai sampai sel XFD2000" in message


def test_cells_without_references_are_placed_the_way_the_reader_places_them() -> None:
    """Excel always writes ``r``, other programs may not: a cell without one takes the next column."""
    row = "<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 100 + "</row>"

    def without_refs(xml: str) -> str:
        xml = re.sub(r"<dimension[^>]*/>", "", xml)
        return re.sub(r"<sheetData>.*</sheetData>|<sheetData/>", f"<sheetData>{row}</sheetData>", xml, flags=re.S)

    no_refs = _edit_sheet(GOOD, without_refs)
    (message,) = _messages(no_refs)
    assert f"sampai sel {huruf_kolom(100)}1 (1 baris × 100 kolom)" in message


def test_a_normal_workbook_passes_and_the_reader_sees_the_same_cells() -> None:
    problems, readable = check_extent(GOOD, "laporan.xlsx", BATAS_BAWAAN)
    assert problems == []
    original, checked = (CalamineWorkbook.from_filelike(io.BytesIO(data)) for data in (GOOD, readable))
    assert checked.sheet_names == original.sheet_names
    for name in original.sheet_names:
        assert checked.get_sheet_by_name(name).to_python() == original.get_sheet_by_name(name).to_python()


def _ods(rows: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        f'<table:table table:name="{SHEET}">{rows}</table:table></office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return out.getvalue()


VALUE = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'


def test_ods_repeats_are_expanded_and_trailing_empty_repeats_do_not_count() -> None:
    trailing = f'<table:table-row>{VALUE}<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
    trailing += '<table:table-row table:number-rows-repeated="1048575"><table:table-cell/></table:table-row>'
    assert _messages(_ods(trailing), "laporan.ods") == []

    far = '<table:table-row table:number-rows-repeated="99999"><table:table-cell/></table:table-row>'
    far += f'<table:table-row><table:table-cell table:number-columns-repeated="16383"/>{VALUE}</table:table-row>'
    (message,) = _messages(_ods(far), "laporan.ods")
    assert f"Sheet “{SHEET}” terpakai sampai sel XFD100000" in message


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Hostile files as LibreOffice writes them: .ods with a cell at XFD100000, .xls at IV65536
    (the farthest cell an .xls sheet has)."""
    soffice = require_program("soffice", install="apt-get install -y libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("konversi")
    (folder / "jauh.xlsx").write_bytes(_with_cell("XFD100000"))
    (folder / "iv.xlsx").write_bytes(_with_cell("IV65536"))
    for name, kind in (("jauh.xlsx", "ods"), ("iv.xlsx", "xls")):
        target = ["--outdir", str(folder), str(folder / name)]
        subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profil", "--convert-to", kind, *target],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return {"ods": (folder / "jauh.ods").read_bytes(), "xls": (folder / "iv.xls").read_bytes()}


@pytest.mark.parametrize(("kind", "cell"), [("ods", "XFD100000"), ("xls", "IV65536")])
def test_libreoffice_files_reaching_far_are_refused_before_reading(
    converted: dict[str, bytes], kind: str, cell: str
) -> None:
    reference = Reference(SatkerDirectory({}), [])
    validated = validate_workbook(reference, converted[kind], f"laporan.{kind}", None, dt.date(2024, 6, 3))
    (problem,) = validated.problems
    assert problem.sheet == SHEET and f"sampai sel {cell}" in problem.message


def test_load_refuses_the_file_stores_nothing_and_the_process_lives_on(engine: Engine, tmp_path: Path) -> None:
    result = load_workbook(engine, _with_cell("XFD100000"), "laporan_mei.xlsx")
    assert result.status == "rejected" and "sampai sel XFD100000" in result.errors[0].message
    assert count(engine, Unggahan) == 0 and audit_actions(engine)[-1] == "unggah_ditolak"
    assert load_workbook(engine, GOOD, "laporan_mei.xlsx").status == "loaded"  # the same process goes on


def _with_entry(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr(name, content)
    return out.getvalue()


def test_an_xlsx_claiming_to_be_an_ods_is_still_measured_as_the_xlsx_it_is() -> None:
    polyglot = _with_entry(_with_cell("XFD100000"), "mimetype", b"application/vnd.oasis.opendocument.spreadsheet")
    (message,) = _messages(polyglot)
    assert f"Sheet “{SHEET}” terpakai sampai sel XFD100000" in message


def test_an_archive_holding_both_an_xlsx_and_an_ods_is_refused() -> None:
    (message,) = _messages(_with_entry(GOOD, "content.xml", b"<x/>"))
    assert "tidak dapat dibaca" in message


def test_spaces_an_ods_asks_for_are_counted_before_reading() -> None:
    spasi = (
        '<table:table-cell office:value-type="string"><text:p><text:s text:c="2000000000"/></text:p></table:table-cell>'
    )
    (message,) = _messages(_ods(f"<table:table-row>{spasi}</table:table-row>"), "laporan.ods")
    assert f"Sheet “{SHEET}” meminta lebih dari 10.000.000 karakter spasi berulang" in message
    few = '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b</text:p></table:table-cell>'
    assert _messages(_ods(f'<table:table-row table:number-rows-repeated="1000">{few}</table:table-row>'), "l.ods") == []


def _xls_edited(xls: bytes, edit: Callable[[bytearray], None], tmp_path: Path) -> bytes:
    path = tmp_path / "ubah.xls"
    path.write_bytes(xls)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        edit(stream)
        ole.write_stream("Workbook", bytes(stream))
    return path.read_bytes()


def _dimensi_tb_news(stream: bytearray, first_row: int, last_row: int) -> None:
    """Rewrite the DIMENSIONS record of the TB News substream (found from its BOUNDSHEET record)."""
    records = {}
    offset = 0
    while offset + 4 <= len(stream):
        record, length = struct.unpack_from("<HH", stream, offset)
        records.setdefault(record, []).append(offset)
        offset += 4 + length
    for start in records[0x0085]:
        panjang, lebar = stream[start + 10], stream[start + 11] + 1
        nama = bytes(stream[start + 12 : start + 12 + panjang * lebar]).decode("utf-16-le" if lebar == 2 else "latin-1")
        if nama == SHEET:
            posisi = struct.unpack_from("<I", stream, start + 4)[0]
            dimensi = min(o for o in records[0x0200] if o > posisi)
            struct.pack_into("<IIHH", stream, dimensi + 4, first_row, last_row, 0, 5)
            return
    raise AssertionError(f"no sheet {SHEET}")


def test_an_xls_dimension_whose_first_row_is_past_its_last_is_refused(
    converted: dict[str, bytes], tmp_path: Path
) -> None:
    hostile = _xls_edited(converted["xls"], lambda stream: _dimensi_tb_news(stream, 10, 5), tmp_path)
    (message,) = _messages(hostile, "laporan.xls")
    assert "tidak dapat dibaca" in message


def test_an_xls_whose_workbook_stream_has_another_case_is_refused(converted: dict[str, bytes]) -> None:
    nama = "Workbook".encode("utf-16-le")
    assert converted["xls"].count(nama) == 1
    (message,) = _messages(converted["xls"].replace(nama, "workbook".encode("utf-16-le")), "laporan.xls")
    assert "tidak dapat dibaca" in message
