"""Entry point: page config, database check, the DATA CONTOH banner, shared filters, page router."""

import streamlit as st

from ui.database import get_engine
from ui.filters import render_filters
from ui.layout import show_demo_banner

st.set_page_config(page_title="Dasbor Kinerja Humas", page_icon=":material/leaderboard:", layout="wide")
get_engine()
show_demo_banner()

halaman = st.navigation(
    [
        st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", default=True),
        st.Page("pages/peringkat.py", title="Peringkat", icon=":material/leaderboard:"),
        st.Page("pages/tren.py", title="Tren", icon=":material/show_chart:"),
        st.Page("pages/profil_satker.py", title="Profil Satker", icon=":material/account_balance:"),
        st.Page("pages/kepatuhan.py", title="Kepatuhan", icon=":material/schedule:"),
        st.Page("pages/ekspor.py", title="Ekspor", icon=":material/download:"),
    ]
)
render_filters()
halaman.run()
