"""Log Audit (admin): who did what and when, from which upload; filterable and exportable."""

import datetime as dt

import streamlit as st

from analytics.angka import format_angka
from analytics.periods import WIB
from db.audit import BATAS_BARIS, daftar_aksi, daftar_audit
from exports.tables import KOLOM_AUDIT, LEBAR_AUDIT, csv_tabel, tabel_audit, xlsx_tabel
from ui.audit import catat_ekspor
from ui.data import query
from ui.database import read_session
from ui.sesi import pelaku_wajib

pelaku_wajib()
st.title("Log Audit")
hari_ini = dt.datetime.now(WIB).date()
kiri, tengah, kanan = st.columns([2, 3, 2])
rentang = kiri.date_input(
    "Tanggal (WIB)", value=(hari_ini - dt.timedelta(days=30), hari_ini), format="DD/MM/YYYY", key="audit_tanggal"
)
aksi = tengah.multiselect("Aksi", query(daftar_aksi), key="audit_aksi", placeholder="semua aksi")
pelaku_teks = kanan.text_input("Pelaku", key="audit_pelaku", placeholder="nama pengguna")
awal, akhir = (rentang[0], rentang[-1]) if rentang else (hari_ini, hari_ini)
sejak = dt.datetime.combine(awal, dt.time(0), tzinfo=WIB).astimezone(dt.UTC)
sampai = dt.datetime.combine(akhir + dt.timedelta(days=1), dt.time(0), tzinfo=WIB).astimezone(dt.UTC)
# Not cached: the log is the record of what just happened, including this page's own exports.
with read_session() as session:
    catatan = daftar_audit(session, sejak, sampai, tuple(aksi), pelaku_teks)
baris = tabel_audit(catatan)
st.caption(
    f"{format_angka(len(baris))} catatan"
    + (f" (dibatasi {format_angka(BATAS_BARIS)} terbaru; persempit saringan)" if len(baris) >= BATAS_BARIS else "")
)
st.dataframe(baris, hide_index=True, width="stretch", key="audit_tabel")
nama = f"log_audit_{awal:%Y%m%d}-{akhir:%Y%m%d}"
kolom_kiri, kolom_kanan = st.columns(2)
kolom_kiri.download_button(
    "Unduh CSV",
    csv_tabel(KOLOM_AUDIT, baris),
    f"{nama}.csv",
    "text/csv",
    icon=":material/download:",
    on_click=catat_ekspor,
    kwargs={"jenis": "log_audit_csv"},
    key="audit_csv",
)
kolom_kanan.download_button(
    "Unduh XLSX",
    xlsx_tabel("Log Audit", KOLOM_AUDIT, baris, LEBAR_AUDIT),
    f"{nama}.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click=catat_ekspor,
    kwargs={"jenis": "log_audit_xlsx"},
    key="audit_xlsx",
)
