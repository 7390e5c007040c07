"""The "Ringkasan Pimpinan" as a one-page A4 PDF, the kind a Kabidhumas forwards in WhatsApp.

Pure: a ``services.ringkasan_pimpinan.RingkasanPimpinan`` goes in, PDF bytes come out; every
text and number arrives already written. Drawn with reportlab on one canvas, top to bottom:
header (Polda, period, time made), DATA CONTOH band, filters, reporting compliance, Juara Umum
beside the notable movements, the top three of every kategori in two columns, and the notes and
the view's address at the foot.

Fonts: Bitstream Vera, the TTF files shipped inside the reportlab wheel (free licence), embedded
as subsets; nothing is fetched at run time and the standard PDF fonts are never used. Vera has
no arrows or triangles, so movement marks are drawn as shapes and the text says "naik"/"turun".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import reportlab
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from exports.deck import PERINGATAN_CONTOH
from services.ringkasan_pimpinan import Gerak, RingkasanPimpinan, SeriLain, Teratas

HURUF = "HumasVera"
HURUF_TEBAL = "HumasVeraBd"
HURUF_MIRING = "HumasVeraIt"
FOLDER_HURUF = Path(reportlab.__file__).parent / "fonts"

LEBAR, TINGGI = A4
TEPI = 34.0
ISI_LEBAR = LEBAR - 2 * TEPI
NAVY = HexColor("#1F3A5F")
BIRU_MUDA = HexColor("#A9C4E8")
AKSEN = HexColor("#2E6DB4")
TEKS = HexColor("#1C2430")
REDUP = HexColor("#5F6B7A")
PANEL = HexColor("#F1F4F8")
GARIS = HexColor("#D5DCE5")
HIJAU = HexColor("#2E7D32")
JINGGA = HexColor("#C77700")
MERAH = HexColor("#C62828")
MEDALI = {1: HexColor("#D4A017"), 2: HexColor("#8E99A6"), 3: HexColor("#B06C3B")}
WARNA_STATUS = {"tepat_waktu": HIJAU, "terlambat": JINGGA, "belum_melapor": MERAH, "menunggu": REDUP}


class RingkasanTidakMuat(ValueError):
    """The content would run past one page (a bug: the builder caps every list)."""


def _daftarkan_huruf() -> None:
    """Register the bundled Vera TTFs once per process (reportlab keeps a global registry)."""
    terdaftar = pdfmetrics.getRegisteredFontNames()
    for nama, berkas in ((HURUF, "Vera.ttf"), (HURUF_TEBAL, "VeraBd.ttf"), (HURUF_MIRING, "VeraIt.ttf")):
        if nama not in terdaftar:
            pdfmetrics.registerFont(TTFont(nama, str(FOLDER_HURUF / berkas)))


def _pas(teks: str, huruf: str, ukuran: float, lebar: float) -> str:
    """``teks`` cut with an ellipsis to fit ``lebar`` (only ever needed for unusually long names)."""
    if pdfmetrics.stringWidth(teks, huruf, ukuran) <= lebar:
        return teks
    while teks and pdfmetrics.stringWidth(teks + "…", huruf, ukuran) > lebar:
        teks = teks[:-1]
    return teks.rstrip() + "…"


class _Halaman:
    """A canvas with a cursor ``y`` moving down the page, and the few shapes the page uses."""

    def __init__(self, c: Canvas) -> None:
        self.c = c
        self.y = TINGGI

    def tulis(
        self, x: float, y: float, teks: str, ukuran: float, huruf: str = HURUF, warna: Color = TEKS, rata: str = "kiri"
    ) -> None:
        self.c.setFont(huruf, ukuran)
        self.c.setFillColor(warna)
        {"kiri": self.c.drawString, "kanan": self.c.drawRightString, "tengah": self.c.drawCentredString}[rata](
            x, y, teks
        )

    def kotak(self, x: float, y: float, lebar: float, tinggi: float, warna: Color) -> None:
        self.c.setFillColor(warna)
        self.c.rect(x, y, lebar, tinggi, stroke=0, fill=1)

    def segitiga(self, x: float, y: float, ukuran: float, naik: bool, warna: Color) -> None:
        """A filled triangle in the box from (x, y) of side ``ukuran``, pointing up or down."""
        path = self.c.beginPath()
        if naik:
            path.moveTo(x, y), path.lineTo(x + ukuran, y), path.lineTo(x + ukuran / 2, y + ukuran)
        else:
            path.moveTo(x, y + ukuran), path.lineTo(x + ukuran, y + ukuran), path.lineTo(x + ukuran / 2, y)
        path.close()
        self.c.setFillColor(warna)
        self.c.drawPath(path, stroke=0, fill=1)

    def medali(self, x: float, y: float, peringkat: int, jari: float) -> None:
        """The rank in a disc (gold, silver, bronze for 1–3), centred on (x, y)."""
        warna = MEDALI.get(peringkat)
        if warna is None:
            self.tulis(x, y - jari / 2.6, str(peringkat), jari * 1.15, HURUF_TEBAL, REDUP, "tengah")
            return
        self.c.setFillColor(warna)
        self.c.circle(x, y, jari, stroke=0, fill=1)
        self.tulis(x, y - jari / 2.6, str(peringkat), jari * 1.15, HURUF_TEBAL, white, "tengah")

    def judul_bagian(self, x: float, teks: str, keterangan: str = "") -> None:
        self.tulis(x, self.y - 11, teks.upper(), 9.5, HURUF_TEBAL, NAVY)
        if keterangan:
            lebar = pdfmetrics.stringWidth(teks.upper(), HURUF_TEBAL, 9.5)
            self.tulis(x + lebar + 8, self.y - 11, keterangan, 7.5, HURUF, REDUP)


def _kepala(h: _Halaman, r: RingkasanPimpinan) -> None:
    tinggi = 70
    h.kotak(0, TINGGI - tinggi, LEBAR, tinggi, NAVY)
    h.tulis(TEPI, TINGGI - 21, r.judul.upper(), 8.5, HURUF_TEBAL, BIRU_MUDA)
    h.tulis(LEBAR - TEPI, TINGGI - 21, f"Dibuat {r.dibuat}", 8, HURUF, BIRU_MUDA, "kanan")
    ukuran = 20.0
    while ukuran > 12 and pdfmetrics.stringWidth(r.polda, HURUF_TEBAL, ukuran) > ISI_LEBAR:
        ukuran -= 1
    h.tulis(TEPI, TINGGI - 43, _pas(r.polda, HURUF_TEBAL, ukuran, ISI_LEBAR), ukuran, HURUF_TEBAL, white)
    h.tulis(TEPI, TINGGI - 61, f"Kinerja Humas · {r.periode}", 12, HURUF, white)
    h.tulis(LEBAR - TEPI, TINGGI - 61, "Dasbor Kinerja Humas", 8, HURUF, BIRU_MUDA, "kanan")
    h.y = TINGGI - tinggi
    if r.data_contoh:
        h.kotak(0, h.y - 18, LEBAR, 18, MERAH)
        h.tulis(LEBAR / 2, h.y - 12.5, PERINGATAN_CONTOH, 9.5, HURUF_TEBAL, white, "tengah")
        h.y -= 18


def _filter(h: _Halaman, r: RingkasanPimpinan) -> None:
    """Label: value pairs flowing over as many lines as they need, on a light panel."""
    ukuran, jarak = 7.5, 14.0
    baris: list[list[tuple[float, str, str]]] = [[]]
    x = 0.0
    for label, nilai in r.filter:
        lebar = pdfmetrics.stringWidth(f"{label}: ", HURUF_TEBAL, ukuran) + pdfmetrics.stringWidth(nilai, HURUF, ukuran)
        if baris[-1] and x + lebar > ISI_LEBAR:
            baris.append([])
            x = 0.0
        baris[-1].append((x, label, nilai))
        x += lebar + jarak
    tinggi = 7 + 10.5 * len(baris)
    h.kotak(0, h.y - tinggi, LEBAR, tinggi, PANEL)
    for nomor, isi in enumerate(baris):
        y = h.y - 12.5 - 10.5 * nomor
        for x, label, nilai in isi:
            h.tulis(TEPI + x, y, f"{label}: ", ukuran, HURUF_TEBAL, REDUP)
            h.tulis(TEPI + x + pdfmetrics.stringWidth(f"{label}: ", HURUF_TEBAL, ukuran), y, nilai, ukuran, HURUF, TEKS)
    h.y -= tinggi + 10


def _kepatuhan(h: _Halaman, r: RingkasanPimpinan) -> None:
    h.judul_bagian(TEPI, "Kepatuhan laporan", f"satker × bulan, {r.periode}, terhadap batas waktu laporan")
    h.y -= 16
    jarak = 8.0
    lebar = (ISI_LEBAR - jarak * (len(r.kepatuhan) - 1)) / max(len(r.kepatuhan), 1)
    label = [simpleSplit(item.label, HURUF, 7.5, lebar - 14) for item in r.kepatuhan]
    tinggi = 25.0 + 9 * max((len(baris) for baris in label), default=1)
    for nomor, (item, baris) in enumerate(zip(r.kepatuhan, label, strict=True)):
        x = TEPI + nomor * (lebar + jarak)
        warna = WARNA_STATUS[item.status]
        h.kotak(x, h.y - tinggi, lebar, tinggi, PANEL)
        h.kotak(x, h.y - tinggi, 3, tinggi, warna)
        h.tulis(x + 10, h.y - 17, item.teks_jumlah, 15, HURUF_TEBAL, warna)
        h.tulis(
            x + 15 + pdfmetrics.stringWidth(item.teks_jumlah, HURUF_TEBAL, 15), h.y - 17, item.persen, 8, HURUF, REDUP
        )
        for urutan, line in enumerate(baris):
            h.tulis(x + 10, h.y - 28 - 9 * urutan, line, 7.5, HURUF, TEKS)
    h.y -= tinggi + 12


def _tanda_gerak(h: _Halaman, x: float, y: float, selisih: int | None) -> None:
    """Movement ending at ``x``: a triangle and the places, '=' or 'baru'."""
    if selisih is None or selisih == 0:
        h.tulis(x, y, "baru" if selisih is None else "=", 7.5, HURUF, REDUP, "kanan")
        return
    warna = HIJAU if selisih > 0 else MERAH
    teks = str(abs(selisih))
    h.tulis(x, y, teks, 7.5, HURUF_TEBAL, warna, "kanan")
    h.segitiga(x - pdfmetrics.stringWidth(teks, HURUF_TEBAL, 7.5) - 7.5, y, 5.5, selisih > 0, warna)


def _juara_umum(h: _Halaman, r: RingkasanPimpinan, lebar: float) -> float:
    """The Juara Umum table in the left column; returns the height used."""
    ju = r.juara_umum
    h.judul_bagian(TEPI, ju.judul, ju.keterangan)
    y = h.y - 29
    if not ju.tempat:
        h.tulis(TEPI, y, "Belum ada data pada periode ini.", 8.5, HURUF_MIRING, REDUP)
        return 38
    for tempat in ju.tempat:
        h.medali(TEPI + 8, y + 3, tempat.peringkat, 7.5)
        h.tulis(TEPI + 22, y, _pas(tempat.satker, HURUF_TEBAL, 9, lebar - 100), 9, HURUF_TEBAL, TEKS)
        h.tulis(TEPI + lebar - 38, y, tempat.teks_nilai, 9, HURUF, TEKS, "kanan")
        _tanda_gerak(h, TEPI + lebar, y, tempat.gerak)
        y -= 16
    if ju.seri_lain:
        h.tulis(TEPI + 22, y, _teks_seri(ju.seri_lain, 7.5, lebar - 22), 7.5, HURUF_MIRING, REDUP)
        y -= 12
    return h.y - y - 4


def _teks_seri(seri: SeriLain, ukuran: float, lebar: float) -> str:
    """The satker tied beyond the card's lines by name when they fit on the line, else counted."""
    if pdfmetrics.stringWidth(seri.teks_nama, HURUF_MIRING, ukuran) <= lebar:
        return seri.teks_nama
    return seri.teks_jumlah


def _daftar_gerak(
    h: _Halaman, x: float, y: float, lebar: float, judul: str, daftar: Sequence[Gerak], naik: bool
) -> float:
    warna = HIJAU if naik else MERAH
    h.tulis(x, y, judul, 7.5, HURUF_TEBAL, warna)
    y -= 12.5
    if not daftar:
        h.tulis(x, y, "Tidak ada.", 8, HURUF_MIRING, REDUP)
        return y - 14
    for g in daftar:
        asal = f"dari {g.peringkat_sebelumnya} ke {g.peringkat}"
        lebar_asal = pdfmetrics.stringWidth(asal, HURUF, 7)
        h.segitiga(x, y, 6, naik, warna)
        h.tulis(x + 9, y, str(abs(g.selisih)), 8.5, HURUF_TEBAL, warna)
        h.tulis(x + 31, y, _pas(g.satker, HURUF, 8.5, lebar - 36 - lebar_asal), 8.5, HURUF, TEKS)
        h.tulis(x + lebar, y, asal, 7, HURUF, REDUP, "kanan")
        y -= 12.5
    return y - 3


def _gerak(h: _Halaman, r: RingkasanPimpinan, x: float, lebar: float) -> float:
    """The notable movements in the right column; returns the height used."""
    h.judul_bagian(x, "Gerak menonjol", f"Juara Umum terhadap {r.periode_sebelumnya}")
    y = h.y - 29
    if not r.naik and not r.turun:
        h.tulis(x, y, "Tidak ada perubahan peringkat terhadap periode sebelumnya.", 8, HURUF_MIRING, REDUP)
        return 38
    y = _daftar_gerak(h, x, y, lebar, "Naik paling tinggi", r.naik, True)
    y = _daftar_gerak(h, x, y, lebar, "Turun paling dalam", r.turun, False)
    return h.y - y - 4


def _kartu(h: _Halaman, x: float, y_atas: float, lebar: float, t: Teratas) -> float:
    """One kategori's card from ``y_atas`` down; returns its height."""
    h.kotak(x, y_atas - 15, lebar, 15, PANEL)
    h.kotak(x, y_atas - 15, 3, 15, AKSEN)
    h.tulis(x + 8, y_atas - 10.5, _pas(t.judul, HURUF_TEBAL, 8.5, lebar - 12), 8.5, HURUF_TEBAL, NAVY)
    y = y_atas - 26
    if t.keterangan:
        h.tulis(x + 8, y + 1, t.keterangan, 6.5, HURUF_MIRING, REDUP)
        y -= 10
    if not t.tempat:
        h.tulis(x + 8, y, "Belum ada data pada periode ini.", 8, HURUF_MIRING, REDUP)
        return y_atas - y + 4
    for tempat in t.tempat:
        lebar_nilai = pdfmetrics.stringWidth(tempat.teks_nilai, HURUF_TEBAL, 8.5)
        h.medali(x + 13, y + 2.8, tempat.peringkat, 5.6)
        h.tulis(x + 24, y, _pas(tempat.satker, HURUF, 8.5, lebar - 36 - lebar_nilai), 8.5, HURUF, TEKS)
        h.tulis(x + lebar - 4, y, tempat.teks_nilai, 8.5, HURUF_TEBAL, TEKS, "kanan")
        y -= 12.5
    if t.seri_lain:
        h.tulis(x + 24, y + 1, _teks_seri(t.seri_lain, 7, lebar - 28), 7, HURUF_MIRING, REDUP)
        y -= 11
    return y_atas - y - 4


def _kategori(h: _Halaman, r: RingkasanPimpinan) -> None:
    h.judul_bagian(TEPI, "Tiga besar per kategori", "peringkat seri berbagi tempat")
    h.y -= 18
    jarak = 14.0
    lebar = (ISI_LEBAR - jarak) / 2
    for awal in range(0, len(r.kategori), 2):
        tinggi = [
            _kartu(h, TEPI + i * (lebar + jarak), h.y, lebar, t) for i, t in enumerate(r.kategori[awal : awal + 2])
        ]
        h.y -= max(tinggi) + 7


def _kaki(h: _Halaman, r: RingkasanPimpinan) -> float:
    """Notes, the view's address and the page line at the foot; returns the top of the foot."""
    baris = simpleSplit(" ".join(r.catatan), HURUF, 6.3, ISI_LEBAR)
    y = TEPI - 12
    h.tulis(TEPI, y, f"{r.judul} · {r.polda} · {r.periode}", 6.5, HURUF, REDUP)
    h.tulis(LEBAR - TEPI, y, "halaman 1 dari 1", 6.5, HURUF, REDUP, "kanan")
    y += 12
    if r.alamat:
        awalan = "Buka tampilan ini di dasbor: "
        lebar_awalan = pdfmetrics.stringWidth(awalan, HURUF_TEBAL, 7.5)
        h.tulis(TEPI, y, awalan, 7.5, HURUF_TEBAL, TEKS)
        h.tulis(TEPI + lebar_awalan, y, _pas(r.alamat, HURUF, 7.5, ISI_LEBAR - lebar_awalan), 7.5, HURUF, AKSEN)
        h.c.linkURL(r.alamat, (TEPI + lebar_awalan, y - 2, TEPI + ISI_LEBAR, y + 8), thickness=0)
        y += 11
    for line in reversed(baris):
        h.tulis(TEPI, y, line, 6.3, HURUF, REDUP)
        y += 8
    h.c.setStrokeColor(GARIS)
    h.c.setLineWidth(0.6)
    h.c.line(TEPI, y, LEBAR - TEPI, y)
    return y + 4


def ringkasan_pimpinan_pdf(r: RingkasanPimpinan) -> bytes:
    """The page as PDF bytes (A4 portrait, one page, Vera fonts embedded).

    Raises ``RingkasanTidakMuat`` if the content would overlap the foot, which the caps in
    ``services.ringkasan_pimpinan`` rule out for any number of satker.
    """
    _daftarkan_huruf()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, initialFontName=HURUF, pageCompression=1, lang="id-ID")
    c.setTitle(f"{r.judul} — {r.polda} — {r.periode}")
    c.setAuthor("Dasbor Kinerja Humas")
    c.setSubject(f"Peringkat kinerja Humas {r.polda}, {r.periode}")
    c.setCreator("Dasbor Kinerja Humas")
    h = _Halaman(c)
    _kepala(h, r)
    _filter(h, r)
    _kepatuhan(h, r)
    lebar_kiri = ISI_LEBAR * 0.52
    tinggi = max(_juara_umum(h, r, lebar_kiri), _gerak(h, r, TEPI + lebar_kiri + 20, ISI_LEBAR - lebar_kiri - 20))
    h.y -= tinggi + 6
    _kategori(h, r)
    batas_kaki = _kaki(h, r)  # drawn last so that text extraction reads the page top to bottom
    if h.y < batas_kaki:
        raise RingkasanTidakMuat(f"Ringkasan Pimpinan tidak muat satu halaman ({batas_kaki - h.y:.0f} pt lebih).")
    c.showPage()
    c.save()
    return buffer.getvalue()
