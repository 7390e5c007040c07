"""Peringkat: one kategori (or Juara Umum) for the chosen Polda and period — chart, table with
share, movement and flags, WhatsApp summary, CSV/XLSX download."""

import streamlit as st

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.juara_umum import jelaskan_metode
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.ringkasan import BagianRingkasan, ringkasan_whatsapp
from exports.charts import bar_peringkat
from exports.tables import baris_tampilan, ke_csv, ke_xlsx
from ui.audit import catat_ekspor
from ui.data import load_kategori, load_rankings
from ui.filters import current_filters, kategori_label
from ui.grafik import tampilkan_grafik

pilihan = current_filters()
kategori = load_kategori()
hasil = load_rankings(pilihan.polda.id, pilihan.rentang)
judul = kategori_label(pilihan.kategori, kategori)
satuan, desimal = satuan_dan_desimal(pilihan.kategori)
baris = hasil.baris(pilihan.kategori)

st.title(f"Peringkat — {judul}")
st.caption(f"{pilihan.polda.nama} · {pilihan.rentang.label} · gerak dibandingkan {pilihan.rentang.sebelumnya().label}")
if pilihan.kategori == JUARA_UMUM:
    with st.expander("Cara menghitung Juara Umum", icon=":material/calculate:"):
        st.markdown(jelaskan_metode(hasil.bobot, {k.kode: k.label for k in kategori}))
elif pilihan.kategori == KECEPATAN:
    st.caption(
        f"Rata-rata jam dari akhir bulan sampai unggahan pertama; lebih kecil lebih baik. Bulan tanpa laporan "
        f"dihitung {format_angka(hasil.penalti_jam)} jam (atau selambat laporan paling lambat di periode ini)."
    )

if not baris:
    st.info(f"Belum ada data {judul} untuk {pilihan.rentang.label}.")
    st.stop()

tampilkan_grafik(
    bar_peringkat(baris, f"{judul} — {pilihan.rentang.label}", satuan, desimal),
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
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click=catat_ekspor,
    kwargs={"jenis": "peringkat_xlsx", "berkas": f"{nama_berkas}.xlsx"},
)

st.subheader("Ringkasan untuk WhatsApp")
semua = st.toggle("Semua kategori dan Juara Umum", key="ringkasan_semua")
kode_list = [k.kode for k in kategori] + [JUARA_UMUM] if semua else [pilihan.kategori]
bagian = [
    BagianRingkasan(kategori_label(kode, kategori), hasil.baris(kode), *satuan_dan_desimal(kode)) for kode in kode_list
]
st.code(
    ringkasan_whatsapp(f"Peringkat Kinerja Humas {pilihan.polda.nama}", pilihan.rentang.label, bagian),
    language=None,
    wrap_lines=True,
)
st.caption("Salin dengan tombol di pojok kanan atas kotak teks, lalu tempel di grup WhatsApp.")
