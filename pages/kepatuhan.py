"""Kepatuhan: for one month, who has reported and when, on time or late against the deadline,
who is missing, and how much time is left."""

import datetime as dt

import streamlit as st

from analytics.kepatuhan import LABEL_STATUS, hitung_status, sisa_waktu, status_kepatuhan
from analytics.numbers import format_angka
from analytics.periods import month_label, rentang_bulan, to_wib
from db import pengaturan
from db.queries_kepatuhan import kiriman_rentang
from ui.data import query
from ui.filters import current_filters

URUTAN_STATUS = {"belum_melapor": 0, "menunggu": 1, "terlambat": 2, "tepat_waktu": 3}

pilihan = current_filters()
st.title("Kepatuhan laporan")
bulan_list = list(reversed(pilihan.rentang.bulan))
periode = st.selectbox("Bulan laporan", bulan_list, format_func=month_label, key="kepatuhan_bulan")
batas = query(pengaturan.batas_waktu)
batas_bulan = batas.untuk(periode)
sekarang = dt.datetime.now(dt.timezone.utc)
st.caption(
    f"{pilihan.polda.nama} · laporan {month_label(periode)} · batas waktu "
    f"{to_wib(batas_bulan):%d-%m-%Y %H.%M} WIB ({sisa_waktu(batas_bulan, sekarang)})"
)

kiriman = query(kiriman_rentang, pilihan.polda.id, rentang_bulan(periode))
status = {k.satker_id: status_kepatuhan(k.pertama_dikirim, batas_bulan, sekarang) for k in kiriman}
for tempat, (kode, jumlah) in zip(st.columns(4), hitung_status(status.values()).items(), strict=True):
    tempat.metric(LABEL_STATUS[kode], format_angka(jumlah), border=True)

st.dataframe(
    [
        {
            "Satker": k.satker,
            "Status": LABEL_STATUS[status[k.satker_id]],
            "Unggahan pertama (WIB)": "–" if k.pertama_dikirim is None else f"{to_wib(k.pertama_dikirim):%d-%m-%Y %H:%M}",
            "Terhadap batas waktu": "–" if k.pertama_dikirim is None else sisa_waktu(batas_bulan, k.pertama_dikirim).replace("tersisa", "lebih awal").replace("lewat", "terlambat"),
            "Jumlah versi": k.jumlah_versi,
        }
        for k in sorted(kiriman, key=lambda k: (URUTAN_STATUS[status[k.satker_id]], k.pertama_dikirim or sekarang, k.satker))
    ],
    hide_index=True,
    width="stretch",
)
st.caption(f"Batas waktu diatur admin: {batas.keterangan}. Bulan dari rekap Polda tercatat dengan 0 versi.")
