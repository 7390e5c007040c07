"""Pieces every page shows the same way."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui.data import has_demo_data

T = TypeVar("T")

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


def bagi_ke_kolom(items: Sequence[T], per_baris: int) -> Iterator[tuple[DeltaGenerator, T]]:
    """Each item with the column it goes in, ``per_baris`` columns to a row."""
    for awal in range(0, len(items), per_baris):
        yield from zip(st.columns(per_baris), items[awal : awal + per_baris], strict=False)


LEBAR_KARTU = 165
"""Pixels of a key-figure card: two side by side on a 390-px phone, six or more on a laptop."""


def berjajar(items: Sequence[T], lebar: int = LEBAR_KARTU) -> Iterator[tuple[DeltaGenerator, T]]:
    """Each item with a box ``lebar`` pixels wide in one row that wraps, so key figures stay side
    by side on a phone, where ``st.columns`` would stack them one per screen line."""
    baris = st.container(horizontal=True, gap="small")
    for item in items:
        yield baris.container(width=lebar), item
