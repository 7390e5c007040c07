"""In a real headless Chromium: the address names the view (a copied address opened in a fresh
browser goes through the login form to that view; a changed filter changes the address), and the
review pages on a 390-px phone screen have no horizontal overflow (screenshots kept in
test-artifacts/ to look at)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from etl.demo import KATA_SANDI_CONTOH
from testdata.server_aplikasi import CHROMIUM_ARGS
from tests.browser import ARTIFACTS, assert_not_blank, choose_option, chromium_path, streamlit_server, wait_for_app

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("backend", ["sqlite"], indirect=True)]
PONSEL = {"width": 390, "height": 844}
HALAMAN_TINJAUAN = {
    "Beranda": "Beranda",
    "Peringkat": "Peringkat — Terbanyak Link Amplifikasi",
    "Tren": "Tren",
    "Profil Satker": "Profil Satker",
    "Kepatuhan": "Kepatuhan laporan",
    "Ekspor": "Ekspor",
}
"""Menu title → the heading the page shows (Perbandingan Polda needs more than one Polda)."""
UKUR = """() => {
    const utama = document.querySelector('[data-testid=stMain]');
    return [Math.max(document.documentElement.scrollWidth, utama ? utama.scrollWidth : 0), window.innerWidth];
}"""
"""The page's width (the document's, or the main area's, which scrolls on its own) and the window's."""


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _masuk(page: Page, username: str = "pimpinan.contoh", peran: str = "pimpinan") -> None:
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi", exact=True).fill(KATA_SANDI_CONTOH[peran])
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Masuk sebagai")).to_be_attached(timeout=30_000)
    wait_for_app(page)


def _pemanasan(browser: Browser, base: str) -> None:
    """A first visit to the root: a fresh server answers its very first request in Streamlit's
    legacy pages/ mode, which sends any page address to the root (tests/test_browser.py)."""
    page = browser.new_context().new_page()
    page.goto(base)
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
    page.context.close()


def test_a_copied_address_opens_its_view_after_login_and_a_filter_changes_the_address(
    demo_url: str, browser: Browser, tmp_path: Path
) -> None:
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        _pemanasan(browser, base)
        page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID").new_page()
        alamat = f"{base}/peringkat?polda=jatim&periode=2024-Q3&kategori=tb_news"
        page.goto(alamat)
        expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
        wait_for_app(page)
        _masuk(page)
        expect(page.get_by_role("heading", name="Peringkat — Terbanyak Input TB News")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Polda Jawa Timur · Triwulan III 2024").first).to_be_visible()
        expect(page).to_have_url(alamat)

        choose_option(page, "Kategori", "Terbanyak IPSE")
        expect(page.get_by_role("heading", name="Peringkat — Terbanyak IPSE")).to_be_visible(timeout=30_000)
        expect(page).to_have_url(f"{base}/peringkat?polda=jatim&periode=2024-Q3&kategori=ipse")
        ipse = page.url

        # the new address in another fresh browser: the same view again
        kedua = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID").new_page()
        kedua.goto(ipse)
        expect(kedua.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
        wait_for_app(kedua)
        _masuk(kedua, "admin.contoh", "admin")
        expect(kedua.get_by_role("heading", name="Peringkat — Terbanyak IPSE")).to_be_visible(timeout=30_000)
        expect(kedua.get_by_text("Polda Jawa Timur · Triwulan III 2024").first).to_be_visible()

        # a menu link keeps the filters and the address follows the page
        kedua.get_by_test_id("stSidebarNavLink").filter(has_text="Beranda").click()
        expect(kedua.get_by_role("heading", name="Beranda")).to_be_visible(timeout=30_000)
        expect(kedua).to_have_url(re.compile(r"/\?polda=jatim&periode=2024-Q3&kategori=ipse$"))


def _buka_menu(page: Page, judul: str) -> None:
    """At phone width the sidebar is collapsed: click the menu link through the DOM."""
    wait_for_app(page)
    page.evaluate(
        """(judul) => [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')]
            .find((a) => a.textContent.trim().endsWith(judul)).click()""",
        judul,
    )


def test_review_pages_fit_a_390_px_phone(demo_url: str, browser: Browser, tmp_path: Path) -> None:
    folder = ARTIFACTS / "ponsel"
    folder.mkdir(parents=True, exist_ok=True)
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        page = browser.new_context(viewport=PONSEL, locale="id-ID", device_scale_factor=1).new_page()
        page.goto(base)
        _masuk(page, "admin.contoh", "admin")
        lebar: dict[str, list[int]] = {}
        for menu, judul in HALAMAN_TINJAUAN.items():
            _buka_menu(page, menu)
            expect(page.get_by_role("heading", name=judul)).to_be_visible(timeout=30_000)
            wait_for_app(page)
            page.wait_for_timeout(1_500)  # charts and tables lay themselves out after the run
            lebar[menu] = page.evaluate(UKUR)
            if menu in ("Beranda", "Kepatuhan"):  # key figures two to a row, not one per screen line
                kartu = page.get_by_test_id("stMetric")
                pertama, kedua = kartu.nth(0).bounding_box(), kartu.nth(1).bounding_box()
                assert pertama and kedua and pertama["y"] == kedua["y"] and kedua["x"] > pertama["x"]
            tinggi = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollHeight ?? 844")
            page.set_viewport_size({"width": PONSEL["width"], "height": min(int(tinggi) + 100, 6000)})
            page.wait_for_timeout(1_500)  # charts draw again at the new height
            page.screenshot(path=str(folder / f"{menu.lower().replace(' ', '_')}.png"), full_page=True)
            page.set_viewport_size(PONSEL)
        for menu in HALAMAN_TINJAUAN:
            assert_not_blank(folder / f"{menu.lower().replace(' ', '_')}.png")
    melebar = {menu: ukuran for menu, ukuran in lebar.items() if ukuran[0] > ukuran[1]}
    assert not melebar, melebar
