"""Beranda: the ten categories with their top three satker for a chosen month."""

import streamlit as st

from analytics.numbers import format_angka
from analytics.periods import month_label
from analytics.ranking import rank_satker, top_ranks
from ui.data import load_kategori, load_monthly_values, load_periode

# Badges with Streamlit's bundled icon font: emoji medals need a system emoji font.
MEDALI = {rank: f":{warna}-badge[:material/military_tech: {rank}]" for rank, warna in ((1, "orange"), (2, "gray"), (3, "red"))}
KOLOM_PER_BARIS = 5

st.title("Beranda")
periode_list = load_periode()
if not periode_list:
    st.info(
        "Belum ada laporan di database. Muat laporan dengan `python -m etl load BERKAS.xlsx`, "
        "atau coba aplikasi dengan DATA CONTOH: `python -m etl init --demo`."
    )
    st.stop()

periode = st.sidebar.selectbox("Bulan", periode_list, format_func=month_label, key="periode")
st.caption(f"Tiga satker teratas di tiap kategori — {month_label(periode)}")

nilai = load_monthly_values(periode)
kategori_list = load_kategori()
for awal in range(0, len(kategori_list), KOLOM_PER_BARIS):
    kolom = st.columns(KOLOM_PER_BARIS)
    for tempat, kategori in zip(kolom, kategori_list[awal : awal + KOLOM_PER_BARIS], strict=False):
        satuan = " jam" if kategori.arah == "lebih_rendah" else ""
        desimal = 1 if kategori.arah == "lebih_rendah" else 0
        baris = [
            f"{MEDALI[p.rank]} **{p.satker}** — {format_angka(p.value, desimal)}{satuan}"
            for p in top_ranks(rank_satker(nilai.get(kategori.kode, {}), kategori.arah))
        ]
        with tempat.container(border=True):
            st.markdown(f"**{kategori.label}**")
            st.markdown("\n\n".join(baris) if baris else "_Belum ada nilai bulan ini._")
