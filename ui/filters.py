"""The sidebar filters every page shares: Polda, period and kategori.

They are drawn by ``dashboard.py`` before the page runs, so their widgets (and values) persist
when the user moves between pages; pages read them with ``current_filters()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from analytics.izin import Pelaku
from analytics.kategori import JUARA_UMUM
from analytics.periods import (
    ROMAWI,
    Rentang,
    month_label,
    rentang_bulan,
    rentang_tahun,
    rentang_triwulan,
)
from db.queries_peringkat import NASIONAL, PoldaInfo
from services.kategori import cari_label_kategori
from ui.data import load_kategori, load_periode, load_polda
from ui.sesi import pelaku_wajib

JENIS_PERIODE = {"bulan": "Bulan", "triwulan": "Triwulan", "tahun": "Tahun", "rentang": "Rentang bulan"}


@dataclass(frozen=True)
class Filter:
    polda: PoldaInfo
    rentang: Rentang
    kategori: str


def _pick_rentang(months: list[dt.date]) -> Rentang:
    """Period widgets; ``months`` are the months with data, newest first."""
    jenis = (
        st.sidebar.segmented_control(
            "Periode", list(JENIS_PERIODE), format_func=JENIS_PERIODE.__getitem__, default="bulan", key="jenis_periode"
        )
        or "bulan"
    )
    years = sorted({m.year for m in months}, reverse=True)
    if jenis == "bulan":
        return rentang_bulan(st.sidebar.selectbox("Bulan", months, format_func=month_label, key="bulan"))
    if jenis == "triwulan":
        tahun = st.sidebar.selectbox("Tahun", years, key="tahun_triwulan")
        latest_q = (max(m for m in months if m.year == tahun).month - 1) // 3 + 1
        triwulan = st.sidebar.selectbox(
            "Triwulan",
            [1, 2, 3, 4],
            index=latest_q - 1,
            format_func=lambda q: f"Triwulan {ROMAWI[q - 1]}",
            key="triwulan",
        )
        return rentang_triwulan(tahun, triwulan)
    if jenis == "tahun":
        return rentang_tahun(st.sidebar.selectbox("Tahun", years, key="tahun"))
    oldest_first = sorted(months)
    awal = st.sidebar.selectbox(
        "Dari bulan", oldest_first, index=max(0, len(oldest_first) - 6), format_func=month_label, key="rentang_awal"
    )
    later = [m for m in oldest_first if m >= awal]
    akhir = st.sidebar.selectbox(
        "Sampai bulan", later, index=len(later) - 1, format_func=month_label, key="rentang_akhir"
    )
    return Rentang(awal, akhir)


def polda_choices(polda_list: list[PoldaInfo], pelaku: Pelaku) -> tuple[list[PoldaInfo], int]:
    """The Polda a user may pick and the default's position: a national user (no Polda of their
    own) also gets the national scope, first, when there is more than one Polda; everyone else
    starts on their own Polda."""
    choices = [NASIONAL, *polda_list] if pelaku.polda_id is None and len(polda_list) > 1 else list(polda_list)
    own = next((i for i, p in enumerate(choices) if p.id == pelaku.polda_id), 0)
    return choices, own


def render_filters(pelaku: Pelaku) -> Filter | None:
    """Draw the sidebar filters; None (with a message) when there is no data to filter yet."""
    polda_list = load_polda()
    months = load_periode()
    if not polda_list or not months:
        st.session_state.pop("filter", None)
        return None
    choices, default = polda_choices(polda_list, pelaku)
    by_id = {p.id: p for p in choices}
    polda = by_id[
        st.sidebar.selectbox("Polda", list(by_id), index=default, format_func=lambda i: by_id[i].nama, key="polda")
    ]
    rentang = _pick_rentang(months)
    kategori = load_kategori()
    kode = st.sidebar.selectbox(
        "Kategori",
        [JUARA_UMUM, *(k.kode for k in kategori)],
        index=1,
        format_func=lambda kode: cari_label_kategori(kode, kategori),
        key="kategori",
    )
    chosen = Filter(polda, rentang, kode)
    st.session_state["filter"] = chosen
    return chosen


def current_filters() -> Filter:
    """The filters drawn by the router for this run; stops the page when there is no data yet."""
    chosen = st.session_state.get("filter")
    if chosen is None:
        pelaku_wajib()  # a page address opened before the router ran: to the login form first
        st.info(
            "Belum ada laporan di database. Muat laporan dengan `python -m etl load BERKAS.xlsx`, "
            "atau coba aplikasi dengan DATA CONTOH: `python -m etl init --demo`."
        )
        st.stop()
    return chosen
