"""Tren: one kategori month by month — lines for chosen satker, their ranks (bump chart), and the
Polda total per month, with the months of agenda events marked (A1, A2…) and listed."""

import streamlit as st

from analytics.angka import satuan_dan_desimal
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.teks import escape_markdown
from analytics.tren import total_per_bulan
from db.queries_peringkat import satker_aktif, series_bulanan
from services.agenda import baca_tanda_agenda, susun_keterangan_agenda
from services.grafik import bar_total_bulanan, bump_peringkat, garis_tren, tandai_agenda
from services.tren import hitung_peringkat_satker, pilih_rentang_tren, susun_garis_satker
from ui.data import load_kategori, load_rankings, query
from ui.filters import current_filters
from ui.grafik import tampilkan_grafik

SATKER_AWAL = 5

pilihan = current_filters()
kategori = {k.kode: k for k in load_kategori()}
st.title("Tren")
if pilihan.kategori == JUARA_UMUM:
    st.info("Tren ditampilkan per kategori. Pilih salah satu dari sepuluh kategori di panel kiri.")
    st.stop()

info = kategori[pilihan.kategori]
rentang = pilih_rentang_tren(pilihan.rentang)
st.caption(
    f"{escape_markdown(pilihan.polda.nama)} · {escape_markdown(info.label)} · {rentang.label}"
    + (" (12 bulan sampai akhir periode yang dipilih)" if rentang != pilihan.rentang else "")
)

nama = query(satker_aktif, pilihan.polda.id, rentang.akhir)
hasil = load_rankings(pilihan.polda.id, pilihan.rentang)
teratas = [row.satker_id for row in hasil.baris(info.kode)[:SATKER_AWAL]]
dipilih = st.multiselect(
    "Satker",
    list(nama),
    default=teratas,
    format_func=nama.__getitem__,
    key=f"tren_satker_{pilihan.polda.id}_{info.kode}_{pilihan.rentang.kode}",
    help="Awalnya lima teratas pada periode yang dipilih.",
)
satuan, _ = satuan_dan_desimal(info.kode)
series = query(series_bulanan, pilihan.polda.id, rentang, info.kode)
bulan = rentang.bulan
polda_agenda = None if pilihan.polda.id is None else pilihan.polda.nama
tanda = query(baca_tanda_agenda, bulan, polda_agenda)

if dipilih:
    tampilkan_grafik(
        tandai_agenda(
            garis_tren(susun_garis_satker(series, nama, dipilih), bulan, f"{info.label} per bulan", satuan), tanda
        ),
        f"tren_{info.kode}_{rentang.kode}",
    )
    tampilkan_grafik(
        bump_peringkat(
            hitung_peringkat_satker(series, nama, info.kode, info.arah, bulan, hasil.penalti_jam, dipilih),
            bulan,
            f"Peringkat per bulan — {info.label}",
        ),
        f"peringkat_bulanan_{info.kode}_{rentang.kode}",
    )
else:
    st.info("Pilih satu atau beberapa satker untuk melihat garis tren dan peringkatnya.")

total = total_per_bulan(series, info.kode)
judul_total = (
    "Rata-rata kecepatan laporan per bulan" if info.kode == KECEPATAN else f"Total {pilihan.polda.nama} per bulan"
)
tampilkan_grafik(
    tandai_agenda(bar_total_bulanan(total, bulan, judul_total, satuan), tanda), f"total_{info.kode}_{rentang.kode}"
)
if keterangan := susun_keterangan_agenda(tanda):
    st.subheader("Agenda")
    polda = "" if polda_agenda is None else f" dan {escape_markdown(polda_agenda)}"
    st.caption(f"Acara nasional{polda} pada bulan bertanda:")
    st.markdown("\n".join(f"- {escape_markdown(baris)}" for baris in keterangan))  # event names an admin typed
