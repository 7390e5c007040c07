"""Kepatuhan: for one month, who has reported and when, on time or late against the deadline,
who is missing, and how much time is left."""

import datetime as dt

import streamlit as st

from analytics.angka import format_angka
from analytics.kepatuhan import LABEL_STATUS, hitung_status, sisa_waktu
from analytics.periods import month_label, rentang_bulan, to_wib
from db import pengaturan
from db.queries_kepatuhan import kiriman_rentang
from services.kepatuhan import hitung_status_satker
from services.tabel import tabel_kepatuhan
from ui.data import query
from ui.filters import current_filters
from ui.layout import berjajar

pilihan = current_filters()
st.title("Kepatuhan laporan")
bulan_list = list(reversed(pilihan.rentang.bulan))
periode = st.selectbox("Bulan laporan", bulan_list, format_func=month_label, key="kepatuhan_bulan")
batas = query(pengaturan.batas_waktu)
batas_bulan = batas.untuk(periode)
sekarang = dt.datetime.now(dt.UTC)
st.caption(
    f"{pilihan.polda.nama} · laporan {month_label(periode)} · batas waktu "
    f"{to_wib(batas_bulan):%d-%m-%Y %H.%M} WIB ({sisa_waktu(batas_bulan, sekarang)})"
)

kiriman = query(kiriman_rentang, pilihan.polda.id, rentang_bulan(periode))
status = hitung_status_satker(kiriman, batas_bulan, sekarang)
for tempat, (kode, jumlah) in berjajar(list(hitung_status(status.values()).items())):
    tempat.metric(LABEL_STATUS[kode], format_angka(jumlah), border=True)

st.dataframe(
    tabel_kepatuhan(kiriman, status, batas_bulan, sekarang),
    hide_index=True,
    width="stretch",
)
st.caption(f"Batas waktu diatur admin: {batas.keterangan}. Bulan dari rekap Polda tercatat dengan 0 versi.")
