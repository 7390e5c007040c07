"""Pengaturan (admin): Juara Umum weights, the report deadline, the penalty for a month without
a report, the platform aliases added to the shipped table, and the server's public address for links.
Every change is recorded in the audit log."""

import streamlit as st

from analytics.teks import escape_markdown
from db import pengaturan
from db.platform_alias import alias_tambahan, hapus_alias
from etl.workbook_format import PLATFORMS
from services.platform_alias import tambah_alias
from ui.data import load_kategori, query
from ui.sesi import pelaku_wajib
from ui.tabel import tampilkan_tabel
from ui.tulis import tampilkan_pesan, tulis

pelaku_wajib()
st.title("Pengaturan")
tampilkan_pesan()
kategori = load_kategori()

st.subheader("Bobot Juara Umum")
st.caption(
    "Nilai Juara Umum adalah rata-rata berbobot poin peringkat tiap kategori; bobot 0 berarti kategori tidak dihitung."
)
bobot = query(pengaturan.bobot_juara_umum)
with st.form("pengaturan_bobot"):
    kolom = st.columns(2)
    baru = {
        k.kode: kolom[i % 2].number_input(
            escape_markdown(k.label),
            min_value=0.0,
            max_value=10.0,
            step=0.5,
            value=float(bobot[k.kode]),
            key=f"bobot_{k.kode}",
        )
        for i, k in enumerate(kategori)
    }
    if st.form_submit_button("Simpan bobot", type="primary"):
        tulis(pengaturan.set_bobot_juara_umum, baru, pesan="Bobot Juara Umum disimpan.")

st.subheader("Batas waktu laporan")
batas = query(pengaturan.batas_waktu)
with st.form("pengaturan_batas"):
    kiri, kanan = st.columns(2)
    tanggal = kiri.number_input(
        "Tanggal bulan berikutnya", min_value=1, max_value=28, value=batas.tanggal, key="batas_tanggal"
    )
    pukul = kanan.time_input("Pukul (WIB)", value=batas.pukul, key="batas_pukul")
    if st.form_submit_button("Simpan batas waktu", type="primary"):
        baru_batas = pengaturan.BatasWaktu(int(tanggal), pukul)
        tulis(pengaturan.set_batas_waktu, baru_batas, pesan=f"Batas waktu disimpan: {baru_batas.keterangan}.")

st.subheader("Penalti bulan tanpa laporan")
with st.form("pengaturan_penalti"):
    jam = st.number_input(
        "Jam (kecepatan laporan) untuk bulan tanpa laporan",
        min_value=1.0,
        max_value=8784.0,
        step=24.0,
        value=float(query(pengaturan.penalti_jam)),
        key="penalti_jam",
    )
    if st.form_submit_button("Simpan penalti", type="primary"):
        tulis(pengaturan.set_penalti_jam, jam, pesan="Penalti disimpan.")

st.subheader("Alias platform")
st.caption(
    "Nama singkat platform yang ditulis operator (IG, FB, Tik Tok, …) dikenali dari tabel bawaan; "
    "tambahkan di sini nama lain yang sering muncul. Laporan yang sudah dimuat tidak berubah."
)
tambahan = query(alias_tambahan)
if tambahan:
    tampilkan_tabel([{"Alias": alias, "Platform": platform} for alias, platform in tambahan.items()], key="alias_tabel")
with st.form("alias_tambah"):
    kiri, kanan = st.columns(2)
    alias = kiri.text_input("Alias (seperti ditulis operator)", key="alias_baru")
    platform = kanan.selectbox("Platform", PLATFORMS, key="alias_platform")
    if st.form_submit_button("Tambah alias", type="primary"):
        tulis(tambah_alias, alias, platform, pesan=f"Alias “{alias.strip()}” untuk {platform} disimpan.")
if tambahan:
    hapus = st.selectbox("Hapus alias tambahan", list(tambahan), key="alias_hapus")
    if st.button("Hapus alias", key="alias_hapus_tombol", icon=":material/delete:"):
        tulis(hapus_alias, hapus, pesan=f"Alias “{hapus}” dihapus.")

st.subheader("Alamat publik server")
st.caption(
    "Alamat yang dibuka pengguna di peramban, misalnya https://humas.poldajatim.example. Ringkasan WhatsApp, "
    "deck, dan PDF diakhiri tautan ke tampilan asalnya; tanpa alamat ini tautan tidak dicantumkan."
)
with st.form("pengaturan_alamat"):
    alamat = st.text_input("Alamat publik", value=query(pengaturan.alamat_publik), max_chars=300, key="alamat_publik")
    if st.form_submit_button("Simpan alamat", type="primary"):
        tulis(pengaturan.set_alamat_publik, alamat, pesan="Alamat publik disimpan.")
