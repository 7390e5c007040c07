"""The fast path for a template-shaped sheet of plain rows agrees with reading it row by row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.tautan import kanonik
from db.models import kunci_tautan
from etl.baris_laporan import KonteksBaris
from etl.rules_laporan import plain_sheet, validate_rows

MEI = dt.date(2024, 5, 1)
cells = st.tuples(
    st.one_of(
        st.dates(dt.date(2024, 4, 25), dt.date(2024, 6, 5)),
        st.datetimes(dt.datetime(2024, 4, 25), dt.datetime(2024, 6, 5)),
        st.sampled_from(["03/05/2024", "2024-05-03", "", None, 45415.0, "31/02/2024"]),
    ),
    st.one_of(st.text(max_size=30), st.just(" "), st.integers(), st.none()),
    st.one_of(st.sampled_from(["Instagram", "twitter", " X ", "", "myspace", "YOUTUBE", "  "]), st.none()),
    st.one_of(
        st.sampled_from(
            [
                "https://x.com/a/1",
                " https://a.id/b ",
                "http://a.id",
                "javascript:alert(1)",
                "www.a.id/x",
                "https://a b.id",
                "https://localhost/x",
                "",
                "HTTPS://A.ID/Q?x=1#y",
            ]
        ),
        st.text(max_size=20),
    ),
)


# --- Whole sheets at once ---------------------------------------------------------------------

HEADER = ["No", "Tanggal", "Judul / Uraian", "Platform", "Tautan"]
usual_row = st.tuples(
    st.datetimes(dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 31, 23, 59)),
    st.sampled_from(["Patroli", " Sambang warga ", "", "Bakti sosial"]),
    st.sampled_from(["Instagram", "twitter", " X ", "", "YOUTUBE", "TikTok"]),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["https://www.instagram.com/p/", "HTTP://x.com/humas/status/", "https://a.id/berita/"]),
        st.integers(0, 400),
        st.sampled_from(["", "/", "?utm_source=wa", "#komentar", "?a=1#/b", "/x.y"]),
    ),
)
sheets = st.one_of(
    st.lists(usual_row, max_size=12, unique_by=lambda row: row[3]),  # mostly taken at once
    st.lists(st.one_of(usual_row, usual_row, usual_row, cells), max_size=12),  # mostly row by row
)


def _sheet(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    return [HEADER] + [[number, *row] for number, row in enumerate(rows, start=1)]


@settings(max_examples=400, deadline=None)
@given(sheets)
def test_a_whole_sheet_at_once_gives_exactly_what_row_by_row_gives(rows: list[tuple[Any, ...]]) -> None:
    sheet = _sheet(rows)
    fast = plain_sheet("link_amplifikasi", sheet, MEI)
    if fast is not None:
        assert (fast, []) == validate_rows("link_amplifikasi", "Link Amplifikasi", sheet, KonteksBaris(MEI))


def test_a_sheet_of_usual_rows_is_taken_at_once_with_row_numbers_and_link_keys() -> None:
    sheet = _sheet(
        [
            (dt.datetime(2024, 5, 3), " Patroli ", " x ", " https://x.com/a/1 "),
            (dt.datetime(2024, 5, 31, 8), "Sambang", "", "https://a.id/2"),
        ]
    )
    assert plain_sheet("tb_news", sheet, MEI) == [
        ("tb_news", 2, dt.date(2024, 5, 3), "Patroli", "X", *_tautan("https://x.com/a/1")),
        ("tb_news", 3, dt.date(2024, 5, 31), "Sambang", None, *_tautan("https://a.id/2")),
    ]


def _tautan(url: str) -> tuple[str, str, int]:
    """The link as written, its canonical form and the key of that form."""
    return url, kanonik(url), kunci_tautan(kanonik(url))


def test_a_sheet_with_anything_unusual_goes_row_by_row() -> None:
    usual = (dt.datetime(2024, 5, 3), "Patroli", "Instagram", "https://x.com/a/1")
    assert plain_sheet("tb_news", _sheet([usual, ("", "", "", "")]), MEI) is None  # a blank row
    assert plain_sheet("tb_news", _sheet([usual, usual]), MEI) is None  # a repeated link: a warning to give
    assert plain_sheet("tb_news", _sheet([(*usual[:3], "javascript:x")]), MEI) is None
    assert plain_sheet("tb_news", _sheet([(usual[0], "x" * 2001, *usual[2:])]), MEI) is None  # too long
    assert plain_sheet("tb_news", _sheet([(dt.datetime(2024, 6, 1), *usual[1:])]), MEI) is None
    assert plain_sheet("tb_news", _sheet([usual]), None) is None  # the periode is not known
    assert plain_sheet("tb_news", _sheet([]), MEI) == []
    # What etl.baris_laporan fixes or warns about:
    ig = "https://www.instagram.com/p/C1x/"
    assert plain_sheet("tb_news", _sheet([(*usual[:3], ig), (*usual[:3], ig + "?igsh=MWd2")]), MEI) is None
    assert plain_sheet("tb_news", _sheet([(*usual[:2], "Facebook", ig)]), MEI) is None  # the host decides
    assert plain_sheet("tb_news", _sheet([(*usual[:2], "", ig)]), MEI) is None  # empty: the host fills it
    x = "https://x.com/a/1"
    assert plain_sheet("tb_news", _sheet([(*usual[:2], "twitter", x)]), MEI) is None  # a nickname: said what it is
    assert plain_sheet("tb_news", _sheet([(*usual[:3], "instagram.com/p/C1x")]), MEI) is None  # no https://
    assert plain_sheet("tb_news", _sheet([(*usual[:3], ig + " https://x.com/a/2")]), MEI) is None  # two links
    assert plain_sheet("tb_news", _sheet([(*usual[:3], "https://a.id/\u200b1")]), MEI) is None  # invisible


def test_plain_sheet_cells_stay_what_row_by_row_reading_gives() -> None:
    row = [dt.datetime(2024, 5, 3), " Patroli ", "instagram", "https://www.instagram.com/p/abc/"]
    sheet = [HEADER, [1, *row]]
    expected = [("tb_news", 2, dt.date(2024, 5, 3), "Patroli", "Instagram", *_tautan(row[3]))]
    assert plain_sheet("tb_news", sheet, MEI) == expected
    assert validate_rows("tb_news", "TB News", sheet, KonteksBaris(MEI)) == (expected, [])


def test_a_link_ending_in_punctuation_goes_row_by_row_where_it_is_fixed() -> None:
    usual = (dt.datetime(2024, 5, 3), "Patroli", "X")
    for akhir in (".", "...", ")", "!", ":", "'", '"', "]", ">"):
        sheet = _sheet([(*usual, "https://x.com/humas/status/1790000000000000001" + akhir)])
        assert plain_sheet("tb_news", sheet, MEI) is None, akhir


def test_a_link_and_the_same_link_with_a_full_stop_count_once() -> None:
    x = "https://x.com/humas/status/1790000000000000001"
    sheet = _sheet([(dt.datetime(2024, 5, 3), "Patroli", "X", x), (dt.datetime(2024, 5, 4), "Patroli", "X", x + ".")])
    records, masalah = validate_rows("tb_news", "TB News", sheet, KonteksBaris(MEI))
    assert [record[1] for record in records] == [2]
    assert [(m.cell, m.message) for m in masalah] == [
        ("E3", "Tanda baca “.” di akhir tautan dibuang."),
        ("E3", masalah[1].message),
    ]
    assert "Tautan sama dengan baris 2" in masalah[1].message
