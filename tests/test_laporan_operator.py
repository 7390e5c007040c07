"""Reports as operators really fill them (issue table): each class of input loads with the right
count and a warning naming its cell, or is refused with the accepted forms named; on both
databases, from workbooks built here (a cell showing "Link" carries a real openpyxl hyperlink).
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl.workbook import Workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.nama import SatkerDirectory
from db.models import Aktivitas
from etl.loader import Reference, load_workbook, validate_workbook
from etl.perbaikan import hitung_perbaikan
from testdata.workbooks import RECEIVED, activity, laporan

TB, IPSE = "TB News", "IPSE"
HOST_LINK = "https://tribratanews.jatim.polri.go.id/berita/1"
TB_ROWS = [
    (None, "5 Mei 2024", "tanggal Indonesia", "IG", "instagram.com/p/AAA1"),  # row 2
    (None, "Senin, 6 Mei 2024", "dengan hari", "FB", "https://www.facebook.com/humas/posts/111"),
    (None, "8 mei 2024", "huruf kecil", "YT", "youtu.be/dQw4w9WgXcQ"),
    (None, "10/05/24", "tahun dua angka", "Tik Tok", "www.tiktok.com/@humas/video/7350000000000000001"),
    (None, dt.datetime(2024, 5, 11), "alias", "Insta", "\u00a0https://www.instagram.com/p/AAA2/\u200b"),
    (None, dt.datetime(2024, 5, 12), "Twitter/X", "Twitter/X", "https://twitter.com/humas/status/1790000000000000001"),
    (None, dt.datetime(2024, 5, 13), "hyperlink", "", "Link"),  # row 8, hyperlink added below
    (None, dt.datetime(2024, 5, 14), "dua tautan", "Website", "https://a.id/1\nhttps://a.id/2"),  # two activities
    (None, dt.datetime(2024, 5, 15), "ganda", "IG", "https://www.instagram.com/p/AAA1/?igsh=MWd2c2Z4"),  # = row 2
    ("JUMLAH", "", "", "", 10),  # row 11
    ("", "", "", "Mengetahui,", ""),
    ("", "", "", "KAPOLRES", ""),
]


def _ipse_with_title_and_own_columns(book: Workbook) -> None:
    sheet = book[IPSE]
    sheet.delete_rows(1, sheet.max_row)
    sheet["A1"] = "LAPORAN IPSE POLRES KEDIRI KOTA MEI 2024"
    for column, title in enumerate(["Link", "Tgl", "Akun", "Uraian", "No"], start=1):
        sheet.cell(3, column, title)
    sheet.append(["https://ipse.polri.go.id/entri/1", "2024-05-02", "@humas", "entri", 1])
    sheet.append(["https://ipse.polri.go.id/entri/2", "3 Mei 2024", "@humas", "entri", ""])


def _operator_workbook() -> bytes:
    def edit(book: Workbook) -> None:
        book[TB]["E8"].hyperlink = HOST_LINK
        _ipse_with_title_and_own_columns(book)

    return laporan({TB: TB_ROWS}, edit=edit)


def test_what_operators_write_loads_with_a_warning_per_fix(engine: Engine) -> None:
    result = load_workbook(engine, _operator_workbook(), "laporan.xlsx", now=RECEIVED)
    assert result.status == "loaded", [p.lokasi + " " + p.message for p in result.errors]
    assert result.counts["tb_news"] == 9  # 8 rows, one with two links, the repeated post once
    assert result.counts["ipse"] == 2
    warned = {(p.sheet, p.cell) for p in result.warnings}
    assert {(TB, f"B{n}") for n in (2, 3, 4, 5)} <= warned  # dates
    assert {(TB, f"D{n}") for n in (2, 3, 4, 6, 7, 10)} <= warned  # platform aliases ("Tik Tok" is the name)
    assert {(TB, "E2"), (TB, "E6"), (TB, "E8"), (TB, "E9"), (TB, "E10"), (TB, "A11"), (TB, "D12")} <= warned
    assert {(IPSE, "A1"), (IPSE, "C3")} <= warned
    assert hitung_perbaikan(result.warnings) == {
        "tautan_skema": 3,
        "tautan_hyperlink": 1,
        "tautan_tak_terlihat": 1,
        "tautan_pisah": 1,
        "tautan_sama": 1,
        "tanggal": 5,
        "platform_alias": 6,
        "platform_host": 1,
        "baris_jumlah": 1,
        "penutup": 1,
        "judul_atas": 1,
        "kolom_lain": 1,
    }
    with Session(engine) as session:
        rows = session.execute(
            select(Aktivitas.baris, Aktivitas.tanggal, Aktivitas.platform, Aktivitas.url)
            .where(Aktivitas.kategori_kode == "tb_news")
            .order_by(Aktivitas.baris, Aktivitas.url)
        ).all()
    assert [tuple(r) for r in rows] == [
        (2, dt.date(2024, 5, 5), "Instagram", "https://instagram.com/p/AAA1"),
        (3, dt.date(2024, 5, 6), "Facebook", "https://www.facebook.com/humas/posts/111"),
        (4, dt.date(2024, 5, 8), "YouTube", "https://youtu.be/dQw4w9WgXcQ"),
        (5, dt.date(2024, 5, 10), "TikTok", "https://www.tiktok.com/@humas/video/7350000000000000001"),
        (6, dt.date(2024, 5, 11), "Instagram", "https://www.instagram.com/p/AAA2/"),
        (7, dt.date(2024, 5, 12), "X", "https://twitter.com/humas/status/1790000000000000001"),
        (8, dt.date(2024, 5, 13), "Website", HOST_LINK),  # the hyperlink; its host named the platform
        (9, dt.date(2024, 5, 14), "Website", "https://a.id/1"),
        (9, dt.date(2024, 5, 14), "Website", "https://a.id/2"),
    ]


def test_titles_starting_with_jumlah_or_total_are_read_as_data_when_their_row_has_a_date_or_a_hyperlink(
    engine: Engine,
) -> None:
    rows = [
        (None, "5 Mei 2024", "Jumlah Pengunjung Pantai Meningkat", "Website", "Link"),  # row 2, hyperlink
        (None, "", "Total Giat Patroli", "Instagram", "klik disini"),  # row 3, hyperlink, no date yet
        (None, dt.datetime(2024, 5, 7), "Patroli", "Website", "https://a.id/7"),
        ("JUMLAH", "", "", "", 3),  # row 5
        ("", "", "", "", "Batu, 31 Mei 2024"),
        ("", "", "", "", "Budi Santoso, S.I.K., M.Si"),
    ]

    def edit(book: Workbook) -> None:
        book[TB]["E2"].hyperlink = HOST_LINK
        book[TB]["E3"].hyperlink = "https://www.instagram.com/p/AAA9/"

    result = load_workbook(engine, laporan({TB: rows}, edit=edit), "laporan.xlsx", now=RECEIVED)
    errors = {(p.sheet, p.cell): p.message for p in result.errors}
    assert errors == {(TB, "B3"): errors[(TB, "B3")]}  # the row is data: its missing date is named
    assert "Tanggal" in errors[(TB, "B3")]
    assert {(p.sheet, p.cell) for p in result.warnings if "dianggap baris jumlah" in p.message} == {(TB, "A5")}


def test_one_date_merged_over_the_activities_of_that_day_dates_each_of_them(engine: Engine) -> None:
    rows = [activity(n, f"https://www.instagram.com/p/MERGE{n}/") for n in (2, 3, 4)]
    rows[1] = (rows[1][0], "", *rows[1][2:])
    rows[2] = (rows[2][0], "", *rows[2][2:])

    def edit(book: Workbook) -> None:
        book[IPSE].merge_cells("B2:B4")

    result = load_workbook(engine, laporan({IPSE: rows}, edit=edit), "laporan.xlsx", now=RECEIVED)
    assert (result.status, result.counts["ipse"]) == ("loaded", 3), [p.message for p in result.errors]
    assert hitung_perbaikan(result.warnings) == {"sel_gabungan": 1}
    with Session(engine) as session:
        tanggal = session.scalars(select(Aktivitas.tanggal).where(Aktivitas.kategori_kode == "ipse")).all()
    assert tanggal == [rows[0][1].date()] * 3


@pytest.mark.parametrize("extra", ["Rekap", "Target", "Penghargaan", "Kelompok"])
def test_a_report_with_an_extra_sheet_named_like_another_workbook_kind_loads_with_a_warning(
    engine: Engine, extra: str
) -> None:
    def edit(book: Workbook) -> None:
        sheet = book.create_sheet(extra)
        sheet.append(["Kategori", "Jumlah"])
        sheet.append(["TB News", 1])

    data = laporan({TB: [activity(2, "https://a.id/1")]}, edit=edit)
    result = load_workbook(engine, data, "laporan.xlsx", now=RECEIVED)
    assert (result.status, result.kind, result.counts["tb_news"]) == ("loaded", "laporan_bulanan", 1)
    assert [p.message for p in result.warnings if p.sheet == extra] == [
        f"Sheet “{extra}” bukan bagian templat dan diabaikan."
    ]


@pytest.mark.parametrize(("ditulis", "templat"), [("IDENTITAS", "Identitas"), ("tb news ", "TB News")])
def test_a_sheet_renamed_in_another_case_is_named_with_the_template_name_to_use(ditulis: str, templat: str) -> None:
    def edit(book: Workbook) -> None:
        book[templat].title = "sementara"  # openpyxl refuses a name differing only in case from its own
        book["sementara"].title = ditulis

    data = laporan({TB: [activity(2, "https://a.id/1")]}, edit=edit)
    validated = validate_workbook(Reference(SatkerDirectory({}), []), data, "laporan.xlsx", None, dt.date(2024, 6, 3))
    (petunjuk,) = [p.message for p in validated.problems if p.sheet == ditulis and p.tingkat == "warning"]
    assert f"Apakah maksudnya “{templat}”? Ganti nama sheet persis seperti templat." in petunjuk


@pytest.mark.parametrize(
    ("cells", "cell", "wording"),
    [
        ((None, "10/06/24", "", "", "https://a.id/1"), "B2", "Tulis sebagai"),  # no reading falls in May
        ((None, "Mei 2024", "", "", "https://a.id/1"), "B2", "6 Mei 2024"),  # no day
        ((None, dt.datetime(2024, 5, 2), "", "Friendster", "https://a.id/1"), "D2", "Instagram, Facebook"),
        ((None, dt.datetime(2024, 5, 2), "", "", "javascript:alert(1)"), "E2", "https://"),
        ((None, dt.datetime(2024, 5, 2), "", "", "klik disini"), "E2", "https://"),  # no hyperlink behind it
    ],
)
def test_what_stays_ambiguous_is_refused_naming_the_cell_and_the_accepted_forms(
    engine: Engine, cells: tuple[object, ...], cell: str, wording: str
) -> None:
    result = load_workbook(engine, laporan({TB: [cells, activity(3, "https://a.id/ok")]}), "a.xlsx", now=RECEIVED)
    assert result.status == "rejected"
    assert [(p.sheet, p.cell) for p in result.errors] == [(TB, cell)]
    assert wording in result.errors[0].message
