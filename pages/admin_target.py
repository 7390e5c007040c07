"""Target dan Kelompok (admin): monthly targets per kategori, the attainment band thresholds,
peer groups, satker types and the agenda of events. Every change is recorded in the audit log;
targets and groups can also be loaded from a workbook (sheets Target and Kelompok)."""

import datetime as dt
from typing import Any

import streamlit as st

from analytics.agenda import JENIS_ACARA, Acara
from analytics.izin import Pelaku
from analytics.kelompok import TIPE_SATKER
from analytics.periods import add_months, month_label, month_start
from analytics.target import LINGKUP, AmbangPita, Target
from db.agenda import daftar_acara_tersimpan, hapus_acara, tambah_acara
from db.engine import Session
from db.kelompok import daftar_kelompok, hapus_kelompok, simpan_kelompok
from db.master import daftar_satker
from db.target import (
    ambang_pita,
    daftar_target_tersimpan,
    hapus_target,
    set_ambang_pita,
    set_tipe_tetap,
    simpan_target,
    tipe_tetap,
)
from services.admin_target import LABEL_LINGKUP, format_target, tabel_agenda, tabel_kelompok, tabel_target, tabel_tipe
from ui.data import load_kategori, load_polda, query
from ui.sesi import pelaku_wajib
from ui.tabel import tampilkan_tabel
from ui.tulis import tampilkan_pesan, tulis

NASIONAL = ""
BULAN_KE_BELAKANG = 60  # a target may start five years back: history is judged against its own target

pelaku_wajib()
st.title("Target dan Kelompok")
tampilkan_pesan()
kategori = load_kategori()
label_kategori = {k.kode: k.label for k in kategori}
satker = {s.id: s.nama for s in query(daftar_satker)}

target_tab, ambang_tab, kelompok_tab, tipe_tab, agenda_tab = st.tabs(
    ["Target", "Ambang pita", "Kelompok", "Tipe satker", "Agenda"]
)

with target_tab:
    st.caption(
        "Target per bulan berlaku mulai bulan yang dipilih sampai diganti; bulan sebelumnya tetap memakai target "
        "lamanya. Target satu satker mengalahkan target tipenya, dan target tipe mengalahkan target semua satker. "
        "Kecepatan laporan: target adalah batas jam paling lama. Target juga dapat dimuat dari sheet “Target”."
    )
    tersimpan = query(daftar_target_tersimpan)
    if tersimpan:
        tampilkan_tabel(tabel_target(tersimpan, kategori, satker), key="target_tabel")
    else:
        st.info("Belum ada target. Tambahkan di bawah ini.")
    with st.form("target_tambah"):
        kiri, kanan = st.columns(2)
        kode = kiri.selectbox("Kategori", list(label_kategori), format_func=label_kategori.__getitem__, key="t_kat")
        lingkup = kanan.selectbox("Lingkup", LINGKUP[::-1], format_func=LABEL_LINGKUP.__getitem__, key="t_lingkup")
        tipe = kiri.selectbox("Tipe satker (lingkup tipe)", TIPE_SATKER, key="t_tipe")
        satker_id = kanan.selectbox(
            "Satker (lingkup satu satker)", list(satker), format_func=satker.__getitem__, key="t_satker"
        )
        bulan_ini = month_start(dt.date.today())
        pilihan_bulan = [add_months(bulan_ini, i) for i in range(12, -BULAN_KE_BELAKANG - 1, -1)]
        mulai = kiri.selectbox("Berlaku mulai", pilihan_bulan, index=12, format_func=month_label, key="t_mulai")
        nilai = kanan.number_input("Target per bulan (kecepatan: jam)", min_value=0.0, value=20.0, key="t_nilai")
        berakhir = st.checkbox("Akhiri target lingkup ini mulai bulan itu", key="t_berakhir")
        if st.form_submit_button("Simpan target", type="primary"):
            baru = {
                "kategori": kode,
                "lingkup": lingkup,
                "berlaku_mulai": mulai,
                "nilai": None if berakhir else nilai,
                "tipe": tipe if lingkup == "tipe" else None,
                "satker_id": satker_id if lingkup == "satker" else None,
            }

            def simpan(session: Session, pelaku: Pelaku, isian: dict[str, Any]) -> None:
                simpan_target(session, pelaku, [Target(**isian)])  # Target refuses a bad value here

            tulis(
                simpan, baru, pesan=f"Target {label_kategori[kode]} mulai {month_label(month_start(mulai))} disimpan."
            )
    if tersimpan:
        pilihan = {t.id: t for t in tersimpan}
        hapus = st.selectbox(
            "Hapus target yang salah isi",
            list(pilihan),
            format_func=lambda i: format_target(pilihan[i], label_kategori, satker),
            key="t_hapus",
        )
        if st.button("Hapus target", key="t_hapus_tombol", icon=":material/delete:"):
            tulis(hapus_target, hapus, pesan="Target dihapus.")

with ambang_tab, st.form("ambang_pita"):
    ambang = query(ambang_pita)
    st.caption(
        "Pita capaian: merah di bawah ambang kuning, kuning dari ambang kuning, hijau dari ambang hijau "
        f"(sekarang: {', '.join(f'{p} {k}' for p, k in ambang.susun_keterangan().items())})."
    )
    kiri, kanan = st.columns(2)
    kuning = kiri.number_input("Ambang kuning (%)", 0.1, 99.9, float(ambang.kuning), step=1.0, key="ambang_kuning")
    hijau = kanan.number_input("Ambang hijau (%)", 0.2, 100.0, float(ambang.hijau), step=1.0, key="ambang_hijau")
    if st.form_submit_button("Simpan ambang", type="primary"):

        def simpan_ambang(session: Session, pelaku: Pelaku, kuning: float, hijau: float) -> None:
            set_ambang_pita(session, pelaku, AmbangPita(round(kuning, 1), round(hijau, 1)))

        tulis(simpan_ambang, kuning, hijau, pesan="Ambang pita disimpan.")

with kelompok_tab:
    kelompok = query(daftar_kelompok)
    tampilkan_tabel(tabel_kelompok(kelompok, satker), key="kelompok_tabel")
    with st.form("kelompok_simpan"):
        nama = st.text_input("Nama kelompok (nama yang sudah ada: anggotanya diganti)", key="k_nama")
        anggota = st.multiselect("Anggota", list(satker), format_func=satker.__getitem__, key="k_anggota")
        if st.form_submit_button("Simpan kelompok", type="primary"):
            tulis(simpan_kelompok, nama, anggota, pesan=f"Kelompok {nama.strip()} disimpan.")
    buatan = {k.kode: k.nama for k in kelompok if not k.bawaan}
    if buatan:
        kode_hapus = st.selectbox("Hapus kelompok", list(buatan), format_func=buatan.__getitem__, key="k_hapus")
        if st.button("Hapus kelompok", key="k_hapus_tombol", icon=":material/delete:"):
            tulis(hapus_kelompok, kode_hapus, pesan=f"Kelompok {buatan[kode_hapus]} dihapus.")

with tipe_tab:
    st.caption(
        "Tipe satker dibaca dari namanya (Polres, Polresta, Polrestabes, Polres Pelabuhan) dan menentukan kelompok "
        "bawaan serta target per tipe. Tetapkan tipe lain bila nama tidak mencerminkannya."
    )
    tampilkan_tabel(tabel_tipe(query(daftar_satker), query(tipe_tetap)), key="tipe_tabel")
    with st.form("tipe_simpan"):
        kiri, kanan = st.columns(2)
        tipe_satker = kiri.selectbox("Satker", list(satker), format_func=satker.__getitem__, key="tipe_satker")
        tipe_baru = kanan.selectbox(
            "Tipe", [None, *TIPE_SATKER], format_func=lambda t: t or "Menurut nama", key="tipe_baru"
        )
        if st.form_submit_button("Simpan tipe", type="primary"):
            tulis(set_tipe_tetap, tipe_satker, tipe_baru, pesan=f"Tipe {satker[tipe_satker]} disimpan.")

with agenda_tab:
    acara = query(daftar_acara_tersimpan)
    st.caption(
        "Acara ditandai pada grafik Tren dan tanda lonjakan. Acara bawaan (nasional 2023–2025) menyebut sumber "
        "tanggalnya; acara Polda hanya tampil pada tampilan Polda itu."
    )
    tampilkan_tabel(
        tabel_agenda(acara),
        key="agenda_tabel",
        column_config={"Sumber": st.column_config.TextColumn("Sumber", width="medium")},
    )
    polda = [NASIONAL, *(p.nama for p in load_polda())]
    with st.form("agenda_tambah"):
        nama_acara = st.text_input("Nama acara", key="a_nama")
        kiri, kanan = st.columns(2)
        jenis = kiri.selectbox("Jenis", list(JENIS_ACARA), format_func=JENIS_ACARA.__getitem__, key="a_jenis")
        berlaku = kanan.selectbox("Berlaku", polda, format_func=lambda p: p or "Nasional", key="a_polda")
        mulai_acara = kiri.date_input("Mulai", format="DD/MM/YYYY", key="a_mulai")
        selesai_acara = kanan.date_input("Selesai", format="DD/MM/YYYY", key="a_selesai")
        sumber = st.text_input("Sumber tanggal (alamat pengumuman atau surat)", key="a_sumber")
        catatan = st.text_input("Catatan (opsional)", key="a_catatan")
        if st.form_submit_button("Tambah acara", type="primary"):
            isian = (mulai_acara, selesai_acara, nama_acara.strip(), jenis, berlaku or None, sumber, catatan)

            def tambah(session: Session, pelaku: Pelaku, isian: tuple[Any, ...]) -> None:
                tambah_acara(session, pelaku, Acara(*isian))  # Acara refuses a bad date range here

            tulis(tambah, isian, pesan=f"Acara {nama_acara.strip()} ditambahkan.")
    milik_admin = {a.id: a for a in acara if not a.bawaan}
    if milik_admin:
        acara_hapus = st.selectbox(
            "Hapus acara tambahan",
            list(milik_admin),
            format_func=lambda i: milik_admin[i].acara.label,
            key="a_hapus",
        )
        if st.button("Hapus acara", key="a_hapus_tombol", icon=":material/delete:"):
            tulis(hapus_acara, acara_hapus, pesan="Acara dihapus.")
