"""The fast paths for obviously valid rows and sheets agree with the full (pydantic) validator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from db.models import kunci_tautan
from etl.rules_laporan import ROWS_ADAPTER, plain_row, plain_sheet, validate_rows

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


def _full(row: tuple[Any, ...]) -> tuple[Any, ...] | None:
    try:
        (checked,) = ROWS_ADAPTER.validate_python(
            [dict(zip(("tanggal", "judul", "platform", "tautan"), row, strict=True))], context={"periode": MEI}
        )
    except ValidationError:
        return None
    return checked["tanggal"], checked["judul"], checked["platform"], checked["tautan"]


@settings(max_examples=400, deadline=None)
@given(cells)
def test_fast_path_accepts_only_what_the_validator_accepts_and_the_same_way(row: tuple[Any, ...]) -> None:
    fast = plain_row(list(row), MEI)
    if fast is not None:
        assert fast == _full(row)


def test_fast_path_takes_the_common_row() -> None:
    row = [dt.datetime(2024, 5, 3), " Patroli ", "instagram", "https://www.instagram.com/p/abc/"]
    assert plain_row(row, MEI) == (dt.date(2024, 5, 3), "Patroli", "Instagram", "https://www.instagram.com/p/abc/")


def test_fast_path_leaves_anything_unusual_to_the_validator() -> None:
    assert plain_row(["03/05/2024", "x", "", "https://a.id"], MEI) is None
    assert plain_row([dt.date(2024, 6, 1), "x", "", "https://a.id"], MEI) is None
    assert plain_row([dt.date(2024, 5, 1), "x", "", "javascript:x"], MEI) is None
    assert plain_row([dt.date(2024, 5, 1), "x", "", "https://a.id"], None) is None


# --- Whole sheets at once ---------------------------------------------------------------------

HEADER = ["No", "Tanggal", "Judul / Uraian", "Platform", "Tautan Bukti"]
usual_row = st.tuples(
    st.datetimes(dt.datetime(2024, 5, 1), dt.datetime(2024, 5, 31, 23, 59)),
    st.sampled_from(["Patroli", " Sambang warga ", "", "Bakti sosial"]),
    st.sampled_from(["Instagram", "twitter", " X ", "", "YOUTUBE", "TikTok"]),
    st.integers(0, 400).map(lambda n: f"https://www.instagram.com/p/{n}/"),
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
        assert (fast, []) == validate_rows("link_amplifikasi", "Link Amplifikasi", sheet, MEI)


def test_a_sheet_of_usual_rows_is_taken_at_once_with_row_numbers_and_link_keys() -> None:
    sheet = _sheet(
        [
            (dt.datetime(2024, 5, 3), " Patroli ", "twitter", " https://x.com/a/1 "),
            (dt.datetime(2024, 5, 31, 8), "Sambang", "", "https://x.com/a/2"),
        ]
    )
    assert plain_sheet("tb_news", sheet, MEI) == [
        ("tb_news", 2, dt.date(2024, 5, 3), "Patroli", "X", "https://x.com/a/1", kunci_tautan("https://x.com/a/1")),
        ("tb_news", 3, dt.date(2024, 5, 31), "Sambang", None, "https://x.com/a/2", kunci_tautan("https://x.com/a/2")),
    ]


def test_a_sheet_with_anything_unusual_goes_row_by_row() -> None:
    usual = (dt.datetime(2024, 5, 3), "Patroli", "Instagram", "https://x.com/a/1")
    assert plain_sheet("tb_news", _sheet([usual, ("", "", "", "")]), MEI) is None  # a blank row
    assert plain_sheet("tb_news", _sheet([usual, usual]), MEI) is None  # a repeated link: a warning to give
    assert plain_sheet("tb_news", _sheet([(*usual[:3], "javascript:x")]), MEI) is None
    assert plain_sheet("tb_news", _sheet([(usual[0], "x" * 2001, *usual[2:])]), MEI) is None  # too long
    assert plain_sheet("tb_news", _sheet([(dt.datetime(2024, 6, 1), *usual[1:])]), MEI) is None
    assert plain_sheet("tb_news", _sheet([usual]), None) is None  # the periode is not known
    assert plain_sheet("tb_news", _sheet([]), MEI) == []
