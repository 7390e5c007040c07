"""A real Streamlit server and a real headless Chromium for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageStat
from playwright.sync_api import Page, expect

from db.engine import PROJECT_DIR
from tests.tools import require_program

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
ARTIFACTS = PROJECT_DIR / "test-artifacts"


def chromium_path() -> str:
    """Debian's chromium, or skip (locally) / fail (under CI) without it."""
    return require_program("chromium", "chromium-browser", install="apt-get install chromium")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(database_url: str, log_path: Path) -> Iterator[str]:
    """Start ``streamlit run dashboard.py`` on a free port; yield its base URL; stop it."""
    port = _free_port()
    env = {**os.environ, "HUMAS_DATABASE_URL": database_url}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "dashboard.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit tidak mau berjalan; lihat {log_path}") from None
                time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def assert_not_blank(png: Path) -> None:
    """A screenshot with real content: many colours and visible contrast."""
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1_000_000) or []
        spread = ImageStat.Stat(rgb.convert("L")).stddev[0]
    assert len(colours) > 50, f"{png}: hanya {len(colours)} warna"
    assert spread > 10, f"{png}: kontras terlalu rendah ({spread:.1f})"


def wait_for_app(page: Page) -> None:
    """Until the script run that the last action started has finished (as Streamlit's own e2e
    tests wait), so the next click does not land on a page that is being redrawn."""
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=60_000)


def choose_option(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``."""
    wait_for_app(page)
    choice = page.get_by_role("option").filter(has_text=option).first
    for attempt in range(3):
        page.get_by_test_id("stSelectbox").filter(has_text=label).click()
        try:
            expect(choice).to_be_visible(timeout=5_000)
            break
        except AssertionError:  # a rerun redrew the sidebar and closed the list: open it again
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_for_app(page)
    choice.click()
    wait_for_app(page)


def log_in(page: Page, base: str, username: str, password: str) -> None:
    """Open the app and log in through the form, as a user would."""
    page.goto(base)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi", exact=True).fill(password)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Masuk sebagai")).to_be_visible(timeout=30_000)
    wait_for_app(page)
