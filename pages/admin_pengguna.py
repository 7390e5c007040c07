"""Pengguna (admin): the accounts, adding one, resetting a password, disabling or enabling."""

import streamlit as st

from analytics.izin import LABEL_PERAN, PERAN
from db.akun import atur_ulang_kata_sandi, daftar_pengguna, set_aktif, tambah_pengguna
from db.queries import satker_aktif_semua
from services.tabel import tabel_pengguna
from ui.data import load_polda, query
from ui.sesi import pelaku_wajib
from ui.tulis import kata_sandi_ganda, tampilkan_pesan, tulis, tulis_bila_sama

pelaku_wajib()
st.title("Pengguna")
pengguna = query(daftar_pengguna)
st.dataframe(tabel_pengguna(pengguna), hide_index=True, width="stretch", key="pengguna_tabel")
satker = query(satker_aktif_semua)
polda = {p.id: p.nama for p in load_polda()}
by_id = {p.id: p for p in pengguna}
tampilkan_pesan()

tambah, sandi, status = st.tabs(["Tambah pengguna", "Atur ulang kata sandi", "Aktif / nonaktif"])
with tambah, st.form("pengguna_tambah", clear_on_submit=True):
    username = st.text_input("Nama pengguna", key="tambah_username", help="huruf kecil, angka, titik, _ atau -")
    nama = st.text_input("Nama lengkap", key="tambah_nama")
    peran = st.selectbox("Peran", PERAN, format_func=LABEL_PERAN.__getitem__, key="tambah_peran")
    satker_id = st.selectbox(
        "Satker (hanya untuk operator)",
        [None, *satker],
        key="tambah_satker",
        format_func=lambda i: "–" if i is None else satker[i],
    )
    polda_id = st.selectbox(
        "Polda (admin dan pimpinan; kosong berarti nasional)",
        [None, *polda],
        key="tambah_polda",
        format_func=lambda i: "Nasional (semua Polda)" if i is None else polda[i],
    )
    sandi_baru, ulang = kata_sandi_ganda("tambah")
    if st.form_submit_button("Tambah", type="primary"):
        operator = peran == "operator"
        tulis_bila_sama(
            sandi_baru,
            ulang,
            tambah_pengguna,
            username,
            sandi_baru,
            peran,
            nama,
            satker_id if operator else None,
            False,
            None if operator else polda_id,
            pesan=f"Pengguna {username.strip().lower()} ditambahkan.",
        )
with sandi, st.form("pengguna_sandi", clear_on_submit=True):
    target = st.selectbox("Pengguna", list(by_id), format_func=lambda i: by_id[i].username, key="sandi_pengguna")
    sandi_baru, ulang = kata_sandi_ganda("reset", "Kata sandi baru")
    if st.form_submit_button("Atur ulang", type="primary"):
        tulis_bila_sama(
            sandi_baru,
            ulang,
            atur_ulang_kata_sandi,
            target,
            sandi_baru,
            pesan=f"Kata sandi {by_id[target].username} diatur ulang; kunci akun dibuka.",
        )
with status:
    target = st.selectbox("Pengguna", list(by_id), format_func=lambda i: by_id[i].username, key="status_pengguna")
    if target is not None and by_id[target].aktif:
        if st.button("Nonaktifkan", key="status_nonaktifkan", icon=":material/block:"):
            tulis(set_aktif, target, False, pesan=f"{by_id[target].username} dinonaktifkan.")
    elif target is not None and st.button("Aktifkan", key="status_aktifkan", icon=":material/check:"):
        tulis(set_aktif, target, True, pesan=f"{by_id[target].username} diaktifkan.")
