"""Ranking tables as shown and as downloaded (CSV for Indonesian Excel, XLSX), safe to open."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from analytics.peringkat import BarisPeringkat
from db.queries import KategoriInfo
from db.queries_kepatuhan import Kiriman
from db.queries_satker import NilaiSatker
from exports.tabel import ke_csv, ke_xlsx, teks_aman
from services.tabel import KOLOM, baris_tampilan, tabel_kepatuhan, tabel_riwayat

ROWS = [
    BarisPeringkat(1, 10, "Polres Blitar", 1234.0, share=0.6, previous_rank=3, previous_value=900.0),
    BarisPeringkat(2, 11, '=HYPERLINK("http://x")', 822.0, share=0.4, flags=("2 tautan juga diklaim satker lain",)),
]


@pytest.mark.parametrize(
    ("teks", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62", "'+62"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Polres Batu", "Polres Batu"),
        ("", ""),
    ],
    ids=["equals", "plus", "minus", "at", "tab", "cr", "plain", "empty"],
)
def test_text_that_a_spreadsheet_would_run_as_a_formula_is_neutralised(teks: str, expected: str) -> None:
    assert teks_aman(teks) == expected


def test_page_rows_use_indonesian_numbers_and_movement() -> None:
    shown = baris_tampilan(ROWS)
    assert shown[0] == {
        "Peringkat": 1,
        "Satker": "Polres Blitar",
        "Nilai": "1.234",
        "Pangsa (%)": "60,0",
        "Peringkat sebelumnya": "3",
        "Gerak": "▲2",
        "Tanda": "",
    }
    assert shown[1]["Peringkat sebelumnya"] == "–" and shown[1]["Gerak"] == "baru"


def test_page_rows_carry_the_unit_and_decimals_of_kecepatan() -> None:
    row = BarisPeringkat(1, 1, "Polres Batu", 12.345)
    assert baris_tampilan([row], "jam", 1)[0]["Nilai"] == "12,3 jam"
    assert baris_tampilan([row], "jam", 1)[0]["Pangsa (%)"] == "–"


def test_csv_opens_in_indonesian_excel_with_formulas_neutralised() -> None:
    data = ke_csv(ROWS)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(KOLOM)
    assert rows[1][:4] == ["1", "Polres Blitar", "1234,0", "60,0"]
    assert rows[2][1] == '\'=HYPERLINK("http://x")'
    assert rows[2][6] == "2 tautan juga diklaim satker lain"


def test_xlsx_has_a_formatted_sheet_per_ranking_and_no_formulas() -> None:
    workbook = load_workbook(io.BytesIO(ke_xlsx({"Terbanyak IPSE": ROWS, "Juara/Umum: 2024": ROWS[:1]})))
    assert workbook.sheetnames == ["Terbanyak IPSE", "Juara_Umum_ 2024"]
    sheet = workbook["Terbanyak IPSE"]
    assert [cell.value for cell in sheet[1]] == list(KOLOM)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G3"
    assert [sheet.cell(2, c).value for c in (1, 2, 3, 4, 5)] == [1, "Polres Blitar", 1234, 60.0, 3]
    assert sheet.cell(2, 3).number_format == "#,##0"
    injected = sheet.cell(3, 2)
    assert injected.value == '=HYPERLINK("http://x")' and injected.data_type == "s"


def test_xlsx_keeps_decimals_for_kecepatan() -> None:
    sheet = load_workbook(io.BytesIO(ke_xlsx({"Kecepatan": ROWS[:1]}, {"Kecepatan": 1})))["Kecepatan"]
    assert sheet.cell(2, 3).number_format == "#,##0.00"


def test_history_table_marks_recap_values_and_missing_months() -> None:
    kategori = [
        KategoriInfo("ipse", "Terbanyak IPSE", "Terbanyak IPSE", "", "lebih_tinggi", 1, "IPSE"),
        KategoriInfo("kecepatan_laporan", "Kecepatan", "Kecepatan", "", "lebih_rendah", 2, None),
    ]
    nilai = [
        NilaiSatker(dt.date(2024, 1, 1), "ipse", 1500, "laporan"),
        NilaiSatker(dt.date(2024, 1, 1), "kecepatan_laporan", 12.25, "laporan"),
        NilaiSatker(dt.date(2024, 2, 1), "ipse", 7, "rekap"),
    ]
    rows = tabel_riwayat(nilai, kategori, [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)])
    assert rows == [
        {"Bulan": "Januari 2024", "Terbanyak IPSE": "1.500", "Kecepatan": "12,2"},
        {"Bulan": "Februari 2024", "Terbanyak IPSE": "7*", "Kecepatan": "–"},
        {"Bulan": "Maret 2024", "Terbanyak IPSE": "–", "Kecepatan": "–"},
    ]


def test_compliance_table_lists_missing_first_then_late_then_on_time() -> None:
    batas = dt.datetime(2024, 6, 5, 16, 59, tzinfo=dt.UTC)
    kiriman = [
        Kiriman(1, "Polres A", dt.date(2024, 5, 1), batas - dt.timedelta(days=2, hours=3), batas, 2),
        Kiriman(2, "Polres B", dt.date(2024, 5, 1), None, None, 0),
        Kiriman(3, "Polres C", dt.date(2024, 5, 1), batas + dt.timedelta(hours=5), batas + dt.timedelta(hours=5), 1),
    ]
    status = {1: "tepat_waktu", 2: "belum_melapor", 3: "terlambat"}
    rows = tabel_kepatuhan(kiriman, status, batas, batas + dt.timedelta(days=1))
    assert [(r["Satker"], r["Status"]) for r in rows] == [
        ("Polres B", "Tidak melapor"),
        ("Polres C", "Terlambat"),
        ("Polres A", "Tepat waktu"),
    ]
    assert rows[1]["Terhadap batas waktu"] == "5 jam terlambat"
    assert rows[2]["Terhadap batas waktu"] == "2 hari 3 jam lebih awal"
    assert rows[2]["Unggahan pertama (WIB)"] == "03-06-2024 20:59"
    assert rows[0]["Unggahan pertama (WIB)"] == "–"
