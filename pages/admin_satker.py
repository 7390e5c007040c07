"""Satker dan Kategori (admin): satker names with the date a new name takes effect, active or
not, and the display labels of the ten categories."""

import datetime as dt

import streamlit as st

from analytics.kelompok import TIPE_SATKER
from db.master import daftar_satker, ganti_nama_satker, set_label_kategori, set_satker_aktif
from services.kategori import cari_label_kategori
from services.tabel import tabel_satker
from ui.data import load_kategori, query
from ui.sesi import pelaku_wajib
from ui.tulis import tampilkan_pesan, tulis

pelaku_wajib()
st.title("Satker dan Kategori")
satker = query(daftar_satker)
by_id = {s.id: s for s in satker}
tampilkan_pesan()
st.dataframe(tabel_satker(satker), hide_index=True, width="stretch", key="satker_tabel")

nama, status, kategori_tab = st.tabs(["Ganti nama satker", "Aktif / nonaktif", "Label kategori"])
with nama, st.form("satker_nama"):
    target = st.selectbox("Satker", list(by_id), format_func=lambda i: by_id[i].nama, key="nama_satker")
    nama_baru = st.text_input("Nama baru", key="nama_baru")
    tipe = st.selectbox("Tipe", TIPE_SATKER, key="nama_tipe")
    berlaku = st.date_input("Berlaku mulai", value=dt.date.today(), format="DD/MM/YYYY", key="nama_berlaku")
    catatan = st.text_input("Catatan (dasar perubahan)", key="nama_catatan")
    st.caption(
        "Bulan sebelum tanggal berlaku tetap memakai nama lama; laporan dengan nama lama maupun baru tetap dikenali."
    )
    if st.form_submit_button("Simpan nama baru", type="primary"):
        tulis(
            ganti_nama_satker,
            target,
            nama_baru,
            tipe,
            berlaku,
            catatan,
            pesan=f"Nama baru {nama_baru.strip()} disimpan.",
        )
with status:
    target = st.selectbox("Satker", list(by_id), format_func=lambda i: by_id[i].nama, key="status_satker")
    st.caption("Satker nonaktif tidak diperingkat dan tidak dapat menerima laporan; riwayatnya tetap tersimpan.")
    if by_id[target].aktif:
        if st.button("Nonaktifkan", key="satker_nonaktifkan", icon=":material/block:"):
            tulis(set_satker_aktif, target, False, pesan=f"{by_id[target].nama} dinonaktifkan.")
    elif st.button("Aktifkan", key="satker_aktifkan", icon=":material/check:"):
        tulis(set_satker_aktif, target, True, pesan=f"{by_id[target].nama} diaktifkan.")
with kategori_tab, st.form("kategori_label"):
    kategori = load_kategori()
    kode = st.selectbox(
        "Kategori",
        [k.kode for k in kategori],
        format_func=lambda kode: cari_label_kategori(kode, kategori),
        key="label_kategori",
    )
    label = st.text_input("Label tampilan (kosongkan untuk kembali ke nama resmi)", key="label_baru")
    if st.form_submit_button("Simpan label", type="primary"):
        tulis(set_label_kategori, kode, label, pesan="Label kategori disimpan.")
