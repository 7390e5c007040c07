"""Peringkat: one kategori (or Juara Umum) for the chosen Polda and period — chart, table with
share, movement and flags, WhatsApp summary, CSV/XLSX download."""

import streamlit as st

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM, KECEPATAN
from exports.tabel import MIME_XLSX, ke_csv, ke_xlsx
from services.grafik import grafik_peringkat
from services.kategori import cari_label_kategori, susun_semua_kode
from services.ringkasan import susun_teks_whatsapp
from services.tabel import baris_tampilan
from ui.audit import catat_ekspor
from ui.data import load_kategori, load_rankings
from ui.filters import current_filters, tautan_tampilan
from ui.grafik import tampilkan_grafik

pilihan = current_filters()
kategori = load_kategori()
hasil = load_rankings(pilihan.polda.id, pilihan.rentang)
judul = cari_label_kategori(pilihan.kategori, kategori)
satuan, desimal = satuan_dan_desimal(pilihan.kategori)
baris = hasil.baris(pilihan.kategori)

st.title(f"Peringkat — {judul}")
st.caption(f"{pilihan.polda.nama} · {pilihan.rentang.label} · gerak dibandingkan {pilihan.rentang.sebelumnya().label}")
if pilihan.kategori == JUARA_UMUM:
    with st.expander("Cara menghitung Juara Umum", icon=":material/calculate:"):
        st.markdown(hasil.metode_juara_umum())
elif pilihan.kategori == KECEPATAN:
    st.caption(
        f"Rata-rata jam dari akhir bulan sampai unggahan pertama; lebih kecil lebih baik. Bulan tanpa laporan "
        f"dihitung {format_angka(hasil.penalti_jam)} jam (atau selambat laporan paling lambat di periode ini)."
    )

if not baris:
    st.info(f"Belum ada data {judul} untuk {pilihan.rentang.label}.")
    st.stop()

tampilkan_grafik(
    grafik_peringkat(hasil, pilihan.kategori, judul),
    f"peringkat_{pilihan.kategori}_{pilihan.rentang.kode}",
)

ditandai = sum(1 for row in baris if row.flags)
st.subheader("Tabel peringkat")
if ditandai:
    st.caption(f"{ditandai} satker punya tanda untuk diperiksa (kolom Tanda). Tanda tidak mengubah peringkat.")
st.dataframe(baris_tampilan(baris, satuan, desimal), hide_index=True, width="stretch", key="tabel_peringkat")

nama_berkas = f"peringkat_{pilihan.kategori}_{pilihan.rentang.kode}"
kiri, kanan = st.columns(2)
kiri.download_button(
    "Unduh CSV",
    ke_csv(baris),
    f"{nama_berkas}.csv",
    "text/csv",
    icon=":material/download:",
    on_click=catat_ekspor,
    kwargs={"jenis": "peringkat_csv", "berkas": f"{nama_berkas}.csv"},
)
kanan.download_button(
    "Unduh XLSX",
    ke_xlsx({judul: baris}, {judul: desimal}),
    f"{nama_berkas}.xlsx",
    MIME_XLSX,
    icon=":material/download:",
    on_click=catat_ekspor,
    kwargs={"jenis": "peringkat_xlsx", "berkas": f"{nama_berkas}.xlsx"},
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
