"""Starting the app as it is deployed (``streamlit run aplikasi.py``) and headless Chromium, shared
by the end-to-end tests (tests/browser.py) and the viewer-load benchmarks (benchmarks/penonton*)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Debian's chromium started by Playwright: no sandbox (containers), nothing fetched from the net."""


def port_bebas() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def perintah_app(port: int, profil: bool = False, opsi: list[str] | None = None) -> list[str]:
    """``streamlit run aplikasi.py`` on ``port``, as jalankan.sh and deploy/ start it, plus
    Streamlit ``opsi`` (e.g. ``--server.fileWatcherType none``). With ``profil`` Streamlit's usage
    statistics are on: nothing leaves the machine from the server, but every run ends with a
    ``page_profile`` message holding the run's duration measured inside the server."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "aplikasi.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "true" if profil else "false",
        *(opsi or []),
    ]


def tunggu_sehat(
    base: str, process: subprocess.Popen[bytes] | None, batas: float = 120, jeda: float = 0.05, log: Path | None = None
) -> None:
    """Poll ``base``/_stcore/health until it answers 200 (a stopped process fails at once, with
    the end of its ``log``)."""
    deadline = time.monotonic() + batas
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{base} tidak menjawab /_stcore/health\n{tail}")
        time.sleep(jeda)


def hentikan(process: subprocess.Popen[bytes]) -> None:
    """Stop the process: terminate, then kill after 15 s."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
