"""Plotly figures for the pages and for PNG export: data in, figure out (no Streamlit, no SQL).

Numbers follow Indonesian conventions (``separators=",."``: 1.234,5); medal colours mark the
top three of a ranking. Every name and label that goes into a title, an axis, a legend or hover
text is HTML-escaped (:func:`analytics.teks.escape_html`): Plotly renders HTML there, and those
texts are typed by admins and operators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from analytics.agenda import Acara
from analytics.angka import format_angka, format_nilai, satuan_dan_desimal
from analytics.perbandingan import BarisPolda
from analytics.peringkat import BarisPeringkat
from analytics.periods import format_bulan_singkat
from analytics.teks import escape_html
from services.peringkat import HasilPeringkat

WARNA_MEDALI = {1: "#C9A227", 2: "#9EA3A8", 3: "#B0713A"}
WARNA_DASAR = "#1F4E8C"
FONT = "Source Sans Pro, Arial, sans-serif"
TINGGI_BARIS = 40
"""Pixels per satker in a ranking chart: its name on one line and its bar below."""
LEBAR_BATANG = 0.45
"""A bar's share of its row; the name sits in the rest, above the bar."""


def _layout(fig: go.Figure, judul: str, tinggi: int) -> go.Figure:
    """Title (each line of ``judul`` escaped, the lines joined by a line break), size and style."""
    fig.update_layout(
        title={
            "text": "<br>".join(escape_html(baris) for baris in judul.split("\n")),
            "x": 0.01,
            "xanchor": "left",
            "font": {"size": 16},
        },
        height=tinggi,
        margin={"l": 10, "r": 30, "t": 70, "b": 40},
        separators=",.",
        font={"family": FONT, "size": 13},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    return fig


def _nama_di_atas_batang(fig: go.Figure, labels: Sequence[str]) -> None:
    """Write each bar's name just above it, from zero, and hide the axis labels on its left.

    The names are set as one list: ``add_annotation`` once per bar validates the whole list again
    each time, and took three quarters of a Peringkat page run (quadratic in the satker)."""
    yshift = TINGGI_BARIS * LEBAR_BATANG / 2
    font = {"size": 12, "color": "#31333F"}
    fig.update_layout(
        annotations=[
            {
                "x": 0,
                "y": label,
                "text": label,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": yshift,
                "font": font,
            }
            for label in labels
        ]
    )
    fig.update_yaxes(showticklabels=False, range=[-0.6, len(labels) - 0.2])


def bar_peringkat(baris: Sequence[BarisPeringkat], judul: str, satuan: str = "", desimal: int = 0) -> go.Figure:
    """Horizontal bars of every satker in rank order, first place on top, medals in colour.

    Each name is written just above its bar, starting at zero, instead of in a margin to its
    left: on a 390-px phone a margin wide enough for "37. Polres Probolinggo Kota" would leave the
    bars a third of the width, while above the bar the name costs no width at any screen size.
    """
    ordered = list(reversed(baris))
    labels = [f"{row.rank}. {escape_html(row.satker)}" for row in ordered]
    teks = [format_nilai(row.value, satuan, desimal) for row in ordered]
    fig = go.Figure(
        go.Bar(
            x=[row.value for row in ordered],
            y=labels,
            orientation="h",
            width=LEBAR_BATANG,
            marker_color=[WARNA_MEDALI.get(row.rank, WARNA_DASAR) for row in ordered],
            text=teks,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    _nama_di_atas_batang(fig, labels)
    terbesar = max((row.value for row in ordered), default=0.0)
    fig.update_xaxes(
        showgrid=True, gridcolor="#E5E8EC", zeroline=True, zerolinecolor="#B8C0CA", range=[0, terbesar * 1.2 or 1]
    )
    return _layout(fig, judul, max(260, TINGGI_BARIS * len(ordered) + 100))


def grafik_peringkat(hasil: HasilPeringkat, kode: str, judul: str) -> go.Figure:
    """A kategori's (or Juara Umum's) ranking bars, titled with its label and the period."""
    return bar_peringkat(hasil.baris(kode), f"{judul}\n{hasil.rentang.label}", *satuan_dan_desimal(kode))


def bar_polda(baris: Sequence[BarisPolda], judul: str, satuan: str = "", desimal: int = 0) -> go.Figure:
    """The Polda comparison as the ranking bars (a Polda without reports at 0)."""
    return bar_peringkat(
        [BarisPeringkat(b.rank, b.polda_id, b.polda, b.nilai or 0.0) for b in baris], judul, satuan, desimal
    )


def garis_tren(
    series: Mapping[str, Mapping[dt.date, float]], bulan: Sequence[dt.date], judul: str, satuan: str = ""
) -> go.Figure:
    """One line per satker over the months (a month without a value is a gap)."""
    fig = go.Figure()
    x = [format_bulan_singkat(m) for m in bulan]
    for nama, by_month in series.items():
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[by_month.get(m) for m in bulan],
                mode="lines+markers",
                name=escape_html(nama),
                connectgaps=False,
            )
        )
    fig.update_yaxes(title=satuan or None, gridcolor="#E5E8EC", rangemode="tozero")
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return _layout(fig, judul, 420)


def bump_peringkat(ranks: Mapping[str, Mapping[dt.date, int]], bulan: Sequence[dt.date], judul: str) -> go.Figure:
    """Rank per month for chosen satker; rank 1 at the top."""
    fig = go.Figure()
    x = [format_bulan_singkat(m) for m in bulan]
    for nama, by_month in ranks.items():
        fig.add_trace(
            go.Scatter(
                x=x, y=[by_month.get(m) for m in bulan], mode="lines+markers", name=escape_html(nama), line={"width": 3}
            )
        )
    fig.update_yaxes(autorange="reversed", title="Peringkat", dtick=5, gridcolor="#E5E8EC")
    fig.update_layout(legend={"orientation": "h", "y": -0.2})
    return _layout(fig, judul, 420)


def bar_total_bulanan(
    totals: Mapping[dt.date, float], bulan: Sequence[dt.date], judul: str, satuan: str = ""
) -> go.Figure:
    """Polda total of one kategori per month."""
    values = [totals.get(m, 0.0) for m in bulan]
    fig = go.Figure(
        go.Bar(
            x=[format_bulan_singkat(m) for m in bulan],
            y=values,
            marker_color=WARNA_DASAR,
            text=[format_angka(v) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(title=satuan or None, gridcolor="#E5E8EC")
    return _layout(fig, judul, 380)


GARIS_AGENDA = {"dash": "dot", "color": "#8A94A6"}


def tandai_agenda(fig: go.Figure, tanda: Mapping[dt.date, Sequence[Acara]]) -> go.Figure:
    """Mark the months of a monthly chart that have events: a dotted line and a numbered tag whose
    hover text names the events (the page lists them in full below the chart). Set as one list
    each, not added one by one (every addition validates the whole list again)."""
    shapes, annotations = [], []
    for nomor, (periode, acara) in enumerate(((m, a) for m, a in tanda.items() if a), start=1):
        x = format_bulan_singkat(periode)
        shapes.append(
            {"type": "line", "x0": x, "x1": x, "xref": "x", "y0": 0, "y1": 1, "yref": "paper", "line": GARIS_AGENDA}
        )
        annotations.append(
            {
                "x": x,
                "y": 1.02,
                "yref": "paper",
                "text": f"A{nomor}",
                "hovertext": "<br>".join(escape_html(a.label) for a in acara),  # an admin may add events
                "showarrow": False,
                "font": {"size": 11, "color": "#5B6577"},
            }
        )
    if shapes:
        fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *annotations])
    return fig


def bar_persentil(persentil: Mapping[str, float], judul: str) -> go.Figure:
    """A satker's percentile in each kategori (100 = best of the Polda), as horizontal bars, the
    kategori names above them as in :func:`bar_peringkat`."""
    labels = list(reversed(list(persentil)))
    values = [persentil[label] for label in labels]
    aman = [escape_html(label) for label in labels]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=aman,
            orientation="h",
            width=LEBAR_BATANG,
            marker_color=WARNA_DASAR,
            text=[format_angka(v) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    _nama_di_atas_batang(fig, aman)
    fig.update_xaxes(range=[0, 115], title="Persentil (100 = terbaik)", gridcolor="#E5E8EC")
    return _layout(fig, judul, TINGGI_BARIS * len(labels) + 160)
