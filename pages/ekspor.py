"""Ekspor: the Rakernis deck (PowerPoint with native, editable charts, and as PDF when LibreOffice
is installed), the one-page Ringkasan Pimpinan PDF, the ranking workbook (XLSX, a sheet per
kategori) and any ranking chart as PNG, for the filters in the sidebar and a peer group (the same
picker as Peringkat; the Ringkasan Pimpinan stays the whole Polda's). The PDFs are made when their
button is clicked (a callable ``data``) and every download is audited."""

from dataclasses import replace
from functools import partial

import streamlit as st

from analytics.teks import escape_markdown
from exports.deck import MIME_PPTX, TemplatPptxRusak, build_deck, judul_slide
from exports.images import GambarTidakTersedia, png
from exports.pdf_deck import BATAS_DETIK, PESAN_TANPA_LIBREOFFICE, cari_libreoffice, deck_pdf
from exports.tabel import MIME_XLSX, ke_xlsx
from services.ekspor import kumpulkan_isi_deck, susun_buku_peringkat
from services.grafik import grafik_peringkat
from services.kategori import cari_label_kategori, susun_semua_kode
from services.target import baca_capaian, nama_lingkup
from ui.data import load_kategori, query
from ui.database import get_engine
from ui.filters import current_filters, tautan_tampilan
from ui.kelompok import load_rankings_dalam, pilih_kelompok
from ui.pdf import MIME_PDF, buat_ringkasan_pdf
from ui.unduh import tombol_unduh

pilihan = current_filters()
kategori = load_kategori()
semua = susun_semua_kode(kategori)
st.title("Ekspor")
grup = pilih_kelompok()
kode_grup = None if grup is None else grup.kode
st.caption(f"{escape_markdown(nama_lingkup(pilihan.polda.nama, grup))} · {pilihan.rentang.label}")

kode_pilihan = st.multiselect(
    "Kategori",
    semua,
    default=semua,
    format_func=lambda kode: cari_label_kategori(kode, kategori),
    key="ekspor_kategori",
)
if not kode_pilihan:
    st.info("Pilih setidaknya satu kategori.")
    st.stop()
nama_berkas = "_".join(filter(None, [pilihan.polda.singkatan, kode_grup, pilihan.rentang.kode])).replace(" ", "_")

st.subheader("Deck PowerPoint")
kiri, kanan = st.columns([1, 2])
top_n = kiri.number_input("Satker teratas per grafik", min_value=3, max_value=39, value=10, key="ekspor_top")
acara = kanan.text_input(
    "Judul acara", value=f"Rakernis Bidhumas {pilihan.polda.nama}", max_chars=120, key="ekspor_acara"
)
templat = st.file_uploader("Templat PowerPoint sendiri (opsional, .pptx)", type=["pptx"], key="ekspor_templat")
isi = replace(
    query(
        kumpulkan_isi_deck, pilihan.polda.id, pilihan.rentang, tuple(kode_pilihan), int(top_n), acara, None, kode_grup
    ),
    tautan=tautan_tampilan("ekspor"),
)
with st.expander(f"Isi deck: {len(judul_slide(isi))} slide", expanded=True):
    st.markdown(
        "\n".join(f"{nomor}. {escape_markdown(judul)}" for nomor, judul in enumerate(judul_slide(isi), start=1))
    )
libreoffice = cari_libreoffice() is not None
# A built file is offered only while the choices it was built from are unchanged.
kunci_deck = (
    pilihan.polda.id,
    kode_grup,
    pilihan.rentang,
    tuple(kode_pilihan),
    int(top_n),
    acara,
    templat.file_id if templat else None,
)
if st.button("Buat deck", type="primary", icon=":material/slideshow:"):
    try:
        st.session_state["deck"] = (kunci_deck, build_deck(isi, templat.getvalue() if templat else None))
    except TemplatPptxRusak as error:
        st.error(str(error))
if st.session_state.get("deck", (None,))[0] == kunci_deck:
    tombol_unduh(
        "Unduh deck (.pptx)",
        partial(bytes, st.session_state["deck"][1]),
        f"deck_{nama_berkas}.pptx",
        MIME_PPTX,
        jenis="deck",
        aksi="ekspor",
        key="ekspor_unduh_deck",
        saringan=pilihan,
        kelompok=kode_grup,
        kategori_deck=kode_pilihan,
        templat=templat.name if templat else None,
    )
    if libreoffice:
        tombol_unduh(
            "Unduh deck (.pdf)",
            partial(deck_pdf, st.session_state["deck"][1]),
            f"deck_{nama_berkas}.pdf",
            MIME_PDF,
            jenis="deck_pdf",
            aksi="ekspor",
            key="ekspor_unduh_deck_pdf",
            icon=":material/picture_as_pdf:",
            saringan=pilihan,
            kelompok=kode_grup,
            kategori_deck=kode_pilihan,
        )
        st.caption(f"PDF dibuat LibreOffice saat tombol ditekan, paling lama {BATAS_DETIK:.0f} detik.")
if not libreoffice:
    st.info(PESAN_TANPA_LIBREOFFICE, icon=":material/picture_as_pdf:")

st.subheader("Ringkasan Pimpinan (PDF)")
st.caption(
    f"Satu halaman A4 untuk {escape_markdown(pilihan.polda.nama)}, {pilihan.rentang.label}: tiga besar tiap "
    "kategori, Juara Umum, kepatuhan laporan, dan gerak peringkat Juara Umum terbesar dibanding periode sebelumnya."
    + ("" if grup is None else " Ringkasan ini selalu untuk seluruh Polda, tanpa kelompok.")
)
tombol_unduh(
    "Unduh Ringkasan Pimpinan (.pdf)",
    partial(buat_ringkasan_pdf, get_engine(), pilihan.polda.id, pilihan.rentang, tautan_tampilan("")),
    f"ringkasan_pimpinan_{nama_berkas}.pdf",
    MIME_PDF,
    jenis="ringkasan_pimpinan_pdf",
    aksi="ekspor",
    key="ekspor_unduh_ringkasan",
    icon=":material/picture_as_pdf:",
    saringan=pilihan,
)

st.subheader("Tabel peringkat (XLSX)")
hasil = load_rankings_dalam(pilihan.polda.id, pilihan.rentang, grup)
tombol_unduh(
    "Unduh tabel peringkat (.xlsx)",
    partial(
        ke_xlsx, *susun_buku_peringkat(hasil, kode_pilihan, query(baca_capaian, pilihan.polda.id, pilihan.rentang))
    ),
    f"peringkat_{nama_berkas}.xlsx",
    MIME_XLSX,
    jenis="tabel_peringkat_xlsx",
    aksi="ekspor",
    key="ekspor_unduh_xlsx",
    icon=":material/table_view:",
    saringan=pilihan,
    kelompok=kode_grup,
    kategori_buku=kode_pilihan,
)
st.caption(
    "Satu sheet per kategori: judul kolom berbahasa Indonesia, format angka, baris judul beku, dan filter; "
    "kategori bertarget juga memuat kolom Target, Capaian (%), dan Pita."
)

st.subheader("Grafik (PNG)")
kode_grafik = st.selectbox(
    "Grafik peringkat",
    kode_pilihan,
    index=kode_pilihan.index(pilihan.kategori) if pilihan.kategori in kode_pilihan else 0,
    format_func=lambda kode: cari_label_kategori(kode, kategori),
    key="ekspor_grafik",
)
kunci_png = (pilihan.polda.id, kode_grup, pilihan.rentang, kode_grafik)
if st.button("Buat PNG", icon=":material/image:"):
    grafik = grafik_peringkat(hasil, kode_grafik, cari_label_kategori(kode_grafik, kategori))
    with st.spinner("Menggambar grafik…"):
        try:
            st.session_state["png"] = (kunci_png, png(grafik))
        except GambarTidakTersedia as error:
            st.error(str(error))
if st.session_state.get("png", (None,))[0] == kunci_png:
    tombol_unduh(
        "Unduh PNG",
        partial(bytes, st.session_state["png"][1]),
        f"peringkat_{kode_grafik}_{nama_berkas}.png",
        "image/png",
        jenis="grafik_png",
        aksi="ekspor",
        key="ekspor_unduh_png",
        saringan=pilihan,
        kelompok=kode_grup,
        grafik=kode_grafik,
    )
st.caption("Setiap grafik di halaman lain juga dapat disimpan sebagai PNG dengan tombol kamera di pojok kanan atasnya.")
