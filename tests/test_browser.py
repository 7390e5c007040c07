"""End to end in a real headless Chromium: the app as a user opens it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright
from pptx import Presentation
from sqlalchemy.orm import Session

from analytics.periods import rentang_bulan
from db.engine import make_engine
from db.peringkat import build_rankings
from db.queries_peringkat import list_polda_aktif
from etl.demo import KATA_SANDI_CONTOH
from tests.browser import ARTIFACTS, CHROMIUM_ARGS, assert_not_blank, choose_option, chromium_path, log_in, streamlit_server

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
        log_in(page, base, "admin.contoh", KATA_SANDI_CONTOH["admin"])
        expect(page.get_by_text("DATA CONTOH", exact=False).first).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Terbanyak Link Amplifikasi")).to_be_visible()
        expect(page.get_by_text("Kecepatan Pengiriman Laporan Bulanan")).to_be_visible()
        expect(page.get_by_text("Desember 2024").first).to_be_visible()
        expect(page.get_by_role("img", name="military_tech icon").first).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "beranda.png"
        page.screenshot(path=str(screenshot), full_page=True)
    assert_not_blank(screenshot)


def _first_of_ipse(url: str) -> str:
    """The satker ranked first in IPSE in the newest demo month (December 2024)."""
    engine = make_engine(url)
    with Session(engine) as session:
        polda = list_polda_aktif(session)[0]
        first = build_rankings(session, polda.id, rentang_bulan(dt.date(2024, 12, 1))).baris("ipse")[0]
    engine.dispose()
    return first.satker


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_peringkat_in_chromium_changes_category(demo_url: str, page: Page, tmp_path: Path) -> None:
    first = _first_of_ipse(demo_url)
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        log_in(page, base, "admin.contoh", KATA_SANDI_CONTOH["admin"])
        expect(page.get_by_text("DATA CONTOH", exact=False).first).to_be_visible(timeout=30_000)
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Peringkat").click()
        expect(page.get_by_role("heading", name="Peringkat — Terbanyak Link Amplifikasi")).to_be_visible(timeout=30_000)
        choose_option(page, "Kategori", "Terbanyak IPSE")
        expect(page.get_by_role("heading", name="Peringkat — Terbanyak IPSE")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(f"1. {first}").first).to_be_visible()
        expect(page.get_by_test_id("stPlotlyChart")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "peringkat.png"
        page.screenshot(path=str(screenshot), full_page=True)
    assert_not_blank(screenshot)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_ekspor_in_chromium_downloads_the_deck(demo_url: str, page: Page, tmp_path: Path) -> None:
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        log_in(page, base, "admin.contoh", KATA_SANDI_CONTOH["admin"])
        expect(page.get_by_text("DATA CONTOH", exact=False).first).to_be_visible(timeout=30_000)
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Ekspor").click()
        expect(page.get_by_role("heading", name="Ekspor")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Isi deck: 16 slide")).to_be_visible()
        page.get_by_role("button", name="Buat deck").click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name="Unduh deck (.pptx)").click()
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "ekspor.png"
        page.screenshot(path=str(screenshot), full_page=True)
    assert target.name == "deck_Jatim_2024-12.pptx"
    deck = Presentation(str(target))
    assert len(deck.slides) == 16
    assert any("Desember 2024" in shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert_not_blank(screenshot)
