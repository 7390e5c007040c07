"""The workbook corpus: valid reports in every accepted variation and broken ones for every rule.

Each case is built from the app's own template and loaded into a real database (SQLite and
PostgreSQL). Rejected cases must name the sheet and cell of every mistake and leave every
table except the audit log exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from openpyxl.workbook import Workbook
from sqlalchemy import Engine

from etl.file_safety import BatasBerkas
from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, audit_actions, laporan, snapshot

TB, IG_SHEET = "TB News", "Link Amplifikasi"


@dataclass
class Case:
    build: Callable[[], bytes]
    status: str
    errors: set[tuple[str, str]] = field(default_factory=set)
    warnings: set[tuple[str, str]] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    file_name: str = "laporan.xlsx"


def _set(sheet: str, cell: str, value: object) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        book[sheet][cell] = value

    return edit


def _delete_sheet(name: str) -> Callable[[Workbook], None]:
    def edit(book: Workbook) -> None:
        del book[name]

    return edit


def _tb(*rows: tuple[object, ...]) -> dict[str, list[tuple[object, ...]]]:
    return {TB: list(rows)}


def _with_macro() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(laporan(_tb(activity(3, "https://a.id/1")))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\x00" * 64)
    return buffer.getvalue()


ONE = _tb(activity(3, "https://tribratanews.jatim.polri.go.id/a"))
CASES: dict[str, Case] = {
    # --- valid variations ----------------------------------------------------------------
    "every-sheet-filled": Case(
        lambda: laporan(
            {
                sheet: [activity(d, f"https://a.id/{sheet.replace(' ', '-')}/{d}") for d in (1, 15, 31)]
                for sheet in (
                    "Link Amplifikasi",
                    "Amplifikasi Narasi Positif",
                    "Narasi Berita Positif",
                    "Input Portal Humas",
                    "IPSE",
                    "Trending Topik",
                    TB,
                    "SPIT Raw Data",
                    "SPIT Konten",
                )
            }
        ),
        "loaded",
        counts={"tb_news": 3, "ipse": 3, "spit_konten": 3, "link_amplifikasi": 3},
    ),
    "date-as-dd-mm-yyyy-text": Case(
        lambda: laporan(_tb((1, "03/05/2024", "x", "", "https://a.id/1"))), "loaded", counts={"tb_news": 1}
    ),
    "date-as-iso-text": Case(
        lambda: laporan(_tb((1, "2024-05-03", "x", "", "https://a.id/1"))), "loaded", counts={"tb_news": 1}
    ),
    "date-as-excel-serial-number": Case(
        lambda: laporan(_tb((1, 45415, "x", "", "https://a.id/1"))), "loaded", counts={"tb_news": 1}
    ),
    "periode-as-yyyy-mm": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B3", "2024-05")), "loaded", counts={"tb_news": 1}
    ),
    "periode-as-date-cell": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B3", dt.date(2024, 5, 1))), "loaded", counts={"tb_news": 1}
    ),
    "periode-lowercase-month": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B3", "mei  2024")), "loaded", counts={"tb_news": 1}
    ),
    "satker-case-and-spacing": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B2", "  polres KEDIRI   kota")), "loaded", counts={"tb_news": 1}
    ),
    "satker-old-name": Case(lambda: laporan(ONE, satker="Polres Tuban"), "loaded", counts={"tb_news": 1}),
    "platform-any-case-and-twitter": Case(
        lambda: laporan(
            _tb(
                activity(1, "https://x.com/a/1", "twitter"),
                activity(2, "https://a.id/2", "INSTAGRAM"),
                activity(3, "https://a.id/3", "tikTok"),
            )
        ),
        "loaded",
        counts={"tb_news": 3},
    ),
    "blank-rows-and-numbered-empty-rows-skipped": Case(
        lambda: laporan(
            _tb(
                activity(1, "https://a.id/1"),
                (2, None, None, None, None),
                (3, "", " ", "", ""),
                activity(4, "https://a.id/4"),
            )
        ),
        "loaded",
        counts={"tb_news": 2},
    ),
    "header-case-and-spacing": Case(
        lambda: laporan(ONE, edit=_set(TB, "C1", "judul/uraian")), "loaded", counts={"tb_news": 1}
    ),
    "extra-sheet-is-ignored-with-warning": Case(
        lambda: laporan(ONE, edit=lambda book: book.create_sheet("Catatan Pribadi")),
        "loaded",
        warnings={("Catatan Pribadi", "")},
        counts={"tb_news": 1},
    ),
    "duplicate-link-counted-once": Case(
        lambda: laporan(
            _tb(activity(1, "https://a.id/1"), activity(2, "https://a.id/2"), activity(3, "https://a.id/1"))
        ),
        "loaded",
        warnings={(TB, "E4")},
        counts={"tb_news": 2},
    ),
    "empty-report-warns": Case(lambda: laporan(), "loaded", warnings={("", "")}, counts={"tb_news": 0}),
    # --- Identitas ---------------------------------------------------------------------
    "unknown-satker": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B2", "Polres Kediri Kot")),
        "rejected",
        errors={("Identitas", "B2")},
    ),
    "empty-satker": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B2", None)), "rejected", errors={("Identitas", "B2")}
    ),
    "unreadable-periode": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B3", "bulan lalu")), "rejected", errors={("Identitas", "B3")}
    ),
    "future-periode": Case(
        lambda: laporan(ONE, edit=_set("Identitas", "B3", "2099-01")), "rejected", errors={("Identitas", "B3")}
    ),
    "empty-operator": Case(lambda: laporan(ONE, operator=""), "rejected", errors={("Identitas", "B4")}),
    "missing-identitas-sheet": Case(
        lambda: laporan(ONE, edit=_delete_sheet("Identitas")), "rejected", errors={("Identitas", "")}
    ),
    # --- rows ---------------------------------------------------------------------------
    "date-outside-month": Case(
        lambda: laporan(_tb((1, dt.date(2024, 6, 1), "x", "", "https://a.id/1"))), "rejected", errors={(TB, "B2")}
    ),
    "impossible-date": Case(
        lambda: laporan(_tb((1, "31/02/2024", "x", "", "https://a.id/1"))), "rejected", errors={(TB, "B2")}
    ),
    "missing-date": Case(lambda: laporan(_tb((1, None, "x", "", "https://a.id/1"))), "rejected", errors={(TB, "B2")}),
    "missing-link": Case(
        lambda: laporan(_tb((1, dt.date(2024, 5, 2), "x", "X", None))), "rejected", errors={(TB, "E2")}
    ),
    "javascript-link": Case(lambda: laporan(_tb(activity(2, "javascript:alert(1)"))), "rejected", errors={(TB, "E2")}),
    "plain-text-link": Case(lambda: laporan(_tb(activity(2, "lihat di grup WA"))), "rejected", errors={(TB, "E2")}),
    "link-without-scheme-gets-https": Case(
        lambda: laporan(_tb(activity(2, "www.instagram.com/p/abc"))),
        "loaded",
        warnings={(TB, "E2")},
        counts={"tb_news": 1},
    ),
    "platform-outside-list": Case(
        lambda: laporan(_tb(activity(2, "https://a.id/1", "Friendster"))), "rejected", errors={(TB, "D2")}
    ),
    "every-mistake-reported-at-once": Case(
        lambda: laporan(
            {
                TB: [activity(2, "javascript:x"), (2, "31/02/2024", "", "", "https://a.id/2")],
                IG_SHEET: [activity(2, "https://a.id/3", "myspace")],
            },
            edit=_set("Identitas", "B2", "Polres Antah"),
        ),
        "rejected",
        errors={("Identitas", "B2"), (TB, "E2"), (TB, "B3"), (IG_SHEET, "D2")},
    ),
    # --- structure ----------------------------------------------------------------------
    "missing-sheet": Case(lambda: laporan(edit=_delete_sheet("IPSE")), "rejected", errors={("IPSE", "")}),
    "unrecognised-date-header": Case(
        lambda: laporan(ONE, edit=_set(TB, "B1", "Waktu")), "rejected", errors={(TB, "B1")}
    ),
    "missing-header-column": Case(
        lambda: laporan(ONE, edit=lambda book: book[TB].delete_cols(5)), "rejected", errors={(TB, "E1")}
    ),
    # --- file safety --------------------------------------------------------------------
    "not-a-spreadsheet": Case(
        lambda: b"Tanggal;Tautan\n2024-05-01;https://a.id\n", "rejected", errors={("", "")}, file_name="laporan.csv"
    ),
    "pdf-renamed-xlsx": Case(lambda: b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n", "rejected", errors={("", "")}),
    "macro-enabled": Case(_with_macro, "rejected", errors={("", "")}, file_name="laporan.xlsm"),
    "empty-file": Case(lambda: b"", "rejected", errors={("", "")}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_corpus(name: str, engine: Engine) -> None:
    case = CASES[name]
    before = snapshot(engine)
    result = load_workbook(engine, case.build(), case.file_name, now=RECEIVED)
    assert result.status == case.status, [p.message for p in result.errors]
    assert {(p.sheet, p.cell) for p in result.errors} >= case.errors
    assert {(p.sheet, p.cell) for p in result.warnings} >= case.warnings
    assert all(p.message for p in result.problems)
    if case.status == "rejected":
        assert snapshot(engine) == before
        assert audit_actions(engine)[-1] == "unggah_ditolak"
    else:
        assert not result.errors
        assert {k: result.counts[k] for k in case.counts} == case.counts
        assert audit_actions(engine)[-1] == "unggah_laporan"


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert sum(c.status == "rejected" for c in CASES.values()) >= 15


def test_rows_per_sheet_are_capped(engine: Engine) -> None:
    data = laporan(_tb(*(activity(1 + i % 28, f"https://a.id/{i}") for i in range(30))))
    result = load_workbook(engine, data, "besar.xlsx", now=RECEIVED, batas=BatasBerkas(max_rows_per_sheet=20))
    assert result.status == "rejected"
    assert result.errors[0].sheet == TB and "lebih dari 20 baris" in result.errors[0].message


def test_messages_name_the_fix_in_indonesian(engine: Engine) -> None:
    result = load_workbook(engine, laporan(_tb(activity(2, "javascript:alert(1)"))), "a.xlsx", now=RECEIVED)
    (problem,) = result.errors
    assert problem.lokasi == "TB News!E2"
    assert "bukan alamat web" in problem.message and "https://" in problem.message


def test_unknown_satker_suggests_the_closest_names(engine: Engine) -> None:
    result = load_workbook(engine, laporan(ONE, satker="Polres Kediri Kot"), "a.xlsx", now=RECEIVED)
    assert "Mungkin maksud Anda: Polres Kediri Kota" in result.errors[0].message
