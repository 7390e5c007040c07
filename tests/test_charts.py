"""Plotly figures carry the ranking they are drawn from (order, values, medal colours)."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.peringkat import BarisPeringkat
from services.grafik import WARNA_DASAR, WARNA_MEDALI, bar_peringkat, bar_total_bulanan, bump_peringkat, garis_tren

ROWS = [
    BarisPeringkat(rank, satker_id, f"Polres {satker_id}", value)
    for rank, satker_id, value in ((1, 1, 1500.0), (2, 2, 900.0), (2, 3, 900.0), (4, 4, 12.0))
]
JAN, FEB = dt.date(2024, 1, 1), dt.date(2024, 2, 1)


def test_ranking_bars_put_first_place_on_top_with_medal_colours() -> None:
    bar = bar_peringkat(ROWS, "Terbanyak IPSE — Mei 2024").data[0]
    assert list(bar.y) == ["4. Polres 4", "2. Polres 3", "2. Polres 2", "1. Polres 1"]
    assert list(bar.x) == [12.0, 900.0, 900.0, 1500.0]
    assert list(bar.marker.color) == [WARNA_DASAR, WARNA_MEDALI[2], WARNA_MEDALI[2], WARNA_MEDALI[1]]
    assert bar.text[-1] == "1.500"


@pytest.mark.parametrize("lebar", [360, 1200])
def test_ranking_names_sit_above_their_bars_so_the_bars_keep_the_width(lebar: int) -> None:
    """The phone layout: no label margin on the left, every name an annotation from zero just above
    its bar, so at any width the bars start at the left edge of the plot."""
    fig = bar_peringkat(ROWS, "Terbanyak IPSE\nMei 2024")
    fig.update_layout(width=lebar)
    assert fig.layout.yaxis.showticklabels is False and fig.layout.margin.l == 10
    names = [(a.text, a.y, a.x, a.xanchor, a.yanchor) for a in fig.layout.annotations]
    assert names == [(label, label, 0, "left", "bottom") for label in fig.data[0].y]
    assert all(a.yshift == fig.data[0].width * 40 / 2 for a in fig.layout.annotations)
    assert fig.layout.xaxis.range[1] > 1500  # room for the value written after the longest bar


def test_ranking_bars_show_the_unit() -> None:
    fig = bar_peringkat([BarisPeringkat(1, 1, "Polres Batu", 12.34)], "Kecepatan", "jam", 1)
    assert fig.data[0].text[0] == "12,3 jam" and fig.layout.separators == ",."


def test_trend_lines_leave_gaps_for_months_without_value() -> None:
    fig = garis_tren({"Polres Batu": {JAN: 4.0}}, [JAN, FEB], "Tren")
    assert list(fig.data[0].x) == ["Jan 24", "Feb 24"] and list(fig.data[0].y) == [4.0, None]


def test_bump_chart_puts_rank_one_on_top() -> None:
    fig = bump_peringkat({"Polres Batu": {JAN: 3, FEB: 1}}, [JAN, FEB], "Peringkat")
    assert fig.layout.yaxis.autorange == "reversed" and list(fig.data[0].y) == [3, 1]


def test_monthly_totals_fill_missing_months_with_zero() -> None:
    assert list(bar_total_bulanan({FEB: 10.0}, [JAN, FEB], "Total").data[0].y) == [0.0, 10.0]


def test_a_two_line_title_breaks_the_line_and_escapes_each_line() -> None:
    fig = bar_peringkat(ROWS, "IPSE <b>\nMei 2024")
    assert fig.layout.title.text == "IPSE &lt;b&gt;<br>Mei 2024"
