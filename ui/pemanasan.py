"""Warming an app process while its first user is still on the login form.

The review pages' first run in a new process imports pandas and pyarrow (Streamlit converts every
table to Arrow) and loads plotly's property validators on the first figure: seconds on a small
server, paid by the first leader after each restart between "Masuk" and Beranda. A background
thread does that work once per process as soon as the login form is shown; typing a password
takes longer. Nothing session-specific is touched: only imports and throwaway objects.
"""

from __future__ import annotations

import importlib
import logging
import threading

import streamlit as st

MODUL_HALAMAN = ("pandas", "pyarrow", "plotly.graph_objects", "streamlit.dataframe_util", "services.grafik")
"""What the review pages import on their first run and the login form does not."""

_log = logging.getLogger(__name__)


def panaskan() -> None:
    """Import the pages' heavy modules, then convert one tiny table to Arrow and one tiny figure
    to JSON, so that the lazily loaded parts (pyarrow's pandas bridge, plotly's validators for
    bars and lines) are in place too."""
    for name in MODUL_HALAMAN:
        importlib.import_module(name)
    import pandas as pd
    import plotly.graph_objects as go
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    convert_anything_to_arrow_bytes(pd.DataFrame({"Satker": ["Polres"], "Nilai": [1], "Bulan": [pd.Timestamp(0)]}))
    figure = go.Figure([go.Bar(x=[1], y=["a"], orientation="h", text=["1"]), go.Scatter(x=[1], y=[1], mode="lines")])
    figure.update_layout(title={"text": "a"}, separators=",.", height=100, xaxis={"title": "a"}, legend={"x": 0})
    figure.to_json()


def _panaskan_dengan_log() -> None:
    try:
        panaskan()
    except Exception:  # a failed warm-up only means the first page pays as before; say why in the log
        _log.exception("Pemanasan proses aplikasi gagal; halaman pertama akan memuat modulnya sendiri.")


@st.cache_resource(show_spinner=False)
def mulai_pemanasan() -> threading.Thread:
    """Start the warm-up once per process (``st.cache_resource``); later calls return the same thread."""
    thread = threading.Thread(target=_panaskan_dengan_log, name="humas-pemanasan", daemon=True)
    thread.start()
    return thread
