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


def halaman_tidak_tersedia(page: st.Page, alasan: str) -> st.Page:
    """A page hidden from the menu at ``page``'s address that says why it cannot be opened."""

    def tidak_tersedia() -> None:
        st.title(page.title)
        st.warning(f"{alasan} Pilih halaman lain di panel kiri.", icon=":material/block:")

    return st.Page(tidak_tersedia, title=page.title, url_path=page.url_path, visibility="hidden")
