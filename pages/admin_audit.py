"""Log Audit (admin): who did what and when, from which upload; filterable and exportable."""

import datetime as dt
from functools import partial

import streamlit as st

from analytics.angka import format_angka
from analytics.periods import WIB, ubah_hari_wib_ke_utc
from db.audit import BATAS_BARIS, baca_log_audit, daftar_aksi
from exports.tabel import LEBAR_AUDIT, MIME_XLSX, csv_tabel, xlsx_tabel
from services.tabel import KOLOM_AUDIT, tabel_audit
from ui.data import query, query_tanpa_cache
from ui.sesi import pelaku_wajib
from ui.tabel import tampilkan_tabel
from ui.unduh import tombol_unduh

pelaku = pelaku_wajib()
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
catatan = query_tanpa_cache(baca_log_audit, pelaku, sejak, sampai, tuple(aksi), pelaku_teks)
baris = tabel_audit(catatan)
st.caption(
    f"{format_angka(len(baris))} catatan"
    + (f" (dibatasi {format_angka(BATAS_BARIS)} terbaru; persempit saringan)" if len(baris) >= BATAS_BARIS else "")
)
tampilkan_tabel(baris, key="audit_tabel")
nama = f"log_audit_{awal:%Y%m%d}-{akhir:%Y%m%d}"
saringan = {
    "sejak": awal.isoformat(),
    "sampai": akhir.isoformat(),
    "saringan_aksi": aksi,
    "saringan_pelaku": pelaku_teks,
}
kolom_kiri, kolom_kanan = st.columns(2)
tombol_unduh(
    "Unduh CSV",
    partial(csv_tabel, KOLOM_AUDIT, baris),
    f"{nama}.csv",
    "text/csv",
    jenis="log_audit_csv",
    aksi="lihat_audit",
    key="audit_csv",
    tempat=kolom_kiri,
    **saringan,
)
tombol_unduh(
    "Unduh XLSX",
    partial(xlsx_tabel, "Log Audit", KOLOM_AUDIT, baris, LEBAR_AUDIT),
    f"{nama}.xlsx",
    MIME_XLSX,
    jenis="log_audit_xlsx",
    aksi="lihat_audit",
    key="audit_xlsx",
    tempat=kolom_kanan,
    **saringan,
)
