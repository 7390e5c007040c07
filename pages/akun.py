"""Akun Saya: who is logged in, and changing one's own password."""

import streamlit as st

from analytics.izin import LABEL_PERAN
from db.akun import ganti_kata_sandi
from ui.sesi import pelaku_wajib
from ui.tulis import kata_sandi_ganda, tampilkan_pesan, tulis_bila_sama

pelaku = pelaku_wajib()
st.title("Akun Saya")
tampilkan_pesan()
st.markdown(f"**{pelaku.nama or pelaku.username}** (`{pelaku.username}`) · {LABEL_PERAN[pelaku.peran]}")
with st.form("akun_sandi", clear_on_submit=True):
    lama = st.text_input("Kata sandi sekarang", type="password", key="akun_lama")
    baru, ulang = kata_sandi_ganda("akun", "Kata sandi baru")
    if st.form_submit_button("Ganti kata sandi", type="primary"):
        tulis_bila_sama(baru, ulang, ganti_kata_sandi, lama, baru, pesan="Kata sandi diganti.")
