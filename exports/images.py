"""PNG images of plotly figures, rendered on the server by kaleido with Debian's chromium.

One kaleido server (one headless browser) is started on first use and kept for the process:
starting a browser per image costs seconds, a running one renders in a fraction of a second.
Renders are serialised with a lock because the server handles one figure at a time.
"""

from __future__ import annotations

import atexit
import shutil
import threading
import warnings

import kaleido
import plotly.graph_objects as go

PESAN_TANPA_CHROMIUM = (
    "Gambar PNG di server memerlukan peramban Chromium (paket Debian `chromium`), yang belum terpasang "
    "di server ini. Pasang dengan `apt-get install chromium`, atau simpan grafik dengan tombol kamera di "
    "pojok kanan atas grafik."
)
LEBAR = 1600
SKALA = 2
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
_lock = threading.Lock()
_started = False


class GambarTidakTersedia(RuntimeError):
    """Server-side PNG rendering is not possible on this machine (no Chromium)."""


def _ensure_server() -> None:
    global _started
    if not _started:
        if not any(shutil.which(name) for name in BROWSERS):
            raise GambarTidakTersedia(PESAN_TANPA_CHROMIUM)
        kaleido.start_sync_server(silence_warnings=True)
        atexit.register(kaleido.stop_sync_server, silence_warnings=True)
        _started = True


def png(fig: go.Figure, lebar: int = LEBAR, skala: int = SKALA) -> bytes:
    """The figure as PNG bytes, ``lebar`` CSS pixels wide at ``skala`` × resolution, height as laid out."""
    tinggi = int(fig.layout.height or 500)
    with _lock:
        _ensure_server()
        with warnings.catch_warnings():
            # plotly warns that per-call browser options are ignored while a server runs; we pass none.
            warnings.filterwarnings("ignore", message="The kopts argument is ignored")
            return fig.to_image(format="png", width=lebar, height=tinggi, scale=skala)
