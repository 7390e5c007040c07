"""Beranda: the period at a glance — totals, satker per attainment band, reporting compliance, the ten category winners,
Juara Umum top 10, and the official awards when the period lies in an award year."""

import datetime as dt

import streamlit as st

from analytics.angka import format_angka
from analytics.kepatuhan import LABEL_STATUS
from analytics.teks import escape_markdown
from db import pengaturan
from db.queries_kepatuhan import kiriman_rentang
from db.queries_peringkat import penghargaan_tahun
from db.target import ambang_pita
from services.beranda import cari_tahun_penghargaan, susun_juara_per_kategori, susun_kartu_jumlah, tabel_juara_umum
from services.kepatuhan import hitung_kepatuhan
from services.tabel import tabel_penghargaan
from services.target import baca_capaian, tabel_per_pita
from ui.data import load_kategori, load_rankings, query
from ui.filters import current_filters
from ui.layout import bagi_ke_kolom, berjajar
from ui.pita import keterangan_pita
from ui.tabel import tampilkan_tabel

# Badges with Streamlit's bundled icon font: emoji medals need a system emoji font.
MEDALI = {
    rank: f":{warna}-badge[:material/military_tech: {rank}]" for rank, warna in ((1, "orange"), (2, "gray"), (3, "red"))
}
KOLOM_PER_BARIS = 5

pilihan = current_filters()
kategori = load_kategori()
hasil = load_rankings(pilihan.polda.id, pilihan.rentang)

st.title("Beranda")
st.caption(f"{escape_markdown(pilihan.polda.nama)} · {pilihan.rentang.label}")

st.subheader("Jumlah kegiatan")
for tempat, kartu in berjajar(susun_kartu_jumlah(hasil, kategori)):
    tempat.metric(
        escape_markdown(kartu.judul),
        kartu.nilai,
        delta=kartu.selisih,
        border=True,
        help=escape_markdown(kartu.keterangan),
    )

if per_pita := tabel_per_pita(query(baca_capaian, pilihan.polda.id, pilihan.rentang), kategori):
    st.subheader("Capaian target")
    st.caption(
        "Jumlah satker per pita capaian (nilai ÷ target bulan-bulan periode ini yang berdata): "
        + keterangan_pita(query(ambang_pita).susun_keterangan())
        + "."
    )
    tampilkan_tabel(per_pita, key="beranda_pita")

st.subheader("Kepatuhan laporan")
batas = query(pengaturan.batas_waktu)
sekarang = dt.datetime.now(dt.UTC)
status = hitung_kepatuhan(query(kiriman_rentang, pilihan.polda.id, pilihan.rentang), batas, sekarang)
st.caption(f"Satker × bulan pada periode ini; batas waktu {batas.keterangan}.")
for tempat, (kode_status, jumlah) in berjajar(list(status.items())):
    tempat.metric(LABEL_STATUS[kode_status], format_angka(jumlah), border=True)

st.subheader("Juara per kategori")
for tempat, juara in bagi_ke_kolom(susun_juara_per_kategori(hasil, kategori), KOLOM_PER_BARIS):
    baris = [f"{MEDALI[rank]} **{escape_markdown(satker)}** — {nilai}" for rank, satker, nilai in juara.juara]
    with tempat.container(border=True):
        st.markdown(f"**{escape_markdown(juara.judul)}**")
        st.markdown("\n\n".join(baris) if baris else "_Belum ada nilai pada periode ini._")

st.subheader("Juara Umum — 10 besar")
if juara_umum := tabel_juara_umum(hasil):
    tampilkan_tabel(juara_umum)
    st.caption("Cara menghitung ada di halaman Peringkat (pilih kategori Juara Umum).")
else:
    st.info("Belum ada data pada periode ini.")

tahun = cari_tahun_penghargaan(pilihan.rentang)
if tahun is not None and (resmi := query(penghargaan_tahun, pilihan.polda.id, tahun)):
    st.subheader(f"Penghargaan resmi {tahun}")
    tampilkan_tabel(tabel_penghargaan(resmi, kategori))
