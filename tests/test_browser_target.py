"""In a real headless Chromium: an admin sets a target, then a pimpinan sees the attainment bands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy.orm import Session

from analytics.target import Target
from db.engine import make_engine
from db.target import daftar_target_tersimpan
from etl.demo import KATA_SANDI_CONTOH
from testdata.server_aplikasi import CHROMIUM_ARGS
from tests.browser import ARTIFACTS, assert_not_blank, chromium_path, log_in, streamlit_server, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _page(browser: Browser) -> Page:
    return browser.new_context(viewport={"width": 1440, "height": 900}, locale="id-ID").new_page()


def _screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 2200})
    wait_for_app(page)
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=30_000)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_admin_sets_a_target_and_pimpinan_sees_the_bands(demo_url: str, browser: Browser, tmp_path: Path) -> None:
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        admin = _page(browser)
        log_in(admin, base, "admin.contoh", KATA_SANDI_CONTOH["admin"])
        if (more := admin.get_by_test_id("stSidebarNavViewButton")).count():  # "View more": a long admin menu
            more.click()
        admin.get_by_test_id("stSidebarNavLink").filter(has_text="Target dan Kelompok").click()
        expect(admin.get_by_role("heading", name="Target dan Kelompok")).to_be_visible(timeout=30_000)
        admin.get_by_test_id("stSelectbox").filter(has_text="Berlaku mulai").click()
        admin.keyboard.type("Januari 2024")
        admin.keyboard.press("Enter")
        target = admin.get_by_label("Target per bulan (kecepatan: jam)")
        target.fill("30")
        target.press("Tab")
        admin.get_by_role("button", name="Simpan target").click()
        expect(admin.get_by_text("Target Terbanyak Link Amplifikasi mulai Januari 2024 disimpan.")).to_be_visible(
            timeout=30_000
        )
        admin_shot = _screenshot(admin, "target_admin.png")

        pimpinan = _page(browser)
        log_in(pimpinan, base, "pimpinan.contoh", KATA_SANDI_CONTOH["pimpinan"])
        expect(pimpinan.get_by_role("heading", name="Capaian target")).to_be_visible(timeout=30_000)
        beranda_shot = _screenshot(pimpinan, "target_beranda.png")
        pimpinan.set_viewport_size({"width": 1440, "height": 900})
        pimpinan.get_by_test_id("stSidebarNavLink").filter(has_text="Peringkat").click()
        expect(pimpinan.get_by_role("heading", name="Peringkat — Terbanyak Link Amplifikasi")).to_be_visible(
            timeout=30_000
        )
        expect(pimpinan.get_by_text("Hijau 100 % atau lebih", exact=False)).to_be_visible(timeout=30_000)
        peringkat_shot = _screenshot(pimpinan, "target_peringkat.png")
    engine = make_engine(demo_url)
    with Session(engine) as session:
        assert [t.target for t in daftar_target_tersimpan(session)] == [
            Target("link_amplifikasi", "semua", dt.date(2024, 1, 1), 30)
        ]
    engine.dispose()
    for shot in (admin_shot, beranda_shot, peringkat_shot):
        assert_not_blank(shot)
