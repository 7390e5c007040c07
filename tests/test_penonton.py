"""The viewer harness (benchmarks/penonton*.py) against a real app: the websocket client walks the
review pages as a browser does — the same rerun requests as Chromium — and a failed step counts."""

from __future__ import annotations

import asyncio
import doctest
from pathlib import Path

import pytest
from playwright.async_api import async_playwright

import benchmarks.penonton_langkah
from benchmarks.penonton_langkah import LANGKAH, HasilSesi, Konteks, jalani
from benchmarks.penonton_peramban import SesiChromium
from benchmarks.penonton_proses import jalankan_layanan
from benchmarks.penonton_ws import SesiWs
from etl.demo import KATA_SANDI_CONTOH
from testdata.server_aplikasi import CHROMIUM_ARGS
from tests.browser import chromium_path

AKUN = ("pimpinan.contoh", KATA_SANDI_CONTOH["pimpinan"])


def test_docstring_examples() -> None:
    result = doctest.testmod(benchmarks.penonton_langkah)
    assert result.attempted > 0 and result.failed == 0


async def _walk_both(base: str, chromium: str) -> tuple[HasilSesi, HasilSesi, HasilSesi]:
    websocket = await jalani(SesiWs(base, Konteks()), 3, AKUN, jeda=0.0, timeout=60)
    salah = await jalani(SesiWs(base, Konteks()), 4, (AKUN[0], "bukan-sandinya"), jeda=0.0, timeout=60)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            peramban = await jalani(SesiChromium(browser, base, Konteks()), 3, AKUN, jeda=0.5, timeout=60)
        finally:
            await browser.close()
    return websocket, salah, peramban


@pytest.mark.browser
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_websocket_viewer_sends_what_chromium_sends(demo_url: str, tmp_path: Path) -> None:
    chromium = chromium_path()
    with jalankan_layanan(demo_url, 1, tmp_path) as layanan:
        websocket, salah, peramban = asyncio.run(_walk_both(layanan.base, chromium))

    for hasil in (websocket, peramban):
        assert [(h.langkah, h.galat) for h in hasil.langkah] == [(langkah, "") for langkah in LANGKAH]
        assert all(h.detik is not None and h.detik > 0 for h in hasil.langkah)
    # At every click the same page and the same widget values as the browser. A browser clicked
    # right after a page is ready may not have registered every sidebar widget yet (the server then
    # uses their defaults), or may send the Periode control still empty, before it applied the
    # seeded choice (the page then puts "bulan" back); the websocket client sends them all, so the
    # browser's other values are a subset — and the login form and the filter change are the same,
    # value for value.
    assert [j.halaman for j in websocket.jejak] == [j.halaman for j in peramban.jejak]
    for ws_klik, browser_klik in zip(websocket.jejak, peramban.jejak, strict=True):
        belum_diterapkan = {
            w for w in browser_klik.widget if w[0].endswith("-jenis_periode") and w[1] == "string_array_value=[]"
        }
        assert set(browser_klik.widget) - belum_diterapkan <= set(ws_klik.widget)
    assert websocket.jejak[1] == peramban.jejak[1] and websocket.jejak[3] == peramban.jejak[3]
    login = websocket.jejak[1].widget
    assert [value for _, value in login] == [
        "string_value='pimpinan.contoh'",
        f"string_value='{AKUN[1]}'",
        "trigger_value=True",
    ]
    kategori = [value for widget_id, value in websocket.jejak[3].widget if widget_id.endswith("-kategori")]
    assert kategori != [value for widget_id, value in websocket.jejak[2].widget if widget_id.endswith("-kategori")]

    gagal = salah.langkah[1]
    assert gagal.detik is None and "salah" in gagal.galat.lower()
    assert [h.galat for h in salah.langkah[2:]] == ["tidak dijalankan"] * len(LANGKAH[2:])
