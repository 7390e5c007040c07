"""A real Streamlit server and a real headless Chromium for end-to-end tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageStat
from playwright.sync_api import Page, expect

from db.engine import PROJECT_DIR
from testdata.server_aplikasi import hentikan, perintah_app, port_bebas, tunggu_sehat
from tests.tools import require_program

ARTIFACTS = PROJECT_DIR / "test-artifacts"


def chromium_path() -> str:
    """Debian's chromium, or skip (locally) / fail (under CI) without it."""
    return require_program("chromium", "chromium-browser", install="apt-get install chromium")


@contextmanager
def streamlit_server(database_url: str, log_path: Path) -> Iterator[str]:
    """Start ``streamlit run aplikasi.py`` on a free port, as jalankan.sh and deploy/ start it
    (``FORWARDED_ALLOW_IPS`` empty: the server reports the real peer); yield its base URL; stop it."""
    port = port_bebas()
    env = {**os.environ, "HUMAS_DATABASE_URL": database_url, "FORWARDED_ALLOW_IPS": ""}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(perintah_app(port), cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        try:
            tunggu_sehat(base, process, batas=60, jeda=0.3)
        except RuntimeError:
            raise RuntimeError(f"streamlit tidak mau berjalan; lihat {log_path}") from None
        yield base
    finally:
        hentikan(process)


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
