"""The Polda recap (backfill) and award result workbooks: same all-or-nothing rules, same error quality."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.models import NilaiBulanan, Penghargaan, Satker
from etl.loader import load_workbook
from testdata.workbooks import COUNT_NAMES, RECEIVED, activity, laporan, penghargaan, rekap, snapshot

COUNTS = ["1.234", 20, 3, 0, 5, 1, 40, 7, 2]
ROW = ["2024-03", "Polres Jember", *COUNTS, dt.date(2024, 4, 3)]


def _values(engine: Engine, satker: str, periode: dt.date) -> dict[str, float]:
    with Session(engine) as session:
        return dict(
            session.execute(
                select(NilaiBulanan.kategori_kode, NilaiBulanan.nilai)
                .join(Satker, Satker.id == NilaiBulanan.satker_id)
                .where(Satker.nama == satker, NilaiBulanan.periode == periode, NilaiBulanan.sumber == "rekap")
            ).all()
        )


def test_recap_backfills_monthly_values(engine: Engine) -> None:
    result = load_workbook(engine, rekap([ROW, ["Mei 2024", "polres  jember", *[1] * 9, None]]), "rekap.xlsx")
    assert (result.status, result.kind) == ("loaded", "rekap")
    maret = _values(engine, "Polres Jember", dt.date(2024, 3, 1))
    assert maret["link_amplifikasi"] == 1234 and maret["tb_news"] == 40 and maret["ipse"] == 5
    # 3 April 00:00 WIB is 48 hours after the end of March.
    assert maret["kecepatan_laporan"] == 48.0
    assert "kecepatan_laporan" not in _values(engine, "Polres Jember", dt.date(2024, 5, 1))
    assert result.counts["link_amplifikasi"] == 1235


def test_recap_columns_may_be_reordered(engine: Engine) -> None:
    header = ["Satker", "Periode", *reversed(COUNT_NAMES), "Tanggal Kirim Laporan"]
    row = ["Polres Jember", "2024-03", *reversed(COUNTS), None]
    assert load_workbook(engine, rekap([row], header=header), "rekap.xlsx").status == "loaded"
    assert _values(engine, "Polres Jember", dt.date(2024, 3, 1))["link_amplifikasi"] == 1234


@pytest.mark.parametrize(
    ("row", "cell", "phrase"),
    [
        (["2024-03", "Polres Jember", -1, *COUNTS[1:], None], "C2", "negatif"),
        (["2024-03", "Polres Jember", "12,5", *COUNTS[1:], None], "C2", "bukan"),
        (["2024-03", "Polres Jember", 2.5, *COUNTS[1:], None], "C2", "bulat"),
        (["2024-03", "Polres Jembre", *COUNTS, None], "B2", "Mungkin maksud Anda: Polres Jember"),
        (["kemarin", "Polres Jember", *COUNTS, None], "A2", "Periode"),
        (["2099-01", "Polres Jember", *COUNTS, None], "A2", "belum terjadi"),
        (["2024-03", "Polres Jember", *COUNTS, dt.date(2024, 2, 1)], "L2", "sebelum periode"),
    ],
    ids=["negative", "decimal-comma", "fraction", "unknown-satker", "bad-periode", "future", "sent-before-month"],
)
def test_recap_errors_name_the_cell(engine: Engine, row: list[object], cell: str, phrase: str) -> None:
    before = snapshot(engine)
    other_month = ["2024-02", *ROW[1:-1], None]
    result = load_workbook(engine, rekap([other_month, row]), "rekap.xlsx")
    assert result.status == "rejected"
    assert [(p.sheet, p.cell) for p in result.errors] == [("Rekap", cell.replace("2", "3"))]
    assert phrase in result.errors[0].message
    assert snapshot(engine) == before


def test_recap_rejects_a_satker_month_twice(engine: Engine) -> None:
    result = load_workbook(engine, rekap([ROW, ROW]), "rekap.xlsx")
    assert [(p.sheet, p.cell) for p in result.errors] == [("Rekap", "B3")]
    assert "sudah ada di baris 2" in result.errors[0].message


def test_recap_missing_column_is_an_error(engine: Engine) -> None:
    header = ["Periode", "Satker", *COUNT_NAMES[:-1], "Tanggal Kirim Laporan"]
    result = load_workbook(engine, rekap([ROW[:-2] + ROW[-1:]], header=header), "rekap.xlsx")
    assert result.status == "rejected"
    assert "Terbanyak Input Content SPIT" in result.errors[0].message


def test_recap_does_not_override_a_monthly_report(engine: Engine) -> None:
    report = laporan({"TB News": [activity(2, "https://a.id/1")]}, satker="Polres Jember")
    load_workbook(engine, report, "mei.xlsx", now=RECEIVED)
    result = load_workbook(engine, rekap([["2024-05", "Polres Jember", *COUNTS, None]]), "rekap.xlsx")
    assert result.status == "loaded"
    assert [(p.sheet, p.cell) for p in result.warnings] == [("Rekap", "A2")]
    assert _values(engine, "Polres Jember", dt.date(2024, 5, 1)) == {}


def test_same_recap_twice_is_unchanged(engine: Engine) -> None:
    data = rekap([ROW])
    load_workbook(engine, data, "rekap.xlsx")
    before = snapshot(engine)
    assert load_workbook(engine, data, "rekap-lagi.xlsx").status == "unchanged"
    assert snapshot(engine) == before


def test_a_newer_recap_replaces_recap_values(engine: Engine) -> None:
    load_workbook(engine, rekap([ROW]), "rekap.xlsx")
    newer = ["2024-03", "Polres Jember", 9, *COUNTS[1:], None]
    load_workbook(engine, rekap([newer]), "rekap-2.xlsx")
    values = _values(engine, "Polres Jember", dt.date(2024, 3, 1))
    assert values["link_amplifikasi"] == 9 and "kecepatan_laporan" not in values


def test_awards_are_recorded(engine: Engine) -> None:
    rows = [
        ["Rakernis Bidhumas Polda Jatim", 2025, "tb_news", 1, "Polres Jember"],
        ["Rakernis Bidhumas Polda Jatim", 2025, "Terbanyak IPSE", 2, "polres jember"],
        ["Rakernis Bidhumas Polda Jatim", 2025, "tb_news", 1, "Polres Jember"],
    ]
    result = load_workbook(engine, penghargaan(rows), "juara.xlsx")
    assert (result.status, result.kind) == ("loaded", "penghargaan")
    assert [(p.sheet, p.cell) for p in result.warnings] == [("Penghargaan", "A4")]
    with Session(engine) as session:
        stored = session.execute(
            select(Penghargaan.kategori_kode, Penghargaan.peringkat).where(Penghargaan.tahun == 2025)
        ).all()
    assert sorted(stored) == [("ipse", 2), ("tb_news", 1)]


@pytest.mark.parametrize(
    ("row", "cell"),
    [
        (["Rakernis", 2025, "kategori baru", 1, "Polres Jember"], "C2"),
        (["Rakernis", 2025, "tb_news", 0, "Polres Jember"], "D2"),
        (["Rakernis", "dua ribu", "tb_news", 1, "Polres Jember"], "B2"),
        (["", 2025, "tb_news", 1, "Polres Jember"], "A2"),
        (["Rakernis", 2025, "tb_news", 1, "Polres Gotham"], "E2"),
    ],
    ids=["unknown-kategori", "rank-zero", "year-text", "no-event", "unknown-satker"],
)
def test_award_errors_name_the_cell(engine: Engine, row: list[object], cell: str) -> None:
    before = snapshot(engine)
    result = load_workbook(engine, penghargaan([row]), "juara.xlsx")
    assert [(p.sheet, p.cell) for p in result.errors] == [("Penghargaan", cell)]
    assert snapshot(engine) == before


def test_same_award_file_twice_is_unchanged(engine: Engine) -> None:
    data = penghargaan([["Rakernis", 2025, "tb_news", 1, "Polres Jember"]])
    load_workbook(engine, data, "juara.xlsx")
    assert load_workbook(engine, data, "juara.xlsx").status == "unchanged"


def test_unknown_workbook_kind_is_rejected(engine: Engine) -> None:
    from testdata.workbooks import table

    result = load_workbook(engine, table("Sheet1", ["a"], [[1]]), "lain.xlsx")
    assert result.status == "rejected" and "tidak dikenali" in result.errors[0].message
