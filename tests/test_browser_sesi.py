"""A login in a real Chromium: it lasts through F5 and new tabs, ends everywhere at logout or an
admin's password reset, and the cookie that carries it is out of reach of scripts; sample
accounts are refused when the client address, told by a trusted proxy, is another computer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.akun import atur_ulang_kata_sandi, cari_pengguna
from db.engine import make_engine
from etl.demo import KATA_SANDI_CONTOH
from testdata.server_aplikasi import CHROMIUM_ARGS
from tests.browser import chromium_path, log_in, streamlit_server, wait_for_app
from ui.cookie_sesi import NAMA_COOKIE

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("backend", ["sqlite"], indirect=True)]


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _context(browser: Browser, **extra: object) -> BrowserContext:
    return browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID", **extra)  # type: ignore[arg-type]


def _logged_in(page: Page) -> None:
    expect(page.get_by_text("Masuk sebagai")).to_be_visible(timeout=30_000)
    expect(page.get_by_label("Nama pengguna")).to_have_count(0)
    wait_for_app(page)


def _login_form(page: Page) -> None:
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Masuk sebagai")).to_have_count(0)


def test_login_lasts_through_f5_and_new_tabs_until_logout_or_a_reset(
    demo_url: str, browser: Browser, tmp_path: Path
) -> None:
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        context = _context(browser)
        tab = context.new_page()
        log_in(tab, base, "operator.kedirikota", KATA_SANDI_CONTOH["operator"])
        (cookie,) = [c for c in context.cookies() if c["name"] == NAMA_COOKIE]
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
        assert cookie["value"] not in tab.url

        tab.reload()
        _logged_in(tab)
        second = context.new_page()
        second.goto(f"{base}/peringkat")
        _logged_in(second)
        expect(second.get_by_role("heading", name="Peringkat — Terbanyak Link Amplifikasi")).to_be_visible()

        tab.get_by_role("button", name="Keluar").click()
        _login_form(tab)
        tab.reload()
        _login_form(tab)
        second.get_by_test_id("stSidebarNavLink").filter(has_text="Beranda").click()
        _login_form(second)
        expect(second.get_by_text("Anda telah keluar.")).to_be_visible()

        # Logged in again (the page load after logout brought a fresh token): an admin resets the
        # password elsewhere, and the user's next click lands on the login form.
        log_in(tab, base, "operator.kedirikota", KATA_SANDI_CONTOH["operator"])
        assert [c["value"] for c in context.cookies() if c["name"] == NAMA_COOKIE] != [cookie["value"]]
        engine = make_engine(demo_url)
        with Session(engine) as session, session.begin():
            operator = cari_pengguna(session, "operator.kedirikota")
            assert operator is not None
            atur_ulang_kata_sandi(session, Pelaku.baris_perintah(), operator.id, "frasa sandi baru operator kediri")
        engine.dispose()
        tab.get_by_test_id("stSidebarNavLink").filter(has_text="Peringkat").click()
        _login_form(tab)
        expect(tab.get_by_text("diatur ulang oleh admin")).to_be_visible()
        tab.reload()
        _login_form(tab)


@pytest.mark.parametrize(("proxy", "allowed"), [("127.0.0.1,::1", False), ("", True)])
def test_sample_account_and_the_forwarded_address_on_a_real_server(
    demo_url: str, browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, proxy: str, allowed: bool
) -> None:
    """The browser sends ``X-Forwarded-For: 192.0.2.7``. Behind a trusted proxy on this computer
    that is the client (another computer: refused); with no proxy trusted, it is a header any
    client can send and counts for nothing (the browser on this computer logs in)."""
    monkeypatch.setenv("HUMAS_PROXY_TEPERCAYA", proxy)
    with streamlit_server(demo_url, tmp_path / "streamlit.log") as base:
        page = _context(browser, extra_http_headers={"X-Forwarded-For": "192.0.2.7"}).new_page()
        page.goto(base)
        page.get_by_label("Nama pengguna").fill("admin.contoh")
        page.get_by_label("Kata sandi", exact=True).fill(KATA_SANDI_CONTOH["admin"])
        page.get_by_role("button", name="Masuk").click()
        if allowed:
            _logged_in(page)
        else:
            expect(page.get_by_text("hanya dapat dipakai di komputer server")).to_be_visible(timeout=30_000)
            _login_form(page)
