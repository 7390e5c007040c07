"""End to end in a real headless Chromium: the app as a user opens it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect, sync_playwright
from pptx import Presentation
from sqlalchemy.orm import Session

from analytics.periods import rentang_bulan
from db.engine import make_engine
from db.queries_peringkat import list_polda_aktif
from etl.cells import parse_periode
from etl.demo import KATA_SANDI_CONTOH
from services.peringkat import build_rankings
from testdata.server_aplikasi import CHROMIUM_ARGS
from testdata.workbooks import audit_actions, snapshot
from tests.browser import (
    ARTIFACTS,
    assert_not_blank,
    choose_option,
    chromium_path,
    log_in,
    streamlit_server,
    wait_for_app,
)

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
def test_a_page_address_opened_before_login_shows_the_login_form_then_that_page(
    demo_url: str, page: Page, tmp_path: Path
) -> None:
    """A bookmark or a refresh never shows a page without login, nor "Page not found"; after
    login the address's page opens, "Keluar" returns to the root address, and the address of a
    page the role may not open says so."""
    login_form = page.get_by_label("Nama pengguna")
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        # The server's very first request: Streamlit's legacy pages/ mode would run the page file alone.
        page.goto(f"{base}/admin_pengguna")
        expect(login_form).to_be_visible(timeout=30_000)
        expect(page.get_by_text("admin pengguna")).to_have_count(0)  # no raw list of page files
        expect(page).to_have_url(f"{base}/")

        page.goto(f"{base}/peringkat")
        expect(login_form).to_be_visible(timeout=30_000)
        wait_for_app(page)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        login_form.fill("pimpinan.contoh")
        page.get_by_label("Kata sandi", exact=True).fill(KATA_SANDI_CONTOH["pimpinan"])
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("heading", name="Peringkat — Terbanyak Link Amplifikasi")).to_be_visible(timeout=30_000)
        expect(page).to_have_url(f"{base}/peringkat?polda=jatim&periode=2024-12&kategori=link_amplifikasi")

        wait_for_app(page)
        page.get_by_role("button", name="Keluar").click()
        expect(login_form).to_be_visible(timeout=30_000)
        expect(page).to_have_url(f"{base}/")

        page.goto(f"{base}/ekspor")
        expect(login_form).to_be_visible(timeout=30_000)
        login_form.fill("operator.kedirikota")
        page.get_by_label("Kata sandi", exact=True).fill(KATA_SANDI_CONTOH["operator"])
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_text("Halaman Ekspor tidak tersedia untuk peran Operator satker")).to_be_visible(
            timeout=30_000
        )
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_test_id("stSidebarNavLink").filter(has_text="Ekspor")).to_have_count(0)


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
    engine = make_engine(demo_url)
    assert audit_actions(engine)[-1] == "ekspor"
    engine.dispose()
    deck = Presentation(str(target))
    assert len(deck.slides) == 16
    assert any("Desember 2024" in shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame)
    assert_not_blank(screenshot)


def _fill_template(template: Path, links: int, broken: bool = False) -> Path:
    """The downloaded template filled in as an operator would in Excel: operator name and
    ``links`` TB News rows inside the month (one impossible date and a javascript: link if broken)."""
    book = load_workbook(template)
    book["Identitas"]["B4"] = "Operator Uji"
    periode = parse_periode(book["Identitas"]["B3"].value)
    sheet = book["TB News"]
    for row in range(2, 2 + links):
        sheet.append(
            [row - 1, periode.replace(day=min(row, 28)), f"Berita {row}", "Website", f"https://tribratanews.id/{row}"]
        )
    if broken:
        sheet.append([links + 1, "31/02/2024", "Salah", "Website", "javascript:alert(1)"])
    filled = template.with_name(f"terisi_{'rusak_' if broken else ''}{template.name}")
    book.save(filled)
    return filled


def _download_template(page: Page, folder: Path) -> Path:
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Unduh templat laporan").click()
    target = folder / download.value.suggested_filename
    download.value.save_as(target)
    return target


def _upload(page: Page, path: Path) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    wait_for_app(page)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_operator_uploads_a_report_and_sees_it_ranked(demo_url: str, page: Page, tmp_path: Path) -> None:
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        log_in(page, base, "operator.kedirikota", KATA_SANDI_CONTOH["operator"])
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Unggah Laporan").click()
        expect(page.get_by_role("heading", name="Unggah Laporan")).to_be_visible(timeout=30_000)
        template = _download_template(page, tmp_path)
        assert template.name.startswith("laporan_Polres_Kediri_Kota_")
        _upload(page, _fill_template(template, 7))
        expect(page.get_by_text("akan disimpan sebagai versi 1 (7 kegiatan)")).to_be_visible(timeout=30_000)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "unggah_pratinjau.png"), full_page=True)
        page.get_by_role("button", name="Simpan").click()
        expect(page.get_by_text("versi 1 tersimpan (7 kegiatan)")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(re.compile(r"Diterima \d{2}-\d{2}-\d{4}"))).to_be_visible()  # the time it was received

        page.get_by_test_id("stSidebarNavLink").filter(has_text="Peringkat").click()
        wait_for_app(page)
        choose_option(page, "Kategori", "Terbanyak Input TB News")
        expect(page.get_by_role("heading", name="Peringkat — Terbanyak Input TB News")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("1. Polres Kediri Kota").first).to_be_visible()
        screenshot = ARTIFACTS / "unggah_peringkat.png"
        page.screenshot(path=str(screenshot), full_page=True)
    assert_not_blank(screenshot)
    engine = make_engine(demo_url)
    with Session(engine) as session:
        periode = parse_periode(load_workbook(template)["Identitas"]["B3"].value)
        kediri = build_rankings(session, list_polda_aktif(session)[0].id, rentang_bulan(periode)).baris("tb_news")[0]
    engine.dispose()
    assert (kediri.satker, kediri.value) == ("Polres Kediri Kota", 7)


def _tanpa_login(isi: dict[str, Any]) -> dict[str, Any]:
    """A snapshot without what logging in writes (the session, the key that hashes typed names)."""
    isi = {tabel: baris for tabel, baris in isi.items() if tabel not in {"sesi_login", "percobaan_masuk"}}
    isi["pengaturan"] = [baris for baris in isi["pengaturan"] if "kunci_sidik_nama" not in baris]
    return isi


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_operator_sees_every_error_of_a_broken_report_and_nothing_changes(
    demo_url: str, page: Page, tmp_path: Path
) -> None:
    engine = make_engine(demo_url)
    before = _tanpa_login(snapshot(engine))
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        log_in(page, base, "operator.kedirikota", KATA_SANDI_CONTOH["operator"])
        page.get_by_test_id("stSidebarNavLink").filter(has_text="Unggah Laporan").click()
        expect(page.get_by_role("heading", name="Unggah Laporan")).to_be_visible(timeout=30_000)
        _upload(page, _fill_template(_download_template(page, tmp_path), 3, broken=True))
        expect(page.get_by_text("Berkas ditolak: 2 kesalahan")).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        expect(page.get_by_role("button", name="Unduh salinan bertanda kesalahan (.xlsx)")).to_be_visible()
        expect(page.get_by_role("button", name="Simpan")).to_have_count(0)
        ARTIFACTS.mkdir(exist_ok=True)
        screenshot = ARTIFACTS / "unggah_ditolak.png"
        page.screenshot(path=str(screenshot), full_page=True)
    assert_not_blank(screenshot)
    assert _tanpa_login(snapshot(engine)) == before
    assert audit_actions(engine)[-3:] == ["masuk", "ekspor", "unggah_ditolak"]  # ekspor: the template
    engine.dispose()
