"""Kepatuhan: for one month, who has reported and when, on time or late against the deadline,
who is missing, and how much time is left; the reminders for those still missing, with WhatsApp
texts for the group and for each satker (the late list once the deadline has passed)."""

import datetime as dt

import streamlit as st

from analytics.angka import format_angka
from analytics.kepatuhan import LABEL_STATUS, hitung_status, sisa_waktu
from analytics.periods import month_label, rentang_bulan, to_wib
from analytics.teks import escape_markdown
from db import pengaturan
from db.queries_kepatuhan import kiriman_rentang
from services.kepatuhan import hitung_status_satker
from services.pengingat import susun_pengingat, tautan_wa
from services.tabel import tabel_kepatuhan, tabel_pengingat
from ui.alamat_halaman import alamat_unggah
from ui.data import query, query_tanpa_cache
from ui.filters import current_filters
from ui.layout import berjajar
from ui.tabel import tampilkan_tabel

pilihan = current_filters()
st.title("Kepatuhan laporan")
bulan_list = list(reversed(pilihan.rentang.bulan))
periode = st.selectbox("Bulan laporan", bulan_list, format_func=month_label, key="kepatuhan_bulan")
batas = query(pengaturan.batas_waktu)
batas_bulan = batas.untuk(periode)
sekarang = dt.datetime.now(dt.UTC)
st.caption(
    f"{escape_markdown(pilihan.polda.nama)} · laporan {month_label(periode)} · batas waktu "
    f"{to_wib(batas_bulan):%d-%m-%Y %H.%M} WIB ({sisa_waktu(batas_bulan, sekarang)})"
)

kiriman = query(kiriman_rentang, pilihan.polda.id, rentang_bulan(periode))
status = hitung_status_satker(kiriman, batas_bulan, sekarang)
for tempat, (kode, jumlah) in berjajar(list(hitung_status(status.values()).items())):
    tempat.metric(LABEL_STATUS[kode], format_angka(jumlah), border=True)

tampilkan_tabel(
    tabel_kepatuhan(kiriman, status, batas_bulan, sekarang),
)
st.caption(f"Batas waktu diatur admin: {batas.keterangan}. Bulan dari rekap Polda tercatat dengan 0 versi.")

pengingat = query_tanpa_cache(susun_pengingat, pilihan.polda.id, pilihan.polda.nama, periode, sekarang, alamat_unggah())
st.subheader("Terlambat" if pengingat.terlambat else "Pengingat sebelum batas waktu")
if not pengingat.satker:
    st.success(f"Semua satker sudah mengirim laporan {month_label(periode)}.")
else:
    st.caption(
        f"{len(pengingat.satker)} satker belum mengirim laporan {month_label(periode)}; batas waktu {pengingat.sisa}."
    )
    tampilkan_tabel(tabel_pengingat(pengingat), key="kepatuhan_pengingat")
    st.markdown("**Pesan untuk grup WhatsApp**")
    st.code(pengingat.pesan_grup, language=None, wrap_lines=True)
    st.link_button("Buka di WhatsApp", tautan_wa(pengingat.pesan_grup), icon=":material/send:")
    by_id = {p.satker_id: p for p in pengingat.satker}
    satu = st.selectbox(
        "Pesan untuk satu satker", list(by_id), format_func=lambda i: by_id[i].satker, key="pengingat_satker"
    )
    st.code(by_id[satu].pesan, language=None, wrap_lines=True)
    st.link_button("Buka pesan satker di WhatsApp", tautan_wa(by_id[satu].pesan), icon=":material/send:")
