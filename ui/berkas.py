"""Downloading the original file of a report version (db.berkas_asli): the file is read when the
button is clicked, with the logged-in user's permission checked and the download audited then."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from analytics.izin import Pelaku, boleh
from analytics.periods import month_label
from db.berkas_asli import unduh_berkas_asli
from db.queries_satker import VersiLaporan, baris_versi
from services.tabel import tabel_baris_versi
from ui.data import load_kategori, query
from ui.database import write_session
from ui.sesi import pelaku_wajib
from ui.tabel import tampilkan_tabel


def _isi(pelaku: Pelaku, unggahan_id: int) -> bytes:
    with write_session() as session:
        berkas = unduh_berkas_asli(session, pelaku, unggahan_id)
    return berkas.isi if berkas is not None else b""


def tombol_berkas_asli(versi: Sequence[VersiLaporan], satker_id: int, key: str) -> None:
    """A choice of the versions whose file was kept and a button to download it exactly as sent;
    nothing for a user who may not download this satker's files (the server checks again)."""
    pelaku = pelaku_wajib()
    if not boleh(pelaku, "unggah_laporan", satker_id):
        return
    tersimpan = {v.unggahan_id: v for v in versi if v.ada_berkas and v.unggahan_id is not None}
    if not tersimpan:
        st.caption(
            "Berkas asli tersimpan untuk setiap laporan yang diterima sejak penyimpanan berkas ada; DATA CONTOH "
            "tidak punya berkas."
        )
        return
    kiri, kanan = st.columns([3, 1], vertical_alignment="bottom")
    unggahan_id = kiri.selectbox(
        "Berkas asli",
        list(tersimpan),
        format_func=lambda i: (
            f"{month_label(tersimpan[i].periode)} versi {tersimpan[i].versi} — {tersimpan[i].nama_file}"
        ),
        key=f"{key}_pilih",
    )
    pilihan = tersimpan[unggahan_id]
    kanan.download_button(
        "Unduh berkas asli",
        lambda: _isi(pelaku, unggahan_id),
        pilihan.nama_file,
        icon=":material/download:",
        key=f"{key}_unduh",
        help=f"Persis seperti yang dikirim (SHA-256 {pilihan.sha256}); setiap unduhan dicatat di log audit.",
    )


def tampilkan_baris_versi(versi: Sequence[VersiLaporan], satker_id: int, key: str) -> None:
    """The activity rows of a chosen version, superseded ones too (a correction never hides what
    was claimed before)."""
    pilihan = {v.laporan_id: v for v in versi}
    laporan_id = st.selectbox(
        "Lihat baris kegiatan versi",
        [None, *pilihan],
        format_func=lambda i: (
            "—" if i is None else f"{month_label(pilihan[i].periode)} versi {pilihan[i].versi} ({pilihan[i].status})"
        ),
        key=f"{key}_versi",
    )
    if laporan_id is None:
        return
    sheet = {k.kode: k.nama_sheet or k.label for k in load_kategori()}
    tampilkan_tabel(
        tabel_baris_versi(query(baris_versi, satker_id, laporan_id), sheet),
        key=f"{key}_tabel",
        column_config={"Tanggal": st.column_config.DateColumn("Tanggal", format="DD/MM/YYYY")},
    )
