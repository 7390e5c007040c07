"""Perbandingan Polda (national users): every Polda side by side for one kategori and period —
average per satker (or mean hours per report for kecepatan), totals, and reports received."""

import streamlit as st

from analytics.angka import satuan_dan_desimal
from analytics.kategori import JUARA_UMUM
from services.grafik import bar_polda
from services.kategori import cari_label_kategori
from services.peringkat import bandingkan_polda
from services.tabel import tabel_polda
from ui.data import load_kategori, query
from ui.filters import current_filters
from ui.grafik import tampilkan_grafik

pilihan = current_filters()
kategori = load_kategori()
st.title("Perbandingan Polda")
if pilihan.kategori == JUARA_UMUM:
    st.info("Pilih salah satu dari sepuluh kategori di panel kiri untuk membandingkan Polda.")
    st.stop()
judul = cari_label_kategori(pilihan.kategori, kategori)
satuan, desimal = satuan_dan_desimal(pilihan.kategori)
ukuran = "rata-rata jam per laporan (lebih kecil lebih baik)" if satuan == "jam" else "rata-rata per satker"
st.caption(f"{judul} · {pilihan.rentang.label} · diperingkat menurut {ukuran}, agar Polda besar dan kecil sebanding")
baris = query(bandingkan_polda, pilihan.rentang, pilihan.kategori)
if not baris:
    st.info(f"Belum ada data {judul} untuk {pilihan.rentang.label}.")
    st.stop()
tampilkan_grafik(
    bar_polda(baris, f"{judul} per Polda — {pilihan.rentang.label}", satuan, max(desimal, 1)),
    f"perbandingan_polda_{pilihan.kategori}_{pilihan.rentang.kode}",
)
st.dataframe(tabel_polda(baris, satuan), hide_index=True, width="stretch", key="tabel_polda")
