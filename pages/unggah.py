"""Unggah Laporan: the template for the satker and month, the upload with a preview of counts,
automatic fixes, errors and warnings before anything is stored, the annotated workbook when there are errors,
the confirmation, and the satker's history of uploads. Admins may upload for any satker and
load recap and award workbooks here too."""

import datetime as dt
import hashlib
from functools import partial

import streamlit as st

from analytics.angka import format_angka
from analytics.kepatuhan import sisa_waktu
from analytics.periods import add_months, month_label, month_start, to_wib
from analytics.teks import escape_markdown
from db import pengaturan
from db.queries import satker_aktif_semua
from db.queries_satker import riwayat_laporan
from etl.annotate import perlu_salinan
from etl.loader import check_workbook, load_workbook
from etl.perbaikan import ringkas_perbaikan
from etl.template import build_template
from exports.tabel import MIME_XLSX
from services.tabel import tabel_jumlah, tabel_masalah, tabel_versi
from ui.berkas import tampilkan_baris_versi, tombol_berkas_asli
from ui.data import data_berubah, load_kategori, query, salinan_bertanda
from ui.database import get_engine
from ui.sesi import pelaku_wajib
from ui.tabel import tampilkan_tabel
from ui.unduh import tombol_unduh

BULAN_PILIHAN = 12

pelaku = pelaku_wajib()
st.title("Unggah Laporan")
semua_satker = query(satker_aktif_semua, pelaku.polda_id)  # an admin bound to a Polda: its satker only
if pelaku.peran == "operator":
    pilihan_satker = {pelaku.satker_id: semua_satker.get(pelaku.satker_id, "satker nonaktif")}
    st.caption(f"Laporan bulanan {escape_markdown(pilihan_satker[pelaku.satker_id])}.")
else:
    pilihan_satker = semua_satker
    st.caption("Sebagai admin Anda dapat mengunggah laporan satker mana pun, rekap Polda, dan hasil penghargaan.")

sekarang = dt.datetime.now(dt.UTC)
bulan_ini = month_start(to_wib(sekarang).date())
bulan_list = [add_months(bulan_ini, -i) for i in range(BULAN_PILIHAN)]
kiri, kanan = st.columns(2)
satker_id = kiri.selectbox("Satker", list(pilihan_satker), format_func=pilihan_satker.__getitem__, key="unggah_satker")
periode = kanan.selectbox("Bulan laporan", bulan_list, index=1, format_func=month_label, key="unggah_bulan")
batas = query(pengaturan.batas_waktu).untuk(periode)
st.caption(
    f"Batas waktu laporan {month_label(periode)}: {to_wib(batas):%d-%m-%Y %H.%M} WIB ({sisa_waktu(batas, sekarang)})."
)
nama_satker = pilihan_satker[satker_id]
tombol_unduh(
    "Unduh templat laporan",
    partial(build_template, nama_satker, periode),
    f"laporan_{nama_satker.replace(' ', '_')}_{periode:%Y-%m}.xlsx",
    MIME_XLSX,
    jenis="templat",
    aksi="unggah_laporan",
    key="unggah_templat",
    satker_id=satker_id,
    satker=nama_satker,
    periode=f"{periode:%Y-%m}",
)

st.subheader("Unggah berkas")
berkas = st.file_uploader("Berkas laporan (.xlsx, .xls, .ods)", type=["xlsx", "xls", "ods"], key="unggah_berkas")
if berkas is not None:
    data = berkas.getvalue()
    tersimpan = st.session_state.get("unggah_tersimpan")
    if tersimpan is not None and tersimpan[0] == berkas.file_id:
        hasil, diterima = tersimpan[1], tersimpan[2]
        st.success(
            f"{escape_markdown(hasil.message)} Diterima {to_wib(diterima):%d-%m-%Y %H.%M} WIB.",
            icon=":material/check_circle:",
        )
    else:
        if st.session_state.get("unggah_pratinjau", (None,))[0] != berkas.file_id:
            with st.spinner("Memeriksa berkas…"):
                pratinjau = check_workbook(get_engine(), data, berkas.name, pelaku, terisolasi=True)
            st.session_state["unggah_pratinjau"] = (berkas.file_id, pratinjau)
        hasil = st.session_state["unggah_pratinjau"][1]
        if hasil.status == "rejected":
            st.error(
                f"Berkas ditolak: {format_angka(len(hasil.errors))} kesalahan. Tidak ada yang disimpan. Perbaiki "
                "sel yang disebut di tabel (atau di salinan bertanda di bawah), lalu unggah ulang.",
                icon=":material/error:",
            )
            tampilkan_tabel(tabel_masalah(hasil.problems), key="unggah_masalah")
            if perlu_salinan(hasil.problems):  # built on click, once per file; never for a refused file
                sha256, masalah = hashlib.sha256(data).hexdigest(), tuple(hasil.problems)
                tombol_unduh(
                    "Unduh salinan bertanda kesalahan (.xlsx)",
                    lambda: salinan_bertanda(sha256, berkas.name, masalah, data),
                    f"{berkas.name.rsplit('.', 1)[0]}.kesalahan.xlsx",
                    MIME_XLSX,
                    jenis="salinan_beranotasi",
                    aksi="unggah_laporan",
                    key="unggah_anotasi",
                    icon=":material/edit_note:",
                    berkas_asal=berkas.name,
                )
        else:
            st.info(escape_markdown(hasil.message), icon=":material/fact_check:")
            if hasil.counts:
                tampilkan_tabel(tabel_jumlah(hasil.counts, load_kategori()), key="unggah_jumlah")
            if perbaikan := ringkas_perbaikan(hasil.warnings):
                st.info(
                    f"Diperbaiki otomatis: {perbaikan}. Sel yang diperbaiki tercantum di tabel peringatan; "
                    "periksa sebelum menyimpan.",
                    icon=":material/auto_fix_high:",
                )
            if hasil.warnings:
                st.warning(f"{format_angka(len(hasil.warnings))} peringatan (tidak menghalangi penyimpanan):")
                tampilkan_tabel(tabel_masalah(hasil.warnings), key="unggah_peringatan")
            if gagal := st.session_state.pop("unggah_coba_lagi", None):
                st.warning(gagal, icon=":material/cloud_off:")
            if st.button("Simpan", type="primary", icon=":material/save:", key="unggah_simpan"):
                diterima = dt.datetime.now(dt.UTC)
                with st.spinner("Menyimpan…"):
                    hasil = load_workbook(
                        get_engine(), data, berkas.name, uploader=pelaku, now=diterima, terisolasi=True
                    )
                if hasil.coba_lagi:  # the database, not the file: keep the preview, Simpan may be pressed again
                    st.session_state["unggah_coba_lagi"] = hasil.message
                elif hasil.status == "rejected":  # something changed since the preview; show why
                    st.session_state["unggah_pratinjau"] = (berkas.file_id, hasil)
                else:
                    st.session_state["unggah_tersimpan"] = (berkas.file_id, hasil, diterima)
                data_berubah()
                st.rerun()

st.subheader(f"Riwayat unggahan {escape_markdown(nama_satker)}")
riwayat = query(riwayat_laporan, satker_id)
if riwayat:
    tampilkan_tabel(tabel_versi(riwayat), key="unggah_riwayat")
    tombol_berkas_asli(riwayat, satker_id, "unggah_berkas_asli")
    tampilkan_baris_versi(riwayat, satker_id, "unggah_baris")
else:
    st.caption("Belum ada laporan tersimpan untuk satker ini.")
