"""The "Ringkasan Pimpinan" PDF (exports.pdf_ringkasan): rendered from the demo data on both
databases, from a 450-satker national data set, and from the largest content the builder can
make; read back with pypdf (text, pages, fonts, link) and pdffonts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.kategori import JUARA_UMUM
from analytics.peringkat import BarisPeringkat
from analytics.periods import rentang_bulan
from exports.deck import PERINGATAN_CONTOH
from exports.pdf_ringkasan import ringkasan_pimpinan_pdf
from services.peringkat import build_rankings
from services.ringkasan_pimpinan import RingkasanPimpinan, build_ringkasan_pimpinan
from testdata.nasional import BULAN_TERAKHIR, generate_national
from tests.test_ringkasan_pimpinan import DIBUAT, kepatuhan_periode, ringkasan_demo
from tests.tools import require_program, run_program

SESUDAH = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)
"""After the deadline of the national data set's last month."""
ALAMAT = "https://humas.polda.example/peringkat?polda=jatim&periode=2024-07"


def _baca(pdf: bytes) -> tuple[PdfReader, str]:
    """The PDF and its text with whitespace collapsed (pieces drawn apart are joined by a space)."""
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _isi_tertulis(ringkasan: RingkasanPimpinan, teks: str) -> None:
    """Every name and number of the summary is on the page, in its place: rank, satker, value."""
    assert f"Dibuat {ringkasan.dibuat}" in teks
    for label, nilai in ringkasan.filter:
        assert f"{label}: {nilai}" in teks
    for k in ringkasan.kepatuhan:
        assert f"{k.teks_jumlah} {k.persen} {k.label}" in teks
    for t in [*ringkasan.kategori, ringkasan.juara_umum]:
        assert t.judul in teks or t.judul.upper() in teks
        for tempat in t.tempat:
            assert f"{tempat.peringkat} {tempat.satker} {tempat.teks_nilai}" in teks
        if t.seri_lain:
            assert t.seri_lain.teks_nama in teks or t.seri_lain.teks_jumlah in teks
    for gerak in [*ringkasan.naik, *ringkasan.turun]:
        assert f"{gerak.satker} dari {gerak.peringkat_sebelumnya} ke {gerak.peringkat}" in teks


def _satu_halaman_a4(reader: PdfReader) -> None:
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def _huruf(reader: PdfReader) -> dict[str, bool]:
    """Base font name → embedded (a font file in its descriptor), for every font the page uses."""
    fonts = reader.pages[0]["/Resources"]["/Font"]
    result = {}
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else {}
        result[str(font["/BaseFont"])] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return result


def test_demo_summary_pdf_holds_title_filters_time_names_and_numbers(demo_engine: Engine) -> None:
    ringkasan, _, _ = ringkasan_demo(demo_engine, alamat=ALAMAT)
    reader, teks = _baca(ringkasan_pimpinan_pdf(ringkasan))
    _satu_halaman_a4(reader)
    assert teks.startswith(
        "RINGKASAN PIMPINAN Dibuat 6 Januari 2025 pukul 10.30 WIB Polda Jawa Timur Kinerja Humas · Juli 2024"
    )
    assert PERINGATAN_CONTOH in teks
    _isi_tertulis(ringkasan, teks)
    # the three-way tie at third place is shown: every tied name is on the page
    seri = next(t for t in ringkasan.kategori if t.seri_lain)
    assert all(nama in teks for nama in seri.seri_lain.satker)  # type: ignore[union-attr]
    assert f"Buka tampilan ini di dasbor: {ALAMAT}" in teks
    assert reader.metadata is not None and reader.metadata.title == "Ringkasan Pimpinan — Polda Jawa Timur — Juli 2024"


def test_view_address_is_a_link_and_is_left_out_when_unknown(demo_engine: Engine) -> None:
    ringkasan, _, _ = ringkasan_demo(demo_engine, alamat=ALAMAT)
    reader, _ = _baca(ringkasan_pimpinan_pdf(ringkasan))
    links = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert links == [ALAMAT]
    reader, teks = _baca(ringkasan_pimpinan_pdf(dataclasses.replace(ringkasan, alamat=None, data_contoh=False)))
    assert "Buka tampilan" not in teks and not reader.pages[0].get("/Annots")
    assert PERINGATAN_CONTOH not in teks and "DATA CONTOH" not in teks


def test_every_font_is_embedded_and_none_is_a_standard_pdf_font(demo_engine: Engine) -> None:
    ringkasan, _, _ = ringkasan_demo(demo_engine)
    reader, _ = _baca(ringkasan_pimpinan_pdf(ringkasan))
    fonts = _huruf(reader)
    assert len(fonts) == 3 and all(fonts.values()), fonts
    assert all(re.fullmatch(r"/[A-Z]{6}\+BitstreamVeraSans-\w+", nama) for nama in fonts), fonts


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_pdffonts_reports_every_font_embedded(demo_engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdffonts = require_program("pdffonts", install="pasang paket poppler-utils")
    ringkasan, _, _ = ringkasan_demo(demo_engine)
    (tmp_path / "ringkasan.pdf").write_bytes(ringkasan_pimpinan_pdf(ringkasan))
    result = run_program([pdffonts, str(tmp_path / "ringkasan.pdf")], 60, "pdffonts")
    rows = [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]
    assert result.returncode == 0 and len(rows) == 3
    assert all(row[-5] == "yes" for row in rows), result.stdout  # columns: … emb sub uni object ID


def test_a_period_without_data_still_makes_the_page(demo_engine: Engine) -> None:
    ringkasan, _, _ = ringkasan_demo(demo_engine, rentang=rentang_bulan(dt.date(2021, 3, 1)))
    reader, teks = _baca(ringkasan_pimpinan_pdf(ringkasan))
    _satu_halaman_a4(reader)
    assert teks.count("Belum ada data pada periode ini.") == 11
    assert "Tidak ada perubahan peringkat terhadap periode sebelumnya." in teks
    assert "0 0% Tepat waktu" in teks and "39 100% Tidak melapor" in teks


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_national_scope_of_450_satker_fits_one_page(engine: Engine) -> None:
    generate_national(engine, satker=450, bulan=2, baris=9_000, benih=7)
    rentang = rentang_bulan(BULAN_TERAKHIR)
    with Session(engine) as session:
        hasil = build_rankings(session, None, rentang)
        kepatuhan = kepatuhan_periode(session, None, rentang, SESUDAH)
    assert len(hasil.baris(JUARA_UMUM)) == 450
    ringkasan = build_ringkasan_pimpinan(
        hasil, kepatuhan, polda="Nasional (semua Polda)", dibuat=SESUDAH, alamat=ALAMAT
    )
    reader, teks = _baca(ringkasan_pimpinan_pdf(ringkasan))
    _satu_halaman_a4(reader)
    assert "Satker diperingkat: 450" in teks and sum(k.jumlah for k in ringkasan.kepatuhan) == 450
    _isi_tertulis(ringkasan, teks)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_largest_possible_content_fits_one_page(demo_engine: Engine) -> None:
    """Every card at its most lines (a four-way tie), six satker sharing the Juara Umum top five,
    three climbs and drops, four compliance boxes, the sample-data band, long names and a long
    address: still one page, and over-long names are cut with an ellipsis, not run over."""
    with Session(demo_engine) as session:
        hasil = build_rankings(session, None, rentang_bulan(dt.date(2024, 7, 1)))
    panjang = "Polres Pelabuhan Tanjung Perak Surabaya Utara dan Kepulauan"

    def seri(kode: str) -> list[BarisPeringkat]:
        pertama = [BarisPeringkat(1, i, f"{panjang} {i}", 1_234_567.0, previous_rank=400 + i) for i in range(4)]
        sisa = [BarisPeringkat(5 + i, 10 + i, f"Polres {i}", 1.0, previous_rank=1 + i) for i in range(446)]
        return pertama + sisa

    per_kategori = {k.kode: seri(k.kode) for k in hasil.kategori}
    per_kategori[JUARA_UMUM] = [
        BarisPeringkat(min(i + 1, 5), i, f"{panjang} {i}", 99.99, previous_rank=450 - i) for i in range(6)
    ]
    per_kategori[JUARA_UMUM] += [
        BarisPeringkat(7 + i, 100 + i, f"Polres Turun {i}", 1.0, previous_rank=1 + i) for i in range(444)
    ]
    besar = dataclasses.replace(hasil, per_kategori=per_kategori)
    kepatuhan = {"tepat_waktu": 100_000, "terlambat": 20_000, "belum_melapor": 3_000, "menunggu": 450}
    ringkasan = build_ringkasan_pimpinan(
        besar,
        kepatuhan,
        polda="Nasional (semua Polda)",
        dibuat=DIBUAT,
        data_contoh=True,
        alamat=ALAMAT + "&x=" + "a" * 300,
    )  # type: ignore[arg-type]
    assert all(len(t.tempat) == 4 for t in ringkasan.kategori) and len(ringkasan.juara_umum.tempat) == 6
    assert len(ringkasan.naik) == len(ringkasan.turun) == 3 and len(ringkasan.kepatuhan) == 4
    reader, teks = _baca(ringkasan_pimpinan_pdf(ringkasan))
    _satu_halaman_a4(reader)
    assert "Belum melapor (batas waktu belum lewat)" in teks and "100.000 81%" in teks
    assert "1.234.567" in teks and "…" in teks
