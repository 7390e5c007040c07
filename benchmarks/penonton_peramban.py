"""One viewer in a real headless Chromium (Playwright), for the same walk as the websocket client.

Each session is its own browser context (own cookies, own tab), all in one Chromium process.
Times are taken inside the page with ``performance.now()``, so Playwright's own round trips do
not count: a step runs from the click (the last ``pointerdown`` before the page sends its rerun
request) to the first animation frame in which the page says its script run has finished
(``data-test-script-state="notRunning"``, what Streamlit's own browser tests wait for) and the
main area shows the expected title. Opening the app runs from the navigation's start. A script
added to the page also notes when each run's ``script_finished`` message reached the page's
JavaScript (``detik_jalan``, what the websocket client measures) and the run time the server
reports with it (``detik_skrip``, when the app runs with ``browser.gatherUsageStats``), so the
two routes can be compared and the rest is the browser drawing.

Streamlit's static files (JavaScript, fonts) are immutable and cached for a year, so a leader who
has opened the app before loads them from the browser cache; by default they are served to each
context from the local streamlit package, as from that cache. ``aset_dingin`` loads them from the
server instead (a browser with an empty cache).

The rerun requests the page sends are decoded and kept (``jejak``) to compare them with those of
:class:`benchmarks.penonton_ws.SesiWs`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

import streamlit
from playwright.async_api import Browser, BrowserContext, Page, Route
from playwright.async_api import Error as PlaywrightError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.PageProfile_pb2 import PageProfile

from benchmarks.penonton_langkah import GagalLangkah, JejakKlik, Konteks

STATIC = Path(streamlit.__file__).parent / "static"
_FIELD = ForwardMsg.DESCRIPTOR.fields_by_name
# Runs in every page before Streamlit: timestamps of clicks, of rerun requests sent, of each run's
# end and of the server's page_profile (top-level protobuf fields read by hand; no decoder needed).
_CATAT = """(() => {
  const p = window.__penonton = {klik: [], kirim: [], selesai: [], profil: [], siap: null};
  addEventListener('pointerdown', () => p.klik.push(performance.now()), true);
  const varint = (b, s) => {
    let x = 0, k = 0, c;
    do { c = b[s.i++]; x += (c & 127) * 2 ** k; k += 7; } while (c & 128);
    return x;
  };
  const fields = (b, start, end) => {
    const s = {i: start}, out = {};
    while (s.i < end) {
      const tag = varint(b, s), f = Math.floor(tag / 8), w = tag % 8;
      if (w === 0) out[f] = varint(b, s);
      else if (w === 2) { const n = varint(b, s); out[f] = [s.i, s.i + n]; s.i += n; }
      else if (w === 1) s.i += 8; else if (w === 5) s.i += 4; else break;
    }
    return out;
  };
  const Asli = window.WebSocket;
  window.WebSocket = class extends Asli {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (!(e.data instanceof ArrayBuffer)) return;
        const t = performance.now(), b = new Uint8Array(e.data), f = fields(b, 0, b.length);
        if (FINISHED in f && f[FINISHED] !== EARLY) p.selesai.push(t);
        if (PROFILE in f) p.profil.push([t, (fields(b, ...f[PROFILE])[EXEC] || 0) / 1e6]);
      });
    }
    send(data) { p.kirim.push(performance.now()); return super.send(data); }
  };
})();"""
for _nama, _nomor in {
    "FINISHED": _FIELD["script_finished"].number,
    "PROFILE": _FIELD["page_profile"].number,
    "EXEC": PageProfile.DESCRIPTOR.fields_by_name["exec_time"].number,
    "EARLY": ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN"),
}.items():
    _CATAT = _CATAT.replace(_nama, str(_nomor))
_SIAP = """([judul]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return false;
  const galat = main.querySelector('[data-testid="stException"], [data-testid="stAlertContentError"]');
  if (galat) return 'galat: ' + galat.innerText.slice(0, 300);
  const h1 = [...main.querySelectorAll('h1')].map(h => h.innerText.trim());
  if (!h1.some(t => t.startsWith(judul))) return false;
  window.__penonton.siap = performance.now();
  return 'siap';
}"""


async def _dari_cache(route: Route) -> None:
    """Answer a /static/ request from the streamlit package, as a warm browser cache would."""
    path = STATIC / route.request.url.split("/static/", 1)[1].split("?", 1)[0]
    if not path.is_file():
        await route.continue_()
        return
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    await route.fulfill(status=200, body=path.read_bytes(), headers={"content-type": kind})


class SesiChromium:
    """One browser-equivalent session: a new Chromium context on ``base``."""

    def __init__(self, browser: Browser, base: str, konteks: Konteks, aset_dingin: bool = False) -> None:
        self.browser, self.base, self.konteks, self.aset_dingin = browser, base.rstrip("/"), konteks, aset_dingin
        self._context: BrowserContext | None = None
        self._page: Page | None = None
        self.jejak: list[JejakKlik] = []
        self.detik_jalan: float | None = None
        self.detik_skrip: float | None = None

    @property
    def page(self) -> Page:
        assert self._page is not None
        return self._page

    def _frame_sent(self, payload: Any) -> None:
        message = BackMsg()
        message.ParseFromString(payload if isinstance(payload, bytes) else payload.encode("latin-1"))
        if message.WhichOneof("type") == "rerun_script":
            self.jejak.append(JejakKlik.dari_client_state(message.rerun_script))

    async def _sekarang(self) -> float:
        return float(await self.page.evaluate("performance.now()"))

    async def _tunggu(self, judul: str, sejak: float | None, timeout: float) -> float:
        """Wait for the page; seconds from the click after page time ``sejak`` (None: from the
        navigation's start) to ready."""
        try:
            handle = await self.page.wait_for_function(_SIAP, arg=[judul], polling="raf", timeout=timeout * 1000)
            hasil = await handle.json_value()
            catatan = await self.page.evaluate("window.__penonton")
        except PlaywrightError as error:
            raise GagalLangkah(f"halaman {judul!r} tidak siap: {error.message.splitlines()[0]}") from error
        if hasil != "siap":
            raise GagalLangkah(str(hasil))
        klik = 0.0
        if sejak is not None:
            kirim = min((t for t in catatan["kirim"] if t >= sejak), default=sejak)
            klik = max((t for t in catatan["klik"] if sejak <= t <= kirim), default=kirim)
        selesai = min((t for t in catatan["selesai"] if t >= klik), default=None)
        self.detik_jalan = (selesai - klik) / 1000 if selesai is not None else None
        skrip = [d for t, d in catatan["profil"] if t >= klik and (selesai is None or t <= selesai)]
        self.detik_skrip = sum(skrip) if skrip else None
        return float(catatan["siap"] - klik) / 1000

    async def buka(self, judul: str, timeout: float) -> float:
        self._context = await self.browser.new_context(
            viewport={"width": 1440, "height": 900}, locale=self.konteks.bahasa, timezone_id=self.konteks.zona
        )
        await self._context.add_init_script(_CATAT)
        if not self.aset_dingin:
            await self._context.route("**/static/**", _dari_cache)
        self._page = await self._context.new_page()
        self._page.on("websocket", lambda ws: ws.on("framesent", self._frame_sent))
        try:
            await self.page.goto(self.base, timeout=timeout * 1000)
        except PlaywrightError as error:
            raise GagalLangkah(f"alamat tidak terbuka: {error.message.splitlines()[0]}") from error
        return await self._tunggu(judul, None, timeout)

    async def masuk(self, username: str, kata_sandi: str, judul: str, timeout: float) -> float:
        try:
            await self.page.get_by_label("Nama pengguna").fill(username)
            await self.page.get_by_label("Kata sandi", exact=True).fill(kata_sandi)
            sejak = await self._sekarang()
            await self.page.get_by_role("button", name="Masuk").click()
        except PlaywrightError as error:
            raise GagalLangkah(f"formulir masuk: {error.message.splitlines()[0]}") from error
        return await self._tunggu(judul, sejak, timeout)

    async def buka_halaman(self, menu: str, judul: str, timeout: float) -> float:
        try:
            sejak = await self._sekarang()
            await self.page.get_by_test_id("stSidebarNavLink").filter(has_text=menu).click()
        except PlaywrightError as error:
            raise GagalLangkah(f"menu {menu!r}: {error.message.splitlines()[0]}") from error
        return await self._tunggu(judul, sejak, timeout)

    def _selectbox(self, label: str) -> Any:
        return self.page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(has_text=label)

    async def _buka_daftar(self, label: str) -> None:
        """Open the sidebar selectbox's list (a rerun that redraws the sidebar may close it)."""
        for attempt in range(3):
            await self._selectbox(label).click()
            try:
                await self.page.get_by_role("option").first.wait_for(timeout=5_000)
                return
            except PlaywrightError:
                if attempt == 2:
                    raise
                await self.page.keyboard.press("Escape")

    async def opsi(self, label: str) -> tuple[list[str], str]:
        try:
            sekarang = (await self._selectbox(label).get_by_role("combobox").input_value()) or ""
            if not sekarang:
                sekarang = (await self._selectbox(label).inner_text()).split("\n")[-1].strip()
            await self._buka_daftar(label)
            semua = [t.strip() for t in await self.page.get_by_role("option").all_inner_texts()]
            await self.page.keyboard.press("Escape")
        except PlaywrightError as error:
            raise GagalLangkah(f"pilihan {label!r}: {error.message.splitlines()[0]}") from error
        return semua, sekarang

    async def pilih(self, label: str, opsi: str, judul: str, timeout: float) -> float:
        try:
            await self._buka_daftar(label)
            sejak = await self._sekarang()
            await self.page.get_by_role("option").filter(has_text=opsi).first.click()
        except PlaywrightError as error:
            raise GagalLangkah(f"pilihan {opsi!r}: {error.message.splitlines()[0]}") from error
        return await self._tunggu(judul, sejak, timeout)

    async def tutup(self) -> None:
        if self._context is not None:
            await self._context.close()
