"""Masuk: the login form, the only page before logging in."""

import streamlit as st

from ui.alamat import boleh_sebut_akun_contoh
from ui.data import akun_contoh_ada
from ui.sesi import KUNCI_PESAN, coba_masuk

st.title("Masuk")
st.caption("Dasbor Kinerja Humas")
if pesan := st.session_state.get(KUNCI_PESAN):
    st.info(pesan)
with st.form("masuk", clear_on_submit=True):
    username = st.text_input("Nama pengguna", key="masuk_username", autocomplete="username")
    kata_sandi = st.text_input("Kata sandi", type="password", key="masuk_sandi", autocomplete="current-password")
    kirim = st.form_submit_button("Masuk", type="primary", icon=":material/login:")
if kirim:
    if not username.strip() or not kata_sandi:
        st.error("Isi nama pengguna dan kata sandi.")
    elif (gagal := coba_masuk(username, kata_sandi)) is not None:
        st.error(gagal)
    else:
        st.rerun()
if akun_contoh_ada() and boleh_sebut_akun_contoh():
    st.caption(
        "DATA CONTOH: coba dengan akun contoh `admin.contoh`, `pimpinan.contoh` atau `operator.kedirikota` "
        "(kata sandinya ada di README)."
    )
else:
    st.caption("Belum punya akun? Minta admin Bidhumas membuatkannya.")
