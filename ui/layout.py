"""Pieces every page shows the same way."""

from __future__ import annotations

import streamlit as st

from ui.data import has_demo_data

DEMO_BANNER = (
    "**DATA CONTOH** — angka di aplikasi ini berasal dari data sintetis untuk mencoba aplikasi, "
    "bukan laporan satker yang sebenarnya. Hapus dengan `python -m etl demo --hapus`."
)


def show_demo_banner() -> None:
    """The DATA CONTOH warning, on every page while demo rows are stored."""
    if has_demo_data():
        st.warning(DEMO_BANNER, icon=":material/science:")
