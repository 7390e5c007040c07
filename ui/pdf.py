"""PDFs the Ekspor page offers, made when their download button is clicked (a callable ``data``,
run by Streamlit outside the page's run, so it gets the engine rather than a cached query)."""

from __future__ import annotations

from analytics.periods import Rentang
from db.engine import Engine
from db.transaksi import sesi_baca
from exports.pdf_ringkasan import ringkasan_pimpinan_pdf
from services.ekspor import kumpulkan_ringkasan_pimpinan

MIME_PDF = "application/pdf"


def buat_ringkasan_pdf(engine: Engine, polda_id: int | None, rentang: Rentang, alamat: str) -> bytes:
    """The Ringkasan Pimpinan PDF read and made at the click, so it states the time it was made."""
    with sesi_baca(engine) as session:
        return ringkasan_pimpinan_pdf(kumpulkan_ringkasan_pimpinan(session, polda_id, rentang, alamat))
