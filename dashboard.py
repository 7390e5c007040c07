"""Entry point: page config, database check, the DATA CONTOH banner and the page router."""

import streamlit as st

from ui.database import get_engine
from ui.layout import show_demo_banner

st.set_page_config(page_title="Dasbor Kinerja Humas", page_icon=":material/leaderboard:", layout="wide")
get_engine()
show_demo_banner()

halaman = st.navigation(
    [st.Page("pages/beranda.py", title="Beranda", icon=":material/home:", default=True)]
)
halaman.run()
