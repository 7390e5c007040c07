"""What ``streamlit run aplikasi.py`` serves: the app of dashboard.py on Streamlit's own server,
with the middleware that gives each browser its login-session cookie (ui/cookie_sesi.py).

Started this way by jalankan.sh and deploy/humas@.service; ``streamlit run dashboard.py`` still
works, but then a login lasts one browser tab (no cookie)."""

import streamlit as st
from starlette.middleware import Middleware

from ui.cookie_sesi import CookieSesi

app = st.App("dashboard.py", middleware=[Middleware(CookieSesi)])
