"""The Rakernis deck as PDF through LibreOffice (exports.pdf_deck): a page per slide holding its
title, conversions side by side, and a clear error when LibreOffice is missing, too slow, or
given something that is not a deck. The deck's content on both databases is tested in
test_deck.py and test_ekspor.py; LibreOffice only sees its bytes, so these run on SQLite."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.kategori import JUARA_UMUM
from analytics.periods import Rentang, parse_rentang
from db.queries import list_kategori
from db.queries_peringkat import list_polda_aktif
from exports.deck import build_deck, judul_slide
from exports.pdf_deck import DeckPdfGagal, LibreOfficeTidakAda, cari_libreoffice, deck_pdf
from services.ekspor import kumpulkan_isi_deck
from tests.tools import require_program

SQLITE = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
SEKARANG = dt.datetime(2025, 1, 6, tzinfo=dt.UTC)


def _deck(engine: Engine, rentang: Rentang, kode: list[str] | None = None) -> tuple[bytes, list[str]]:
    """The deck's .pptx bytes and its slide titles."""
    with Session(engine) as session:
        polda_id = list_polda_aktif(session)[0].id
        kode = kode or [k.kode for k in list_kategori(session)] + [JUARA_UMUM]
        isi = kumpulkan_isi_deck(session, polda_id, rentang, kode, 10, None, SEKARANG)
    return build_deck(isi), judul_slide(isi)


def _rapat(teks: str) -> str:
    return " ".join(teks.split())


def _butuh_libreoffice() -> None:
    require_program("soffice", "libreoffice", install="pasang paket libreoffice-impress-nogui")


@SQLITE
def test_two_decks_converted_side_by_side_each_have_a_page_per_slide_with_its_title(demo_engine: Engine) -> None:
    _butuh_libreoffice()
    decks = [
        _deck(demo_engine, parse_rentang("2024")),
        _deck(demo_engine, parse_rentang("2024-07"), ["ipse", JUARA_UMUM]),
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(deck_pdf, [pptx for pptx, _ in decks]))
    for pdf, (_, titles) in zip(pdfs, decks, strict=True):
        assert pdf.startswith(b"%PDF")
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == len(titles)
        for page, title in zip(reader.pages, titles, strict=True):
            assert _rapat(title) in _rapat(page.extract_text())
    assert len(PdfReader(io.BytesIO(pdfs[0])).pages) == 3 + 11 + 2 and len(PdfReader(io.BytesIO(pdfs[1])).pages) == 7


@SQLITE
def test_without_libreoffice_the_error_says_what_to_install(
    demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pptx, _ = _deck(demo_engine, parse_rentang("2024-07"), ["ipse"])
    monkeypatch.setenv("PATH", str(tmp_path))
    assert cari_libreoffice() is None
    with pytest.raises(LibreOfficeTidakAda, match="libreoffice-impress-nogui") as error:
        deck_pdf(pptx)
    assert isinstance(error.value, DeckPdfGagal) and "PowerPoint" in str(error.value)


def _proses_di(folder: Path) -> list[str]:
    """Command lines of running processes that mention ``folder``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        if str(folder) in text:
            found.append(text)
    return found


@SQLITE
def test_a_conversion_over_the_time_limit_is_stopped_and_cleaned_up(
    demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _butuh_libreoffice()
    pptx, _ = _deck(demo_engine, parse_rentang("2024-07"), ["ipse"])
    sementara = tmp_path / "sementara"  # beside the test's database file
    sementara.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(sementara))
    with pytest.raises(DeckPdfGagal, match="tidak selesai mengubah deck menjadi PDF dalam 0,5 detik"):
        deck_pdf(pptx, batas_detik=0.5)
    assert _proses_di(sementara) == [] and list(sementara.iterdir()) == []


def test_bytes_that_are_not_a_deck_give_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _butuh_libreoffice()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(DeckPdfGagal, match="tidak menghasilkan PDF") as error:
        deck_pdf(b"bukan berkas PowerPoint")
    assert "could not be loaded" in str(error.value)
    assert _proses_di(tmp_path) == [] and list(tmp_path.iterdir()) == []
