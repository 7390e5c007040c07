"""Entry point and the one login gate: page config, database check, the DATA CONTOH banner, the
pages the logged-in user's role may open, and the shared filters for the review pages. A database
that goes away while the app is open stops the run with a clear message, not a traceback."""

import streamlit as st

from analytics.izin import LABEL_PERAN, Aksi, boleh
from ui.data import load_polda
from ui.database import get_engine, tangani_gangguan_database
from ui.filters import render_filters
from ui.heap import bekukan_objek_impor
from ui.layout import halaman_tidak_tersedia, show_demo_banner
from ui.sesi import KUNCI_KE_AWAL, akhiri_sesi, pelaku_sekarang

st.set_page_config(page_title="Dasbor Kinerja Humas", page_icon=":material/leaderboard:", layout="wide")
TINJAUAN = [
    st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", default=True),
    st.Page("pages/peringkat.py", title="Peringkat", icon=":material/leaderboard:"),
    st.Page("pages/tren.py", title="Tren", icon=":material/show_chart:"),
    st.Page("pages/profil_satker.py", title="Profil Satker", icon=":material/account_balance:"),
    st.Page("pages/kepatuhan.py", title="Kepatuhan", icon=":material/schedule:"),
]
EKSPOR = st.Page("pages/ekspor.py", title="Ekspor", icon=":material/download:")
HALAMAN: dict[str, list[tuple[st.Page, Aksi | None]]] = {
    "Tinjauan": [(page, "lihat_peringkat") for page in TINJAUAN],
    "Laporan": [
        (st.Page("pages/unggah.py", title="Unggah Laporan", icon=":material/upload_file:"), "unggah_laporan"),
        (EKSPOR, "ekspor"),
    ],
    "Admin": [
        (st.Page("pages/admin_pengguna.py", title="Pengguna", icon=":material/group:"), "kelola_pengguna"),
        (st.Page("pages/admin_satker.py", title="Satker dan Kategori", icon=":material/domain:"), "kelola_satker"),
        (st.Page("pages/admin_pengaturan.py", title="Pengaturan", icon=":material/tune:"), "ubah_pengaturan"),
        (st.Page("pages/admin_audit.py", title="Log Audit", icon=":material/history:"), "lihat_audit"),
    ],
    "Akun": [(st.Page("pages/akun.py", title="Akun Saya", icon=":material/person:"), None)],
}
PERBANDINGAN = st.Page("pages/perbandingan_polda.py", title="Perbandingan Polda", icon=":material/compare_arrows:")
SEMUA_HALAMAN = [*(page for pages in HALAMAN.values() for page, _ in pages), PERBANDINGAN]
DENGAN_FILTER = [*TINJAUAN, PERBANDINGAN, EKSPOR]  # the pages that read the sidebar filters

with tangani_gangguan_database():
    get_engine()
    show_demo_banner()
    pelaku = pelaku_sekarang()
    if pelaku is None:
        # A bookmarked, refreshed or shared page address shows the login form as well, not
        # "page not found"; after login the same address opens that page. (The default page's
        # address is the root, "".)
        masuk = [st.Page("pages/masuk.py", title="Masuk", icon=":material/login:", default=True)]
        masuk += [
            st.Page("pages/masuk.py", title="Masuk", url_path=page.url_path) for page in SEMUA_HALAMAN if page.url_path
        ]
        halaman_masuk = st.navigation(masuk, position="hidden")
        if st.session_state.pop(KUNCI_KE_AWAL, False) and halaman_masuk.url_path:
            st.switch_page(masuk[0])
        halaman_masuk.run()
        st.stop()

    boleh_dibuka = {
        bagian: [page for page, aksi in pages if aksi is None or boleh(pelaku, aksi)]
        for bagian, pages in HALAMAN.items()
    }
    if pelaku.nasional and len(load_polda()) > 1:
        boleh_dibuka["Tinjauan"].append(PERBANDINGAN)
    terbuka = [page for pages in boleh_dibuka.values() for page in pages]
    # Addresses of the pages this role may not open (a bookmark from another account, a role
    # changed meanwhile) say so, hidden from the menu, instead of Streamlit's "Page not found".
    untuk_peran = (
        f"tidak tersedia untuk peran {LABEL_PERAN[pelaku.peran]}; minta admin Bidhumas bila Anda memerlukannya."
    )
    alasan_perbandingan = (
        "Perbandingan Polda memerlukan data lebih dari satu Polda."
        if pelaku.nasional
        else "Perbandingan Polda hanya untuk akun nasional; akun Anda terikat satu Polda."
    )
    tertutup = [
        halaman_tidak_tersedia(
            page, alasan_perbandingan if page is PERBANDINGAN else f"Halaman {page.title} {untuk_peran}"
        )
        for page in SEMUA_HALAMAN
        if page not in terbuka
    ]
    boleh_dibuka["Akun"] += tertutup
    halaman = st.navigation({bagian: pages for bagian, pages in boleh_dibuka.items() if pages})

    st.sidebar.markdown(f":small[Masuk sebagai **{pelaku.nama or pelaku.username}** · {LABEL_PERAN[pelaku.peran]}]")
    st.sidebar.button("Keluar", icon=":material/logout:", key="keluar", on_click=akhiri_sesi, args=(pelaku,))
    if halaman in DENGAN_FILTER:
        render_filters(pelaku)
    try:
        halaman.run()
    finally:
        bekukan_objek_impor()
