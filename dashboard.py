"""Entry point and the one login gate: page config, database check, the DATA CONTOH banner, the
pages the logged-in user's role may open (from the registry in ui/halaman.py), and the shared
filters for the review pages. A database that goes away while the app is open stops the run with
a clear message, not a traceback."""

from typing import NoReturn

import streamlit as st

from analytics.izin import LABEL_PERAN, Pelaku, boleh
from analytics.teks import escape_markdown
from ui.data import load_polda
from ui.database import get_engine, tangani_gangguan_database
from ui.filters import render_filters
from ui.halaman import HALAMAN, MASUK, Halaman
from ui.heap import bekukan_objek_impor
from ui.layout import halaman_tidak_tersedia, show_demo_banner
from ui.pemanasan import mulai_pemanasan
from ui.sesi import KUNCI_KE_AWAL, akhiri_sesi, pelaku_sekarang

st.set_page_config(page_title="Dasbor Kinerja Humas", page_icon=":material/leaderboard:", layout="wide")
PAGES = {h.berkas: st.Page(h.berkas, title=h.judul, icon=h.ikon, default=h.bawaan) for h in HALAMAN}


def tampilkan_formulir_masuk() -> NoReturn:
    """Nobody is logged in: a bookmarked, refreshed or shared page address shows the login form
    as well, not "page not found"; after login the same address opens that page. (The default
    page's address is the root, "".)"""
    masuk = [st.Page(MASUK.berkas, title=MASUK.judul, icon=MASUK.ikon, default=True)]
    masuk += [st.Page(MASUK.berkas, title=MASUK.judul, url_path=p.url_path) for p in PAGES.values() if p.url_path]
    halaman_masuk = st.navigation(masuk, position="hidden")
    mulai_pemanasan()  # the pages' heavy imports, while the password is typed (once per process)
    if st.session_state.pop(KUNCI_KE_AWAL, False) and halaman_masuk.url_path:
        st.switch_page(masuk[0])
    halaman_masuk.run()
    st.stop()


def boleh_dibuka(pelaku: Pelaku, halaman: Halaman, banyak_polda: bool) -> bool:
    if halaman.hanya_nasional and not (pelaku.nasional and banyak_polda):
        return False
    return halaman.aksi is None or boleh(pelaku, halaman.aksi)


def jelaskan_tertutup(pelaku: Pelaku, halaman: Halaman) -> str:
    """Why a page this user may not open is closed, shown at its address (a bookmark from another
    account, a role changed meanwhile) instead of Streamlit's "Page not found"."""
    if halaman.hanya_nasional:
        if pelaku.nasional:
            return "Perbandingan Polda memerlukan data lebih dari satu Polda."
        return "Perbandingan Polda hanya untuk akun nasional; akun Anda terikat satu Polda."
    return (
        f"Halaman {halaman.judul} tidak tersedia untuk peran {LABEL_PERAN[pelaku.peran]}; "
        "minta admin Bidhumas bila Anda memerlukannya."
    )


with tangani_gangguan_database():
    get_engine()
    show_demo_banner()
    pelaku = pelaku_sekarang()
    if pelaku is None:
        tampilkan_formulir_masuk()

    banyak_polda = pelaku.nasional and len(load_polda()) > 1
    menu: dict[str, list[st.Page]] = {}
    tertutup: list[st.Page] = []
    for spec in HALAMAN:
        if boleh_dibuka(pelaku, spec, banyak_polda):
            menu.setdefault(spec.bagian, []).append(PAGES[spec.berkas])
        else:
            tertutup.append(halaman_tidak_tersedia(PAGES[spec.berkas], jelaskan_tertutup(pelaku, spec)))
    menu.setdefault("Akun", []).extend(tertutup)
    halaman = st.navigation(menu)

    st.sidebar.markdown(
        f":small[Masuk sebagai **{escape_markdown(pelaku.nama or pelaku.username)}** · {LABEL_PERAN[pelaku.peran]}]"
    )
    st.sidebar.button("Keluar", icon=":material/logout:", key="keluar", on_click=akhiri_sesi, args=(pelaku,))
    if halaman in [PAGES[h.berkas] for h in HALAMAN if h.pakai_filter]:
        render_filters(pelaku)
    try:
        halaman.run()
    finally:
        bekukan_objek_impor()
