"""The Rakernis deck as PDF: the .pptx from ``exports.deck.build_deck``, converted by LibreOffice.

Same content, one PDF page per slide, the charts as LibreOffice draws them. Each conversion runs
``soffice --headless`` in a temporary directory of its own, with its own user profile
(``-env:UserInstallation``): LibreOffice allows one running instance per profile, so two
conversions sharing the default profile would collide or hand the file to the wrong process (HOME
points into the same directory, so nothing lands in the server user's home either). The deck is a
local file with no linked media, so the conversion has nothing to fetch. The process gets a time
limit and is killed with its children (``soffice.bin`` under the ``oosplash`` wrapper) when it
runs over.

Without LibreOffice the caller gets ``LibreOfficeTidakAda`` with the install command, and may
offer the .pptx instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from analytics.angka import format_angka

PROGRAM = ("soffice", "libreoffice")
BATAS_DETIK = 180.0
"""A 16-slide deck takes a few seconds; the first start of a new profile several more."""
PESAN_TANPA_LIBREOFFICE = (
    "Deck PDF dibuat dengan LibreOffice, yang belum terpasang di server ini. Pasang paket Debian "
    "`libreoffice-impress-nogui` (apt-get install libreoffice-impress-nogui), atau unduh deck .pptx lalu "
    "simpan sebagai PDF di PowerPoint."
)


class DeckPdfGagal(RuntimeError):
    """The deck could not be turned into PDF; the message says why, in Indonesian."""


class LibreOfficeTidakAda(DeckPdfGagal):
    """LibreOffice (``soffice``) is not installed on this machine."""


def cari_libreoffice() -> str | None:
    """The path of ``soffice`` (or ``libreoffice``) on PATH, None when not installed; lets a page
    say so before anyone presses the button."""
    for nama in PROGRAM:
        found = shutil.which(nama)
        if found:
            return found
    return None


def deck_pdf(pptx: bytes, batas_detik: float = BATAS_DETIK) -> bytes:
    """The deck (.pptx bytes) as PDF bytes, one page per slide.

    Raises ``LibreOfficeTidakAda`` when LibreOffice is missing, ``DeckPdfGagal`` when it runs
    over ``batas_detik``, exits with an error, or writes no PDF.
    """
    soffice = cari_libreoffice()
    if soffice is None:
        raise LibreOfficeTidakAda(PESAN_TANPA_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="humas-deck-pdf-") as folder:
        kerja = Path(folder)
        (kerja / "deck.pptx").write_bytes(pptx)
        perintah = [
            soffice,
            f"-env:UserInstallation={(kerja / 'profil').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:impress_pdf_Export",
            "--outdir",
            str(kerja / "hasil"),
            str(kerja / "deck.pptx"),
        ]
        keluaran = _jalankan(perintah, kerja, batas_detik)
        pdf = kerja / "hasil" / "deck.pdf"
        if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
            raise DeckPdfGagal(
                "LibreOffice tidak menghasilkan PDF dari deck ini. Unduh deck .pptx lalu simpan sebagai PDF di "
                f"PowerPoint. Keterangan LibreOffice: {keluaran or 'tidak ada'}"
            )
        return pdf.read_bytes()


def _jalankan(perintah: list[str], kerja: Path, batas_detik: float) -> str:
    """Run LibreOffice in a session of its own with HOME inside ``kerja``; its output, trimmed."""
    env = {**os.environ, "HOME": str(kerja), "SAL_USE_VCLPLUGIN": "svp"}
    proses = subprocess.Popen(
        perintah,
        cwd=kerja,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        keluaran, _ = proses.communicate(timeout=batas_detik)
    except subprocess.TimeoutExpired:
        os.killpg(proses.pid, signal.SIGKILL)
        proses.communicate()
        detik = format_angka(batas_detik, 0 if batas_detik >= 10 else 1)
        raise DeckPdfGagal(
            f"LibreOffice tidak selesai mengubah deck menjadi PDF dalam {detik} detik. Coba lagi, atau unduh deck "
            ".pptx lalu simpan sebagai PDF di PowerPoint."
        ) from None
    finally:
        # Nothing of this conversion may outlive it: its folder is removed next. A group that is
        # already gone (the usual case) raises ProcessLookupError.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proses.pid, signal.SIGKILL)
    keluaran = " ".join(keluaran.split())[-500:]
    if proses.returncode != 0:
        raise DeckPdfGagal(
            f"LibreOffice gagal mengubah deck menjadi PDF (kode keluar {proses.returncode}). Keterangan: "
            f"{keluaran or 'tidak ada'}"
        )
    return keluaran
