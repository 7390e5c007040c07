"""The fast path for obviously valid rows agrees with the full (pydantic) validator."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from etl.rules_laporan import ROWS_ADAPTER, plain_row

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
        st.sampled_from(["https://x.com/a/1", " https://a.id/b ", "http://a.id", "javascript:alert(1)",
                         "www.a.id/x", "https://a b.id", "https://localhost/x", "", "HTTPS://A.ID/Q?x=1#y"]),
        st.text(max_size=20),
    ),  # fmt: skip
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
