"""Log Audit (admin): who did what and when, from which upload; filterable and exportable."""

import datetime as dt

import streamlit as st

from analytics.angka import format_angka
from analytics.periods import WIB, ubah_hari_wib_ke_utc
from db.audit import BATAS_BARIS, daftar_aksi, daftar_audit
from exports.tabel import LEBAR_AUDIT, MIME_XLSX, csv_tabel, xlsx_tabel
from services.tabel import KOLOM_AUDIT, tabel_audit
from ui.audit import catat_ekspor
from ui.data import query, query_tanpa_cache
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
sejak, sampai = ubah_hari_wib_ke_utc(awal, akhir)
# Not cached: the log is the record of what just happened, including this page's own exports.
catatan = query_tanpa_cache(daftar_audit, sejak, sampai, tuple(aksi), pelaku_teks)
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
    MIME_XLSX,
    icon=":material/download:",
    on_click=catat_ekspor,
    kwargs={"jenis": "log_audit_xlsx"},
    key="audit_xlsx",
)
