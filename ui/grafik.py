"""Showing a plotly figure the same way on every page: plotly's own camera button saves a PNG
(named after the chart) in the browser, at twice the screen resolution."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st


def tampilkan_grafik(fig: go.Figure, nama_berkas: str) -> None:
    st.plotly_chart(
        fig,
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": nama_berkas, "scale": 2},
        },
    )
