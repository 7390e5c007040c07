"""Beranda: the period at a glance — totals, reporting compliance, the ten category winners,
Juara Umum top 10, and the official awards when the period lies in an award year."""

import datetime as dt

import streamlit as st

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kategori import JUARA_UMUM, KECEPATAN
from analytics.kepatuhan import LABEL_STATUS, hitung_status, status_kepatuhan
from analytics.peringkat import top_ranks
from db import pengaturan
from db.queries_kepatuhan import kiriman_rentang
from db.queries_peringkat import penghargaan_tahun
from exports.tables import baris_tampilan
from ui.data import load_kategori, load_rankings, query
from ui.filters import current_filters

# Badges with Streamlit's bundled icon font: emoji medals need a system emoji font.
MEDALI = {
    rank: f":{warna}-badge[:material/military_tech: {rank}]" for rank, warna in ((1, "orange"), (2, "gray"), (3, "red"))
}
KOLOM_PER_BARIS = 5

pilihan = current_filters()
kategori = load_kategori()
hasil = load_rankings(pilihan.polda.id, pilihan.rentang)

st.title("Beranda")
st.caption(f"{pilihan.polda.nama} · {pilihan.rentang.label}")

st.subheader("Jumlah kegiatan")
hitungan = [k for k in kategori if k.kode != KECEPATAN]
for awal in range(0, len(hitungan), KOLOM_PER_BARIS):
    for tempat, info in zip(st.columns(KOLOM_PER_BARIS), hitungan[awal : awal + KOLOM_PER_BARIS], strict=False):
        baris = hasil.baris(info.kode)
        total = sum(row.value for row in baris)
        sebelumnya = [row.previous_value for row in baris if row.previous_value is not None]
        delta = format_angka(total - sum(sebelumnya)) if sebelumnya else None
        tempat.metric(info.nama_sheet or info.label, format_angka(total), delta=delta, border=True, help=info.label)

st.subheader("Kepatuhan laporan")
batas = query(pengaturan.batas_waktu)
sekarang = dt.datetime.now(dt.UTC)
status = hitung_status(
    status_kepatuhan(k.pertama_dikirim, batas.untuk(k.periode), sekarang)
    for k in query(kiriman_rentang, pilihan.polda.id, pilihan.rentang)
)
st.caption(f"Satker × bulan pada periode ini; batas waktu {batas.keterangan}.")
for tempat, (kode_status, jumlah) in zip(st.columns(len(status)), status.items(), strict=True):
    tempat.metric(LABEL_STATUS[kode_status], format_angka(jumlah), border=True)

st.subheader("Juara per kategori")
for awal in range(0, len(kategori), KOLOM_PER_BARIS):
    for tempat, info in zip(st.columns(KOLOM_PER_BARIS), kategori[awal : awal + KOLOM_PER_BARIS], strict=False):
        satuan, desimal = satuan_dan_desimal(info.kode)
        baris = [
            f"{MEDALI[row.rank]} **{row.satker}** — {format_angka(row.value, desimal)}{' ' + satuan if satuan else ''}"
            for row in top_ranks(hasil.baris(info.kode))
        ]
        with tempat.container(border=True):
            st.markdown(f"**{info.label}**")
            st.markdown("\n\n".join(baris) if baris else "_Belum ada nilai pada periode ini._")

st.subheader("Juara Umum — 10 besar")
juara_umum = [row for row in hasil.baris(JUARA_UMUM) if row.rank <= 10]
if juara_umum:
    st.dataframe(baris_tampilan(juara_umum, *satuan_dan_desimal(JUARA_UMUM)), hide_index=True, width="stretch")
    st.caption("Cara menghitung ada di halaman Peringkat (pilih kategori Juara Umum).")
else:
    st.info("Belum ada data pada periode ini.")

tahun_list = sorted({m.year for m in pilihan.rentang.bulan})
if len(tahun_list) == 1:
    resmi = query(penghargaan_tahun, pilihan.polda.id, tahun_list[0])
    if resmi:
        label = {k.kode: k.label for k in kategori}
        st.subheader(f"Penghargaan resmi {tahun_list[0]}")
        st.dataframe(
            [
                {
                    "Acara": p.acara,
                    "Kategori": label.get(p.kategori_kode, p.kategori_kode),
                    "Peringkat": p.peringkat,
                    "Satker": p.satker,
                }
                for p in resmi
            ],
            hide_index=True,
            width="stretch",
        )
