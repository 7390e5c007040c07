"""Profil Satker: one unit across the ten kategori, its attainment against the targets, its
monthly history, its submissions and versions, and the activity rows (evidence) behind every count."""

import streamlit as st

from analytics.angka import format_angka
from analytics.periods import month_label, rentang_bulan, rentang_dua_belas_bulan
from analytics.teks import escape_markdown
from db.queries_peringkat import satker_aktif
from db.queries_satker import bukti_aktivitas, riwayat_laporan, riwayat_nilai
from services.grafik import bar_persentil
from services.kategori import pilih_kategori_hitungan
from services.profil import susun_ringkasan_satker
from services.tabel import tabel_bukti, tabel_riwayat, tabel_versi
from services.target import baca_capaian, tabel_capaian_satker
from ui.berkas import tampilkan_baris_versi, tombol_berkas_asli
from ui.data import load_kategori, load_rankings, query
from ui.filters import current_filters, pilih_satker
from ui.grafik import tampilkan_grafik
from ui.pita import warnai_pita
from ui.tabel import tampilkan_tabel

pilihan = current_filters()
kategori = load_kategori()
nama = query(satker_aktif, pilihan.polda.id, pilihan.rentang.akhir)
st.title("Profil Satker")
satker_id = pilih_satker(nama)
st.caption(f"{escape_markdown(nama[satker_id])} · {escape_markdown(pilihan.polda.nama)} · {pilihan.rentang.label}")

hasil = load_rankings(pilihan.polda.id, pilihan.rentang)
ringkasan = susun_ringkasan_satker(hasil, kategori, satker_id)
if not ringkasan.baris:
    st.info(f"Belum ada data untuk {pilihan.rentang.label}.")
    st.stop()

kiri, kanan = st.columns([3, 2])
tampilkan_tabel(ringkasan.baris, tempat=kiri)
with kanan:
    tampilkan_grafik(bar_persentil(ringkasan.persentil, "Persentil di Polda"), f"persentil_{nama[satker_id]}")

if capaian := tabel_capaian_satker(query(baca_capaian, pilihan.polda.id, pilihan.rentang), kategori, satker_id):
    st.subheader("Capaian target")
    tampilkan_tabel(capaian, key="profil_capaian", gaya=warnai_pita)
    st.caption("Capaian = nilai ÷ target bulan-bulan periode ini yang berdata; kecepatan: batas jam ÷ rata-rata jam.")

st.subheader("Riwayat 12 bulan")
dua_belas = rentang_dua_belas_bulan(pilihan.rentang.akhir)
tampilkan_tabel(
    tabel_riwayat(query(riwayat_nilai, satker_id, dua_belas), kategori, dua_belas.bulan),
)
st.caption("Nilai bertanda * berasal dari rekap Polda (backfill), bukan dari laporan bulanan.")

st.subheader("Laporan dan versinya")
versi = query(riwayat_laporan, satker_id, pilihan.rentang)
if versi:
    tampilkan_tabel(tabel_versi(versi))
    tombol_berkas_asli(versi, satker_id, "profil_berkas_asli")
    tampilkan_baris_versi(versi, satker_id, "profil_baris")
else:
    st.info("Tidak ada laporan bulanan pada periode ini (nilai mungkin berasal dari rekap).")

st.subheader("Bukti kegiatan")
hitungan = pilih_kategori_hitungan(kategori)
kiri, kanan = st.columns(2)
kode = kiri.selectbox(
    "Kategori",
    [k.kode for k in hitungan],
    format_func={k.kode: k.label for k in hitungan}.__getitem__,
    key="bukti_kategori",
)
bulan = kanan.selectbox(
    "Bulan",
    [None, *pilihan.rentang.bulan],
    format_func=lambda m: "Seluruh periode" if m is None else month_label(m),
    key="bukti_bulan",
)
rentang_bukti = pilihan.rentang if bulan is None else rentang_bulan(bulan)
bukti = query(bukti_aktivitas, satker_id, rentang_bukti, kode)
ganda = sum(1 for b in bukti if b.tautan_ganda)
st.caption(
    f"{format_angka(len(bukti))} baris kegiatan dari versi laporan yang aktif ({rentang_bukti.label})"
    + (f"; {format_angka(ganda)} tautannya juga diklaim satker lain di bulan yang sama." if ganda else ".")
)
tampilkan_tabel(
    tabel_bukti(bukti),
    column_config={
        "Tautan": st.column_config.LinkColumn("Tautan"),
        "Tanggal": st.column_config.DateColumn("Tanggal", format="DD/MM/YYYY"),
    },
)
