"""The sidebar filters every page shares: Polda, period and kategori.

They are drawn by ``dashboard.py`` before the page runs, so their widgets (and values) persist
when the user moves between pages; pages read them with ``current_filters()``. The address names
the view (analytics/alamat_tampilan.py): parameters that differ from what this session last wrote
(a copied address, a fresh browser) set the widgets before they are drawn, and the chosen filters
are written back, so the address changes with them.

The Polda is the user's scope: a user bound to one Polda is offered only that Polda, and whatever
Polda id arrives (the widget, a value left in the session, the page address) passes
:func:`analytics.izin.pastikan_polda` before a :class:`Filter` exists, so no page reads another
Polda's data for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from analytics.alamat_tampilan import (
    PARAM_FILTER,
    PARAM_SATKER,
    PilihanTampilan,
    Tampilan,
    baca_satker,
    baca_tampilan,
    buat_kode,
    susun_tautan,
)
from analytics.izin import Pelaku, boleh_polda, pastikan_polda
from analytics.kategori import JUARA_UMUM
from analytics.periods import (
    ROMAWI,
    Rentang,
    month_label,
    rentang_bulan,
    rentang_tahun,
    rentang_triwulan,
)
from analytics.teks import escape_markdown
from db import pengaturan
from db.queries_peringkat import NASIONAL, PoldaInfo
from services.kategori import cari_label_kategori
from ui.data import load_kategori, load_periode, load_polda, query
from ui.sesi import pelaku_wajib

KUNCI_ALAMAT = "alamat_ditulis"
KUNCI_ALAMAT_SATKER = "alamat_satker_ditulis"
JENIS_PERIODE = {"bulan": "Bulan", "triwulan": "Triwulan", "tahun": "Tahun", "rentang": "Rentang bulan"}


@dataclass(frozen=True)
class Filter:
    polda: PoldaInfo
    rentang: Rentang
    kategori: str

    def untuk_audit(self) -> dict[str, str]:
        """The filters as an export's audit entry records them."""
        return {"polda": self.polda.nama, "periode": self.rentang.kode, "kategori": self.kategori}


def _pick_rentang(months: list[dt.date]) -> Rentang:
    """Period widgets; ``months`` are the months with data, newest first. Defaults are seeded in
    session state (not ``index=``) so that an address can set them too.

    The Periode control always shows a choice: it cannot be deselected, and an empty value from
    the browser (a click that reached the server before the browser had applied the seeded value)
    is put back to "bulan", so the control and the page never disagree."""
    if st.session_state.get("jenis_periode") not in JENIS_PERIODE:
        st.session_state["jenis_periode"] = "bulan"
    jenis = (
        st.sidebar.segmented_control(
            "Periode",
            list(JENIS_PERIODE),
            format_func=JENIS_PERIODE.__getitem__,
            key="jenis_periode",
            required=True,
        )
        or "bulan"
    )
    years = sorted({m.year for m in months}, reverse=True)
    if jenis == "bulan":
        return rentang_bulan(st.sidebar.selectbox("Bulan", months, format_func=month_label, key="bulan"))
    if jenis == "triwulan":
        tahun = st.sidebar.selectbox("Tahun", years, key="tahun_triwulan")
        st.session_state.setdefault("triwulan", (max(m for m in months if m.year == tahun).month - 1) // 3 + 1)
        triwulan = st.sidebar.selectbox(
            "Triwulan", [1, 2, 3, 4], format_func=lambda q: f"Triwulan {ROMAWI[q - 1]}", key="triwulan"
        )
        return rentang_triwulan(tahun, triwulan)
    if jenis == "tahun":
        return rentang_tahun(st.sidebar.selectbox("Tahun", years, key="tahun"))
    oldest_first = sorted(months)
    st.session_state.setdefault("rentang_awal", oldest_first[max(0, len(oldest_first) - 6)])
    awal = st.sidebar.selectbox("Dari bulan", oldest_first, format_func=month_label, key="rentang_awal")
    later = [m for m in oldest_first if m >= awal]
    if st.session_state.get("rentang_akhir") not in later:
        st.session_state["rentang_akhir"] = later[-1]
    akhir = st.sidebar.selectbox("Sampai bulan", later, format_func=month_label, key="rentang_akhir")
    return Rentang(awal, akhir)


def _set_rentang(rentang: Rentang) -> None:
    """Put the period widgets on ``rentang`` (before they are drawn)."""
    st.session_state["jenis_periode"] = rentang.jenis
    if rentang.jenis == "bulan":
        st.session_state["bulan"] = rentang.awal
    elif rentang.jenis == "triwulan":
        st.session_state["tahun_triwulan"] = rentang.awal.year
        st.session_state["triwulan"] = (rentang.awal.month - 1) // 3 + 1
    elif rentang.jenis == "tahun":
        st.session_state["tahun"] = rentang.awal.year
    else:
        st.session_state["rentang_awal"], st.session_state["rentang_akhir"] = rentang.awal, rentang.akhir


def polda_choices(polda_list: list[PoldaInfo], pelaku: Pelaku) -> tuple[list[PoldaInfo], int]:
    """The Polda a user may pick and the default's position: a national user gets every Polda and
    also the national scope, first, when there is more than one Polda; a user bound to one Polda
    gets only that Polda."""
    bisa = [p for p in polda_list if boleh_polda(pelaku, p.id)]
    choices = [NASIONAL, *bisa] if pelaku.nasional and len(bisa) > 1 else bisa
    own = next((i for i, p in enumerate(choices) if p.id == pelaku.polda_id), 0)
    return choices, own


def kode_polda(polda: PoldaInfo) -> str:
    """A Polda in an address: its abbreviation as a code (``jatim``; ``nasional`` for all)."""
    return buat_kode(polda.singkatan)


def _baca_alamat(choices: list[PoldaInfo], default: int, months: list[dt.date], kategori: list[str]) -> None:
    """Apply the address's filter parameters when they differ from what this session last wrote:
    set the widgets' state and show a notice for every parameter that could not be used."""
    diminta = {k: v for k, v in st.query_params.to_dict().items() if k in PARAM_FILTER}
    if not diminta or diminta == st.session_state.get(KUNCI_ALAMAT):
        return
    kode = [kode_polda(p) for p in choices]
    pilihan = PilihanTampilan([kode[default], *kode[:default], *kode[default + 1 :]], months, kategori, kategori[1])
    terakhir: Filter | None = st.session_state.get("filter")
    sekarang = None  # what a parameter missing from the address keeps: the view shown until now
    if terakhir is not None and kode_polda(terakhir.polda) in kode and pilihan.ada_data(terakhir.rentang):
        sekarang = Tampilan(kode_polda(terakhir.polda), terakhir.rentang, terakhir.kategori)
    tampilan, pesan = baca_tampilan(diminta, pilihan, sekarang)
    st.session_state["polda"] = choices[kode.index(tampilan.polda)].id
    _set_rentang(tampilan.rentang)
    st.session_state["kategori"] = tampilan.kategori
    for teks in pesan:  # they quote the address, which anyone can write: never Markdown
        st.info(escape_markdown(teks), icon=":material/link_off:")


def _tulis_alamat(tampilan: Tampilan) -> None:
    """Write the shown filters into the address (only what changed, so the history stays short)."""
    parameter = tampilan.parameter
    for kunci, nilai in parameter.items():
        if st.query_params.get(kunci) != nilai:
            st.query_params[kunci] = nilai
    st.session_state[KUNCI_ALAMAT] = parameter


def render_filters(pelaku: Pelaku) -> Filter | None:
    """Draw the sidebar filters; None (with a message) when there is no data to filter yet."""
    polda_list = load_polda()
    months = load_periode()
    if not polda_list or not months:
        st.session_state.pop("filter", None)
        return None
    choices, default = polda_choices(polda_list, pelaku)
    if not choices:  # the user's own Polda has no satker yet
        st.session_state.pop("filter", None)
        return None
    by_id = {p.id: p for p in choices}
    kategori = load_kategori()
    kode_kategori = [JUARA_UMUM, *(k.kode for k in kategori)]
    _baca_alamat(choices, default, months, kode_kategori)
    if st.session_state.get("polda") not in by_id:
        st.session_state["polda"] = choices[default].id  # a Polda this user may not open: back to their own
    dipilih = st.sidebar.selectbox("Polda", list(by_id), format_func=lambda i: by_id[i].nama, key="polda")
    pastikan_polda(pelaku, dipilih)
    polda = by_id[dipilih]
    rentang = _pick_rentang(months)
    st.session_state.setdefault("kategori", kode_kategori[1])
    kode = st.sidebar.selectbox(
        "Kategori", kode_kategori, format_func=lambda kode: cari_label_kategori(kode, kategori), key="kategori"
    )
    chosen = Filter(polda, rentang, kode)
    st.session_state["filter"] = chosen
    _tulis_alamat(Tampilan(kode_polda(polda), rentang, kode))
    return chosen


def pilih_satker(nama: dict[int, str]) -> int:
    """Profil Satker's satker selectbox, named in the address as ``satker=`` (its name as a code);
    a satker the address names that is not among ``nama`` falls back to the first, with a notice."""
    diminta = st.query_params.get(PARAM_SATKER)
    if diminta is not None and diminta != st.session_state.get(KUNCI_ALAMAT_SATKER):
        satker_id, pesan = baca_satker({PARAM_SATKER: diminta}, nama)
        st.session_state["profil_satker"] = satker_id if satker_id is not None else next(iter(nama))
        if pesan:
            st.info(escape_markdown(pesan), icon=":material/link_off:")
    if st.session_state.get("profil_satker") not in nama:
        st.session_state["profil_satker"] = next(iter(nama))
    satker_id = st.selectbox("Satker", list(nama), format_func=nama.__getitem__, key="profil_satker")
    kode = buat_kode(nama[satker_id])
    if st.query_params.get(PARAM_SATKER) != kode:
        st.query_params[PARAM_SATKER] = kode
    st.session_state[KUNCI_ALAMAT_SATKER] = kode
    return satker_id


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


def tautan_tampilan(url_path: str) -> str:
    """The address of the view shown now (the filters, and the satker on Profil Satker) on the
    server's public address; "" when that setting is empty, so the link is left out."""
    alamat = query(pengaturan.alamat_publik)
    if not alamat:
        return ""
    parameter = dict(st.session_state.get(KUNCI_ALAMAT, {}))
    if url_path == "profil_satker" and (satker := st.session_state.get(KUNCI_ALAMAT_SATKER)):
        parameter[PARAM_SATKER] = satker
    return susun_tautan(alamat, url_path, parameter)
