"""The Rakernis deck: a 16:9 PowerPoint in Indonesian with native, editable charts.

Pure: the content (``IsiDeck``, gathered by ``services.ekspor.kumpulkan_isi_deck``) goes in, .pptx bytes come
out. Slides, in order: title, overview (activity totals and reporting compliance), the winners of
every chosen kategori, one slide per kategori (a bar chart of the top N with its data inside and
a table with movement; with targets, each satker's target drawn as an outline over its bar and
its attainment in the table), Juara Umum, the monthly trend (months with agenda events marked ▲
and listed), and the method and data sources.

With a user's own .pptx the deck is laid out on that file's blank layout, so its master
(background, logo) and theme (fonts, colours) carry over; its own slides are left out.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Callable, Mapping, Sequence

from lxml.etree import XMLSyntaxError
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import CONTENT_TYPE
from pptx.presentation import Presentation as PresentationType
from pptx.slide import Slide, SlideLayout
from pptx.util import Inches

from analytics.alamat_tampilan import baris_tautan
from analytics.angka import format_angka
from analytics.kategori import KECEPATAN
from analytics.peringkat import BarisPeringkat, top_ranks
from analytics.ringkasan import tanda_gerak
from analytics.target import Capaian
from exports.pptx_bentuk import (
    WARNA_PERINGATAN,
    WARNA_REDUP,
    Kotak,
    grafik_batang,
    grafik_donat,
    grafik_kolom_bertumpuk,
    tabel,
    teks,
)
from services.ekspor import IsiDeck, KategoriDeck

MIME_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
BARIS_TABEL_MAKS = 10
"""The table beside a chart lists at most this many satker; the chart itself shows the top N."""
UKURAN_TEMPLAT_MAKS = 50 * 1024 * 1024
ISI_TEMPLAT_MAKS = 300 * 1024 * 1024
PESAN_TEMPLAT_RUSAK = (
    "Templat PowerPoint rusak: sebagian isinya (tata letak, master, atau XML-nya) tidak dapat dibaca. Buka di "
    "PowerPoint, simpan ulang sebagai 'PowerPoint Presentation (.pptx)', atau pakai templat lain, lalu unggah ulang."
)
PERINGATAN_CONTOH = "DATA CONTOH — bukan data sebenarnya"

JUDUL = Kotak(0.04, 0.04, 0.92, 0.11)
SUBJUDUL = Kotak(0.04, 0.145, 0.92, 0.06)
ISI = Kotak(0.04, 0.22, 0.92, 0.68)
KAKI = Kotak(0.04, 0.93, 0.70, 0.05)
NOMOR = Kotak(0.80, 0.93, 0.16, 0.05)


class TemplatPptxRusak(ValueError):
    """The user's template cannot be used (not a .pptx, macro-enabled, or too large)."""


Gambar = Callable[[Slide, PresentationType, IsiDeck], None]


def _rencana(isi: IsiDeck) -> list[tuple[str, Gambar]]:
    """(title, drawing function) per slide, in order: one list for the preview and the build."""
    slides: list[tuple[str, Gambar]] = [
        (isi.acara, _slide_judul),
        (f"Ikhtisar {isi.periode_label}", _slide_ikhtisar),
        (f"Juara per Kategori — {isi.periode_label}", _slide_juara),
    ]
    for kategori in [*isi.kategori, *([isi.juara_umum] if isi.juara_umum else [])]:
        slides.append((kategori.judul, _gambar_kategori(kategori)))
    if isi.tren:
        slides.append(("Tren Bulanan Jumlah Kegiatan", _slide_tren))
    slides.append(("Metode dan Sumber Data", _slide_metode))
    return slides


def judul_slide(isi: IsiDeck) -> list[str]:
    """The slide titles in order, as a preview of what ``build_deck`` makes."""
    return [judul for judul, _ in _rencana(isi)]


def build_deck(isi: IsiDeck, templat: bytes | None = None) -> bytes:
    """The deck as .pptx bytes, on ``templat`` (a .pptx file's bytes) when given.

    Raises ``TemplatPptxRusak`` with an Indonesian message when the template cannot be used:
    besides the checks of the file itself, a template whose parts break python-pptx anywhere
    while the deck is drawn on it (a damaged layout or master, XML that does not parse) is refused
    the same way, so the user reads what to do instead of a traceback with server paths.
    """
    if templat is None:
        return _build_on(_open_template(None), isi)
    prs = _open_template(templat)
    try:
        return _build_on(prs, isi)
    except Exception as error:  # anything the template's parts make python-pptx or lxml raise
        raise TemplatPptxRusak(PESAN_TEMPLAT_RUSAK) from error


def _build_on(prs: PresentationType, isi: IsiDeck) -> bytes:
    layout = _blank_layout(prs)
    rencana = _rencana(isi)
    for nomor, (judul, gambar) in enumerate(rencana, start=1):
        slide = prs.slides.add_slide(layout)
        for placeholder in list(slide.placeholders):
            placeholder._element.getparent().remove(placeholder._element)
        if nomor > 1:
            teks(slide, prs, JUDUL, [judul], 32, tebal=True, judul=True)
            kaki = f"{isi.polda} · {isi.periode_label}" + (f" · {PERINGATAN_CONTOH}" if isi.data_contoh else "")
            teks(slide, prs, KAKI, [kaki], 12, warna=WARNA_PERINGATAN if isi.data_contoh else WARNA_REDUP)
            teks(slide, prs, NOMOR, [f"{nomor} / {len(rencana)}"], 12, warna=WARNA_REDUP, rata=PP_ALIGN.RIGHT)
        gambar(slide, prs, isi)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _open_template(templat: bytes | None) -> PresentationType:
    if templat is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
        return prs
    if len(templat) > UKURAN_TEMPLAT_MAKS:
        raise TemplatPptxRusak("Templat PowerPoint lebih dari 50 MB. Kecilkan gambarnya lalu unggah ulang.")
    try:
        with zipfile.ZipFile(io.BytesIO(templat)) as archive:
            if sum(info.file_size for info in archive.infolist()) > ISI_TEMPLAT_MAKS:
                raise TemplatPptxRusak("Isi templat PowerPoint terlalu besar setelah dibuka (lebih dari 300 MB).")
        prs = Presentation(io.BytesIO(templat))
    except XMLSyntaxError as error:
        raise TemplatPptxRusak(PESAN_TEMPLAT_RUSAK) from error
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as error:
        raise TemplatPptxRusak(
            "Templat bukan berkas PowerPoint .pptx yang dapat dibaca. Buka di PowerPoint, simpan sebagai "
            "'PowerPoint Presentation (.pptx)', lalu unggah ulang."
        ) from error
    except ValueError as error:  # python-pptx: a package whose main part is not a presentation
        raise TemplatPptxRusak(
            "Templat adalah templat desain (.potx) atau bukan presentasi. Buka di PowerPoint, simpan sebagai "
            "'PowerPoint Presentation (.pptx)', lalu unggah ulang."
        ) from error
    if prs.part.content_type == CONTENT_TYPE.PML_PRES_MACRO_MAIN:
        raise TemplatPptxRusak("Templat berisi makro (.pptm). Simpan sebagai .pptx tanpa makro lalu unggah ulang.")
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):  # the template's own slides are not part of the deck
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return prs


def _blank_layout(prs: PresentationType) -> SlideLayout:
    """The layout with the fewest placeholders (the blank one in every stock template)."""
    return min(prs.slide_layouts, key=lambda layout: len(layout.placeholders))


def _format_excel(desimal: int) -> str:
    return "#,##0" + ("." + "0" * desimal if desimal else "")


def _slide_judul(slide: Slide, prs: PresentationType, isi: IsiDeck) -> None:
    teks(
        slide,
        prs,
        Kotak(0.08, 0.22, 0.84, 0.25),
        [isi.acara],
        44,
        tebal=True,
        judul=True,
        tengah=True,
        rata=PP_ALIGN.CENTER,
    )
    teks(slide, prs, Kotak(0.08, 0.50, 0.84, 0.10), [isi.polda], 28, rata=PP_ALIGN.CENTER)
    teks(slide, prs, Kotak(0.08, 0.60, 0.84, 0.08), [f"Periode {isi.periode_label}"], 24, rata=PP_ALIGN.CENTER)
    catatan = ["Dasbor Kinerja Humas" + (f" · dibuat {isi.dibuat}" if isi.dibuat else "")]
    teks(slide, prs, Kotak(0.08, 0.80, 0.84, 0.06), catatan, 16, warna=WARNA_REDUP, rata=PP_ALIGN.CENTER)
    if isi.data_contoh:
        teks(
            slide,
            prs,
            Kotak(0.08, 0.08, 0.84, 0.08),
            [PERINGATAN_CONTOH],
            24,
            tebal=True,
            warna=WARNA_PERINGATAN,
            rata=PP_ALIGN.CENTER,
        )


def _slide_ikhtisar(slide: Slide, prs: PresentationType, isi: IsiDeck) -> None:
    total_laporan = sum(isi.kepatuhan.values())
    tepat = isi.kepatuhan.get("Tepat waktu", 0)
    teks(
        slide, prs, SUBJUDUL, [f"Dibandingkan {isi.periode_sebelumnya_label} di slide kategori"], 16, warna=WARNA_REDUP
    )
    if isi.jumlah_kegiatan:
        baris = [[label, format_angka(jumlah)] for label, jumlah in isi.jumlah_kegiatan.items()]
        baris.append(["Jumlah seluruh kegiatan", format_angka(sum(isi.jumlah_kegiatan.values()))])
        tinggi = min(0.68, 0.058 * (len(baris) + 1))
        tabel(
            slide,
            prs,
            Kotak(0.04, 0.22, 0.50, tinggi),
            ["Kategori", "Jumlah kegiatan"],
            baris,
            [0.72, 0.28],
            16,
            rata_kanan=[1],
        )
    else:
        teks(slide, prs, Kotak(0.04, 0.22, 0.50, 0.2), ["Tidak ada kategori hitungan yang dipilih."], 18)
    judul_kepatuhan = (
        f"Kepatuhan laporan: {format_angka(tepat)} dari {format_angka(total_laporan)} satker-bulan tepat waktu"
    )
    teks(slide, prs, Kotak(0.58, 0.22, 0.38, 0.10), [judul_kepatuhan], 18, tebal=True)
    if total_laporan:
        terisi = {label: jumlah for label, jumlah in isi.kepatuhan.items() if jumlah}
        grafik_donat(slide, prs, Kotak(0.58, 0.33, 0.38, 0.57), list(terisi), list(terisi.values()))


def _nama_juara(baris: Sequence[BarisPeringkat], tempat: int) -> str:
    names = [row.satker for row in top_ranks(baris, 3) if row.rank == tempat]
    return ", ".join(names) or "–"


def _slide_juara(slide: Slide, prs: PresentationType, isi: IsiDeck) -> None:
    semua = [*isi.kategori, *([isi.juara_umum] if isi.juara_umum else [])]
    baris = [[k.judul, _nama_juara(k.baris, 1), _nama_juara(k.baris, 2), _nama_juara(k.baris, 3)] for k in semua]
    teks(
        slide,
        prs,
        SUBJUDUL,
        ["Peringkat seri berbagi tempat; nilai dan gerak ada di slide tiap kategori."],
        16,
        warna=WARNA_REDUP,
    )
    ukuran = 14 if len(baris) <= 6 else 12
    tinggi = min(0.66, 0.05 * (len(baris) + 1))
    tabel(
        slide,
        prs,
        Kotak(0.04, 0.21, 0.92, tinggi),
        ["Kategori", "Juara I", "Juara II", "Juara III"],
        baris,
        [0.31, 0.23, 0.23, 0.23],
        ukuran,
    )


def _gambar_kategori(kategori: KategoriDeck) -> Gambar:
    def gambar(slide: Slide, prs: PresentationType, isi: IsiDeck) -> None:
        _slide_kategori(slide, prs, isi, kategori)

    return gambar


def _slide_kategori(slide: Slide, prs: PresentationType, isi: IsiDeck, kategori: KategoriDeck) -> None:
    rows = list(kategori.baris)
    if not rows:
        teks(slide, prs, ISI, [f"Belum ada data untuk {isi.periode_label}."], 24)
        return
    teratas = rows[: isi.top_n]
    keterangan = f"{len(teratas)} teratas dari {len(rows)} satker · gerak terhadap {isi.periode_sebelumnya_label}"
    if kategori.kode == KECEPATAN:
        keterangan += " · jam sejak akhir bulan, makin kecil makin baik"
    teks(slide, prs, SUBJUDUL, [keterangan], 16, warna=WARNA_REDUP)
    capaian = kategori.capaian
    grafik_batang(
        slide,
        prs,
        Kotak(0.02, 0.22, 0.56, 0.70),
        [f"{row.rank}. {row.satker}" for row in teratas],
        [row.value for row in teratas],
        kategori.judul,
        _format_excel(kategori.desimal),
        [row.rank for row in teratas],
        None if capaian is None else [_target(capaian, row.satker_id) for row in teratas],
    )
    di_tabel = teratas[:BARIS_TABEL_MAKS]
    ditandai = [row for row in di_tabel if row.flags]
    isi_tabel = [
        [
            str(row.rank),
            row.satker + (" *" if row.flags else ""),
            format_angka(row.value, kategori.desimal),
            *([] if capaian is None else [_capaian(capaian, row.satker_id)]),
            tanda_gerak(row),
        ]
        for row in di_tabel
    ]
    tinggi = min(0.62, 0.056 * (len(isi_tabel) + 1))
    kolom = ["No", "Satker", f"Nilai ({kategori.satuan})" if kategori.satuan else "Nilai", "Gerak"]
    lebar, huruf = [0.10, 0.52, 0.20, 0.18], 13
    if capaian is not None:  # one column more in the same width: smaller type, so no cell wraps
        kolom, lebar, huruf = [*kolom[:3], "Capaian", kolom[3]], [0.09, 0.40, 0.15, 0.20, 0.16], 11
    tabel(slide, prs, Kotak(0.60, 0.22, 0.37, tinggi), kolom, isi_tabel, lebar, huruf, rata_kanan=[0, 2, 3])
    if ditandai:
        catatan = f"* ditandai untuk ditinjau ({len(ditandai)} satker): lihat kolom Tanda di halaman Peringkat."
        teks(slide, prs, Kotak(0.60, 0.86, 0.37, 0.05), [catatan], 11, warna=WARNA_REDUP)


def _target(capaian: Mapping[int, Capaian], satker_id: int) -> float | None:
    item = capaian.get(satker_id)
    return None if item is None else item.target.nilai


def _capaian(capaian: Mapping[int, Capaian], satker_id: int) -> str:
    """'120 % H': attainment rounded down to a whole percent (as on the page, 99,9 % is not 100 %)
    and the band's initial (merah M, kuning K, hijau H); '–' without a target."""
    item = capaian.get(satker_id)
    if item is None or item.persen is None or item.pita is None:
        return "–"
    return f"{format_angka(math.floor(item.persen))} % {item.pita[0].upper()}"


def _slide_tren(slide: Slide, prs: PresentationType, isi: IsiDeck) -> None:
    teks(
        slide, prs, SUBJUDUL, [f"Jumlah kegiatan seluruh satker per bulan, {isi.periode_label}"], 16, warna=WARNA_REDUP
    )
    if not isi.agenda:
        grafik_kolom_bertumpuk(slide, prs, ISI, isi.tren_bulan, dict(isi.tren))
        return
    bulan = [f"{label} ▲" if label in isi.bulan_beracara else label for label in isi.tren_bulan]
    grafik_kolom_bertumpuk(slide, prs, Kotak(0.04, 0.22, 0.92, 0.52), bulan, dict(isi.tren))
    teks(
        slide, prs, Kotak(0.04, 0.75, 0.92, 0.16), ["▲ Bulan beracara: " + "; ".join(isi.agenda)], 11, warna=WARNA_REDUP
    )


def _slide_metode(slide: Slide, prs: PresentationType, isi: IsiDeck) -> None:
    paragraf = [isi.metode, isi.sumber]
    if isi.data_contoh:
        paragraf.append(f"{PERINGATAN_CONTOH}: deck ini dibuat dari data sintetis untuk mencoba aplikasi.")
    if isi.tautan:
        paragraf.append(baris_tautan(isi.tautan))
    teks(slide, prs, ISI, paragraf, 15)
