"""Peringkat: one kategori (or Juara Umum) for the chosen Polda and period, among every satker or
within a peer group — chart, table with attainment against the target (red / amber / green
bands), share, movement and flags, WhatsApp summary, CSV/XLSX download."""

from functools import partial

import streamlit as st

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.target import TANPA_TARGET
from analytics.teks import escape_markdown
from exports.tabel import MIME_XLSX, ke_csv, ke_xlsx
from services.grafik import grafik_peringkat
from services.kategori import cari_label_kategori, susun_semua_kode
from services.ringkasan import susun_teks_whatsapp
from services.tabel import baris_tampilan
from services.target import baca_capaian, nama_lingkup
from ui.data import grafik_bersama, load_kategori, query
from ui.filters import current_filters, tautan_tampilan
from ui.grafik import grafik_peringkat_polda, tampilkan_grafik
from ui.kelompok import load_rankings_dalam, pilih_kelompok
from ui.pita import keterangan_pita, warnai_pita
from ui.tabel import tampilkan_tabel
from ui.unduh import tombol_unduh

pilihan = current_filters()
kategori = load_kategori()
judul = cari_label_kategori(pilihan.kategori, kategori)
satuan, desimal = satuan_dan_desimal(pilihan.kategori)

st.title(f"Peringkat — {escape_markdown(judul)}")
grup = pilih_kelompok()
hasil = load_rankings_dalam(pilihan.polda.id, pilihan.rentang, grup)
baris = hasil.baris(pilihan.kategori)
capaian = query(baca_capaian, pilihan.polda.id, pilihan.rentang).get(pilihan.kategori)
per_satker = capaian.per_satker if capaian is not None and capaian.ada_target else None
lingkup = escape_markdown(nama_lingkup(pilihan.polda.nama, grup))
st.caption(f"{lingkup} · {pilihan.rentang.label} · gerak dibandingkan {pilihan.rentang.sebelumnya().label}")
if pilihan.kategori == JUARA_UMUM:
    with st.expander("Cara menghitung Juara Umum", icon=":material/calculate:"):
        st.markdown(hasil.metode_juara_umum(escape_markdown))
elif pilihan.kategori == KECEPATAN:
    st.caption(
        f"Rata-rata jam dari akhir bulan sampai unggahan pertama; lebih kecil lebih baik. Bulan tanpa laporan "
        f"dihitung {format_angka(hasil.penalti_jam)} jam (atau selambat laporan paling lambat di periode ini)."
    )

if not baris:
    st.info(f"Belum ada data {escape_markdown(judul)} untuk {pilihan.rentang.label}.")
    st.stop()

grafik = (
    grafik_bersama(grafik_peringkat_polda, pilihan.polda.id, pilihan.rentang, pilihan.kategori, judul)
    if grup is None
    else grafik_peringkat(hasil, pilihan.kategori, judul)
)
tampilkan_grafik(grafik, f"peringkat_{pilihan.kategori}_{pilihan.rentang.kode}")

ditandai = sum(1 for row in baris if row.flags)
st.subheader("Tabel peringkat")
if ditandai:
    st.caption(f"{ditandai} satker punya tanda untuk diperiksa (kolom Tanda). Tanda tidak mengubah peringkat.")
if per_satker is not None:
    pita = capaian.hitung_per_pita(row.satker_id for row in baris)  # type: ignore[union-attr]
    keterangan = capaian.ambang.susun_keterangan()  # type: ignore[union-attr]
    st.caption(
        "Capaian = nilai ÷ target bulan-bulan periode ini yang berdata"
        + (" (kecepatan: batas jam ÷ rata-rata jam, paling tinggi 100 %)" if pilihan.kategori == KECEPATAN else "")
        + ". "
        + keterangan_pita(keterangan, pita)
        + (f" · {pita[TANPA_TARGET]} satker tanpa target" if pita[TANPA_TARGET] else "")
    )
tampilkan_tabel(baris_tampilan(baris, satuan, desimal, per_satker), key="tabel_peringkat", gaya=warnai_pita)

nama_berkas = f"peringkat_{pilihan.kategori}_{pilihan.rentang.kode}" + (
    f"_{grup.kode.replace(' ', '_')}" if grup else ""
)
kiri, kanan = st.columns(2)
tombol_unduh(
    "Unduh CSV",
    partial(ke_csv, baris),
    f"{nama_berkas}.csv",
    "text/csv",
    jenis="peringkat_csv",
    aksi="lihat_peringkat",
    key="peringkat_csv",
    tempat=kiri,
    saringan=pilihan,
)
tombol_unduh(
    "Unduh XLSX",
    partial(ke_xlsx, {judul: baris}, {judul: desimal}, None if per_satker is None else {judul: per_satker}),
    f"{nama_berkas}.xlsx",
    MIME_XLSX,
    jenis="peringkat_xlsx",
    aksi="lihat_peringkat",
    key="peringkat_xlsx",
    tempat=kanan,
    saringan=pilihan,
)

st.subheader("Ringkasan untuk WhatsApp")
semua = st.toggle("Semua kategori dan Juara Umum", key="ringkasan_semua")
kode_list = susun_semua_kode(kategori) if semua else [pilihan.kategori]
st.code(
    susun_teks_whatsapp(hasil, kategori, pilihan.polda.nama, kode_list, tautan_tampilan("peringkat")),
    language=None,
    wrap_lines=True,
)
st.caption("Salin dengan tombol di pojok kanan atas kotak teks, lalu tempel di grup WhatsApp.")
