"""Files in every broken shape (hypothesis): generated workbooks and cell values — any type,
unicode, huge strings, odd dates, formulas, merged cells, renamed or missing sheets — and damaged
bytes go through the reader and the validators, and through the whole load into a database.

Whatever arrives, the answer is a result, never an exception: a workbook that would load, or a
rejection carrying at least one error, each with a message and a place the user can find.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.engine import make_engine
from db.konsistensi import periksa_konsistensi
from db.schema import prepare_database
from etl.loader import Reference, Validated, load_reference, load_workbook, validate_workbook
from etl.problems import Masalah
from etl.workbook_format import KATEGORI_SHEETS, PENGHARGAAN_HEADER, SHEET_IDENTITAS
from testdata.workbooks import COUNT_NAMES, activity, laporan, penghargaan, rekap, save

TODAY = dt.date(2024, 6, 10)
RECEIVED = dt.datetime(2024, 6, 3, 2, 0, tzinfo=dt.UTC)
ADMIN = Pelaku.baris_perintah()
# What a cell can hold: XML has no control characters and no U+FFFE or U+FFFF (openpyxl refuses to save them).
TEXT = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")

ODD_TEXT = st.sampled_from(
    [
        "31/02/2024",
        "00/00/0000",
        "01/01/0001",
        "31/12/9999",
        "2024-13-01",
        "2024-05",
        "Mei 2024",
        "Februari 1900",
        "45415",
        "-1",
        "1e308",
        "NaN",
        "inf",
        "1.234",
        "1,5",
        " ",
        "\t",
        "Twitter",
        "INSTAGRAM",
        "myspace",
        "https://contoh.id/ünïcødé",
        "https://a b.id",
        "javascript:alert(1)",
        "www.a.id",
        "https://localhost",
        "=1/0",
        "=SUM(A1:A3)",
        '=HYPERLINK("https://a.id/x","x")',
        "=NOW()",
        "=#REF!",
        '=DDE("cmd";"/C calc";"A0")',
        "Polres Kediri Kota",
        "polres  KEDIRI kota",
        "Polres Tuban",
        "Polda Jawa Timur",
        "tb_news",
        "Terbanyak IPSE",
        "🚓" * 3,
        "٣١/٠٥/٢٠٢٤",
        "Ｍｅｉ ２０２４",
        "\u202eatok iriDeK serloP",
    ]
)
CELL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(TEXT, max_size=40),
    st.builds(lambda char, size: char * size, TEXT, st.integers(1_000, 40_000)),  # huge strings
    st.dates(dt.date(1900, 3, 1), dt.date(9999, 12, 31)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(9999, 12, 31)),
    st.times(),
    ODD_TEXT,
)
SHEETS = [SHEET_IDENTITAS, *KATEGORI_SHEETS.values(), "Petunjuk", "Lainnya"]
EDIT = st.one_of(
    st.tuples(st.just("sel"), st.sampled_from(SHEETS), st.integers(1, 12), st.integers(1, 7), CELL),
    st.tuples(st.just("gabung"), st.sampled_from(SHEETS), st.integers(1, 6), st.integers(1, 5), st.integers(1, 4)),
    st.tuples(st.just("hapus_sheet"), st.sampled_from(SHEETS)),
    st.tuples(st.just("ganti_nama"), st.sampled_from(SHEETS), st.text(TEXT, min_size=1, max_size=31)),
    st.tuples(st.just("sheet_baru"), st.text(TEXT, min_size=1, max_size=31)),
)


@pytest.fixture(scope="module")
def database() -> Iterator[Engine]:
    """One SQLite database for the module: hypothesis calls a test many times, with the same fixture."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/fuzz.sqlite")
        prepare_database(engine)
        yield engine
        engine.dispose()


@pytest.fixture(scope="module")
def reference(database: Engine) -> Reference:
    with Session(database) as session:
        return load_reference(session)


def _base(kind: str) -> bytes:
    if kind == "laporan_bulanan":
        return laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})
    if kind == "rekap":
        return rekap([("2024-05", "Polres Kediri Kota", *range(9), "03/06/2024")])
    return penghargaan([("Rakernis", 2024, "tb_news", 1, "Polres Kediri Kota")])


BASES = {kind: _base(kind) for kind in ("laporan_bulanan", "rekap", "penghargaan")}


def _apply(book: openpyxl.Workbook, edit: tuple[Any, ...]) -> None:
    """One edit, as a user or another program might make it; edits that make no sense for this
    workbook (a sheet it does not have) do nothing."""
    action, *args = edit
    if action == "sheet_baru":
        book.create_sheet(_safe_title(args[0]))
        return
    sheet = args[0] if args[0] in book.sheetnames else book.sheetnames[0]
    ws = book[sheet]
    if action == "sel":
        row, column, value = args[1:]
        cell = ws.cell(row, column)
        if not isinstance(cell, MergedCell):  # only the first cell of a merged range holds a value
            cell.value = value
    elif action == "gabung":
        row, column, height, width = args[1], args[2], args[3], args[4] if len(args) > 4 else args[3]
        ws.merge_cells(start_row=row, start_column=column, end_row=row + height, end_column=column + width)
    elif action == "hapus_sheet" and len(book.sheetnames) > 1:
        del book[sheet]
    elif action == "ganti_nama":
        title = _safe_title(args[1])
        if title not in book.sheetnames:
            ws.title = title


def _safe_title(text: str) -> str:
    """Excel's rules for sheet names (no []:*?/\\, at most 31 characters, not blank)."""
    cleaned = "".join(c for c in text if c not in "[]:*?/\\'").strip()[:31]
    return cleaned or "Sheet"


def _workbook(kind: str, edits: list[tuple[Any, ...]]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(BASES[kind]))
    for edit in edits:
        _apply(book, edit)
    return save(book)


def _assert_answer(validated: Validated) -> None:
    """A usable payload with no error, or at least one error; every problem says what and where."""
    assert isinstance(validated, Validated)
    assert all(
        isinstance(p, Masalah) and p.message.strip() and p.tingkat in ("error", "warning") for p in validated.problems
    )
    errors = [p for p in validated.problems if p.tingkat == "error"]
    assert errors or validated.payload is not None


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(kind=st.sampled_from(list(BASES)), edits=st.lists(EDIT, max_size=8))
def test_any_edited_workbook_gets_an_answer_never_an_exception(
    reference: Reference, kind: str, edits: list[tuple[Any, ...]]
) -> None:
    data = _workbook(kind, edits)
    _assert_answer(validate_workbook(reference, data, "fuzz.xlsx", ADMIN, TODAY))


IDENTITAS_CELL = st.tuples(st.sampled_from(["B2", "B3", "B4"]), CELL)
ROW = st.tuples(st.none(), CELL, CELL, CELL, CELL)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    identitas=st.lists(IDENTITAS_CELL, max_size=3),
    rows=st.lists(ROW, min_size=1, max_size=6),
    sheet=st.sampled_from(list(KATEGORI_SHEETS.values())),
)
# Found by this test: a date-formatted cell holding a number millions of years away made the
# Rust reader panic (a BaseException, past every `except Exception`).
@example(identitas=[("B2", dt.date(2000, 1, 1)), ("B2", -106751991169.0)], rows=[(None,) * 5], sheet="TB News")
def test_any_cell_values_in_a_monthly_report_get_an_answer(
    reference: Reference, identitas: list[tuple[str, Any]], rows: list[tuple[Any, ...]], sheet: str
) -> None:
    def edit(book: openpyxl.Workbook) -> None:
        for cell, value in identitas:
            book[SHEET_IDENTITAS][cell] = value

    data = laporan({sheet: rows}, edit=edit)
    validated = validate_workbook(reference, data, "fuzz.xlsx", ADMIN, TODAY)
    _assert_answer(validated)
    for problem in validated.problems:
        if problem.sheet == sheet and problem.cell:
            assert int(problem.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) <= len(rows) + 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    rows=st.lists(st.lists(CELL, min_size=12, max_size=12), min_size=1, max_size=5),
    awards=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=5),
)
# Found by this test: a sending date in year 1 has no UTC time and overflowed.
@example(rows=[["2024-05", "Polres Kediri Kota", *[0] * 9, "01/01/0001"]], awards=[[None] * 5])
def test_any_cell_values_in_a_recap_or_award_table_get_an_answer(
    reference: Reference, rows: list[list[Any]], awards: list[list[Any]]
) -> None:
    header = ("Periode", "Satker", *COUNT_NAMES, "Tanggal Kirim Laporan")
    _assert_answer(validate_workbook(reference, rekap(rows, header), "rekap.xlsx", ADMIN, TODAY))
    _assert_answer(validate_workbook(reference, penghargaan(awards, PENGHARGAAN_HEADER), "juara.xlsx", ADMIN, TODAY))


DAMAGE = st.one_of(
    st.tuples(st.just("potong"), st.floats(0, 1)),
    st.tuples(st.just("balik"), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=20)),
    st.tuples(st.just("ganti_bagian"), st.integers(0, 30), st.binary(max_size=300)),
    st.tuples(st.just("bagian_teks"), st.integers(0, 30), st.text(TEXT, max_size=300)),
)


def _damaged(data: bytes, damage: tuple[Any, ...]) -> bytes:
    action, *args = damage
    if action == "potong":
        return data[: int(len(data) * args[0])]
    if action == "balik":
        changed = bytearray(data)
        for where, value in args[0]:
            changed[min(len(changed) - 1, int(len(changed) * where))] = value
        return bytes(changed)
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    target_index = args[0] % len(infos)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for index, info in enumerate(infos):
            if index != target_index:
                target.writestr(info, source.read(info))
            else:
                target.writestr(info, args[1] if action == "ganti_bagian" else args[1].encode())
    return buffer.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(list(BASES)), damage=DAMAGE, name=st.sampled_from(["a.xlsx", "a.xls", "a.ods", "a.csv", "a"])
)
def test_damaged_bytes_get_an_answer_never_an_exception(
    reference: Reference, kind: str, damage: tuple[Any, ...], name: str
) -> None:
    _assert_answer(validate_workbook(reference, _damaged(BASES[kind], damage), name, ADMIN, TODAY))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(kind=st.sampled_from(list(BASES)), edits=st.lists(EDIT, max_size=5))
def test_the_whole_load_stores_or_rejects_with_messages_and_stays_consistent(
    database: Engine, kind: str, edits: list[tuple[Any, ...]]
) -> None:
    result = load_workbook(database, _workbook(kind, edits), "fuzz.xlsx", uploader=ADMIN, now=RECEIVED)
    assert result.status in ("loaded", "unchanged", "rejected") and not result.coba_lagi
    if result.status == "rejected":
        assert result.errors and all(p.message.strip() for p in result.errors)
    else:
        assert not result.errors and result.message
    with Session(database) as session:
        hasil = periksa_konsistensi(session)
    assert hasil.konsisten, [p.pesan for p in hasil.penyimpangan]
