"""Showing a plotly figure the same way on every page: plotly's own camera button saves a PNG
(named after the chart) in the browser, at twice the screen resolution."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analytics.periods import Rentang
from services.grafik import grafik_peringkat
from ui.data import load_rankings


def tampilkan_grafik(fig: go.Figure, nama_berkas: str) -> None:
    st.plotly_chart(
        fig,
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": nama_berkas, "scale": 2},
        },
    )


def grafik_peringkat_polda(polda_id: int | None, rentang: Rentang, kode: str, judul: str) -> go.Figure:
    """The ranking chart of a Polda (or the nation) for a period, from the cached rankings: what
    :func:`ui.data.grafik_bersama` keeps for every session."""
    return grafik_peringkat(load_rankings(polda_id, rentang), kode, judul)
