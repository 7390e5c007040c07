"""The PDFs on the Ekspor page and on the command line: the Rakernis deck through LibreOffice (said
plainly when it is missing) and the one-page Ringkasan Pimpinan; text read back with pdftotext and
pypdf."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader
from sqlalchemy import Engine

from analytics.periods import WIB, month_label, parse_rentang
from db.engine import PROJECT_DIR
from db.queries_peringkat import list_polda_aktif
from db.transaksi import sesi_baca
from exports.pdf_deck import PESAN_TANPA_LIBREOFFICE
from tests.test_pages import SQLITE_ONLY, open_app, show
from tests.test_tautan_tampilan import ALAMAT, _set_alamat
from tests.tools import require_program, run_program
from ui.pdf import buat_ringkasan_pdf

TANPA_PROGRAM = "/nonexistent-humas-bin"


def _etl(url: str, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUMAS_DATABASE_URL": url}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=400
    )


def _teks(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@SQLITE_ONLY
def test_command_line_deck_as_pdf_has_a_page_per_slide_with_their_titles(demo_url: str, tmp_path: Path) -> None:
    require_program("soffice", "libreoffice", install="pasang paket libreoffice-impress-nogui")
    pdftotext = require_program("pdftotext", install="pasang paket poppler-utils")
    pptx, pdf = tmp_path / "deck.pptx", tmp_path / "deck.pdf"
    for keluaran in (pptx, pdf):
        hasil = _etl(demo_url, "deck", "--periode", "2024-Q3", "--kategori", "tb_news,juara_umum", "-o", str(keluaran))
        assert hasil.returncode == 0, hasil.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    slides = Presentation(io.BytesIO(pptx.read_bytes())).slides
    halaman, _ = _teks(pdf.read_bytes())
    assert halaman == len(slides)
    teks = run_program([pdftotext, "-layout", str(pdf), "-"], 60, "pdftotext").stdout
    for judul in ("Triwulan III 2024", "Terbanyak Input TB News", "Juara Umum", "Metode dan Sumber Data"):
        assert judul in teks, judul


@SQLITE_ONLY
def test_command_line_deck_pdf_without_libreoffice_says_what_to_install(demo_url: str, tmp_path: Path) -> None:
    hasil = _etl(demo_url, "deck", "--periode", "2024-05", "-o", str(tmp_path / "deck.pdf"), path=TANPA_PROGRAM)
    assert hasil.returncode == 1
    assert "libreoffice-impress-nogui" in hasil.stderr
    assert not (tmp_path / "deck.pdf").exists()


@SQLITE_ONLY
def test_command_line_ringkasan_is_one_page_with_view_period_and_link(demo_url: str, tmp_path: Path) -> None:
    _set_alamat(demo_url, ALAMAT)
    keluaran = tmp_path / "ringkasan.pdf"
    hasil = _etl(demo_url, "ringkasan", "--periode", "2024-Q3", "-o", str(keluaran))
    assert hasil.returncode == 0, hasil.stderr
    assert "Ringkasan Pimpinan ditulis" in hasil.stdout
    halaman, teks = _teks(keluaran.read_bytes())
    assert halaman == 1
    for isi in ("Ringkasan Pimpinan", "Polda Jawa Timur", "Triwulan III 2024", "Juara Umum", "Terbanyak Input TB News"):
        assert isi in teks, isi
    assert f"{ALAMAT}/?polda=jatim&periode=2024-Q3" in teks


@pytest.mark.parametrize("keluaran", ["ringkasan.pptx", "ringkasan"])
def test_command_line_ringkasan_wants_a_pdf_name(keluaran: str, tmp_path: Path) -> None:
    hasil = _etl(f"sqlite:///{tmp_path}/x.sqlite", "ringkasan", "--periode", "2024-05", "-o", str(tmp_path / keluaran))
    assert hasil.returncode == 2
    assert ".pdf" in hasil.stderr


def test_ringkasan_pdf_is_read_at_the_click_and_states_the_time(demo_engine: Engine) -> None:
    with sesi_baca(demo_engine) as session:
        polda = list_polda_aktif(session)[0]
    sekarang = dt.datetime.now(WIB)
    halaman, teks = _teks(buat_ringkasan_pdf(demo_engine, polda.id, parse_rentang("2024-07"), ""))
    assert halaman == 1 and "Juli 2024" in teks and "dasbor:" not in teks
    assert f"{sekarang.day} {month_label(sekarang.date())} pukul {sekarang:%H}." in teks


@SQLITE_ONLY
def test_ekspor_offers_both_pdfs_and_says_when_libreoffice_is_missing(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_program("soffice", "libreoffice", install="pasang paket libreoffice-impress-nogui")
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    assert "Unduh Ringkasan Pimpinan (.pdf)" in [b.label for b in app.get("download_button")]
    assert PESAN_TANPA_LIBREOFFICE not in [i.value for i in app.info]
    next(b for b in app.button if b.label == "Buat deck").click().run()
    assert [b.label for b in app.get("download_button")][:2] == ["Unduh deck (.pptx)", "Unduh deck (.pdf)"]

    monkeypatch.setenv("PATH", TANPA_PROGRAM)
    app.run()
    assert "Unduh deck (.pdf)" not in [b.label for b in app.get("download_button")]
    assert PESAN_TANPA_LIBREOFFICE in [i.value for i in app.info]
    assert "Unduh Ringkasan Pimpinan (.pdf)" in [b.label for b in app.get("download_button")]
