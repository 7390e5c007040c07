"""End to end in a real headless Chromium: the app as a user opens it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.browser import ARTIFACTS, CHROMIUM_ARGS, assert_not_blank, chromium_path, streamlit_server

pytestmark = pytest.mark.browser


@pytest.fixture
def page() -> Iterator[Page]:
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
        yield context.new_page()
        browser.close()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_beranda_in_chromium_shows_demo_banner_and_winners(demo_url: str, page: Page, tmp_path: Path) -> None:
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        page.goto(base)
        expect(page.get_by_text("DATA CONTOH", exact=False).first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Terbanyak Link Amplifikasi")).to_be_visible()
        expect(page.get_by_text("Kecepatan Pengiriman Laporan Bulanan")).to_be_visible()
        expect(page.get_by_text("Desember 2024").first).to_be_visible()
        expect(page.get_by_role("img", name="military_tech icon").first).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "beranda.png"
        page.screenshot(path=str(screenshot), full_page=True)
    assert_not_blank(screenshot)
