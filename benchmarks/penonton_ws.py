"""One viewer of the app speaking Streamlit's own websocket protocol, as the browser does.

The browser loads the page over HTTP, opens ``/_stcore/stream`` and from then on sends a
``BackMsg`` for every click — a ``rerun_script`` carrying the page to run and the value of every
widget on screen — and receives ``ForwardMsg``s: the elements of the run as they are drawn, then
``script_finished``. :class:`SesiWs` does the same with the protobuf classes shipped in the
streamlit package, without drawing anything, so one process can hold dozens of sessions:

- the same HTTP requests before the websocket (``/``, ``/_stcore/health``, ``/_stcore/host-config``;
  with ``aset_dingin`` also every file ``index.html`` names, as a browser with an empty cache), with
  a cookie jar per session (the XSRF cookie, and a load balancer's sticky-session cookie);
- widget state kept by widget id the way the frontend keeps it: a widget's value is set from its
  element the first time it appears (or when the script sets it), kept while it stays on screen,
  dropped when a run no longer draws it; a page switch keeps only the sidebar's widgets; a form
  sends its fields with the submit button's trigger;
- the files a page links to (download buttons, images) fetched after the run, as the browser
  fetches them.

A step is ready when the run that the click started has finished (a run that ends early for an
``st.rerun`` is followed into the next one) and its main area drew the expected ``st.title``.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, WebSocketException

from benchmarks.penonton_langkah import GagalLangkah, JejakKlik, Konteks

SIDEBAR = 1  # streamlit.proto.RootContainer.SIDEBAR
_ERROR = 1  # streamlit.proto.Alert.Format.ERROR
_EARLY_FOR_RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
_ASET = re.compile(rb'(?:src|href)="\./(static/[^"]+)"')
# Blocking HTTP in threads: many sessions open the app at the same moment, and the default
# executor (a handful of threads on two cores) would queue them inside the client.
_HTTP = ThreadPoolExecutor(max_workers=64, thread_name_prefix="penonton-http")


@dataclass
class _Widget:
    state: WidgetState
    sidebar: bool
    form_id: str
    jenis: str
    label: str
    opsi: list[str] = field(default_factory=list)


@dataclass
class _Jalan:
    """What the current script run drew."""

    judul: list[str] = field(default_factory=list)
    galat: list[str] = field(default_factory=list)
    widget_terlihat: set[str] = field(default_factory=set)
    media: list[str] = field(default_factory=list)


def _nilai_awal(jenis: str, proto: Any) -> WidgetState | None:
    """The state the frontend gives a widget when it first appears (None: no state to send)."""
    state = WidgetState(id=proto.id)
    if jenis == "selectbox":
        if proto.set_value:
            state.string_value = proto.raw_value
        elif proto.options and proto.HasField("default"):
            state.string_value = proto.options[proto.default]
        else:
            return None
    elif jenis == "button_group":
        values = list(proto.raw_values) if proto.set_value else [proto.options[i].content for i in proto.default]
        state.string_array_value.data.extend(values)
    elif jenis == "multiselect":
        values = list(proto.raw_values) if proto.set_value else [proto.options[i] for i in proto.default]
        state.string_array_value.data.extend(values)
    elif jenis in ("checkbox", "text_input"):
        value = proto.value if proto.set_value else proto.default
        if jenis == "checkbox":
            state.bool_value = value
        else:
            state.string_value = value
    else:
        return None
    return state


# Element types with an id that this client handles: the first five carry a state, buttons only a
# trigger when pressed, charts and tables only a selection when the page asks for one.
WIDGET_DIKENAL = {
    "selectbox",
    "button_group",
    "multiselect",
    "checkbox",
    "text_input",
    "button",
    "download_button",
    "plotly_chart",
    "dataframe",
}


def _label(message: ForwardMsg) -> str:
    """A short name for a message in a timeline: its type, for elements also what they show."""
    jenis = message.WhichOneof("type")
    if jenis == "script_finished":
        return f"script_finished:{ForwardMsg.ScriptFinishedStatus.Name(message.script_finished)}"
    if jenis != "delta" or message.delta.WhichOneof("type") != "new_element":
        return jenis or "?"
    element = message.delta.new_element
    kind = element.WhichOneof("type") or "?"
    where = "sidebar:" if message.metadata.delta_path[:1] == [SIDEBAR] else ""
    text = element.heading.body if kind == "heading" else element.alert.body if kind == "alert" else ""
    return f"{where}{kind}" + (f":{text[:40]}" if text else "")


class SesiWs:
    """One browser-equivalent session against ``base`` (http://host:port of an app or proxy)."""

    def __init__(self, base: str, konteks: Konteks, aset_dingin: bool = False) -> None:
        self.base = base.rstrip("/")
        self.konteks = konteks
        self.aset_dingin = aset_dingin
        self._cookies = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self._cookies))
        self._ws: ClientConnection | None = None
        self._pembaca: asyncio.Task[None] | None = None
        self._selesai = asyncio.Event()
        self._widget: dict[str, _Widget] = {}
        self._jalan = _Jalan()
        self._jalan_selesai = _Jalan()
        self._halaman: dict[str, tuple[str, str]] = {}  # title -> (page_script_hash, url_pathname)
        self._halaman_sekarang = ""
        self._unduhan: list[asyncio.Future[int]] = []
        self._putus: str | None = None
        self.detik_jalan: float | None = None  # the run's end arrived = the page is ready here
        self.detik_skrip: float | None = None  # the server's own run time, when it reports it
        self._skrip = 0.0
        self.garis_waktu: list[tuple[float, str]] | None = None  # set to [] to note every message
        self.widget_tak_dikenal: set[str] = set()
        self.jejak: list[JejakKlik] = []

    # --- HTTP ----------------------------------------------------------------------------------

    def _get_blocking(self, path: str) -> int:
        request = urllib.request.Request(self.base + path, headers={"Accept-Encoding": "identity"})
        with self._opener.open(request, timeout=60) as response:
            return len(response.read())

    async def _get(self, path: str) -> int:
        return await asyncio.get_running_loop().run_in_executor(_HTTP, self._get_blocking, path)

    def kuki(self, nama: str) -> str | None:
        """The value of cookie ``nama`` (e.g. the proxy's sticky-session cookie), if set."""
        return next((c.value for c in self._cookies if c.name == nama), None)

    def _cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self._cookies)

    # --- websocket -----------------------------------------------------------------------------

    def _index(self) -> bytes:
        with self._opener.open(self.base + "/", timeout=60) as response:
            return response.read()

    async def tutup(self) -> None:
        """Close the websocket (the browser tab closes) and wait for the page's downloads."""
        results = await asyncio.gather(*self._unduhan, return_exceptions=True)
        self._unduhan.clear()
        if self._ws is not None:
            await self._ws.close()
        if self._pembaca is not None:
            await asyncio.gather(self._pembaca, return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:
            raise GagalLangkah(f"unduhan berkas halaman gagal: {failed[0]!r}")

    async def _baca(self) -> None:
        assert self._ws is not None
        try:
            async for data in self._ws:
                assert isinstance(data, bytes)
                message = ForwardMsg()
                message.ParseFromString(data)
                self._terima(message)
        except ConnectionClosed as error:
            self._putus = f"websocket terputus: {error}"
        finally:
            self._putus = self._putus or "websocket ditutup server"
            self._selesai.set()  # a step waiting for its run learns at once

    def _terima(self, message: ForwardMsg) -> None:
        jenis = message.WhichOneof("type")
        if self.garis_waktu is not None:
            self.garis_waktu.append((time.perf_counter(), _label(message)))
        if jenis == "new_session":
            self._jalan = _Jalan()
            self._halaman_sekarang = message.new_session.page_script_hash or self._halaman_sekarang
        elif jenis == "navigation":
            self._halaman = {p.page_name: (p.page_script_hash, p.url_pathname) for p in message.navigation.app_pages}
            self._halaman_sekarang = message.navigation.page_script_hash or self._halaman_sekarang
        elif jenis == "page_profile":  # sent when the server runs with browser.gatherUsageStats
            self._skrip += message.page_profile.exec_time / 1e6
            self.detik_skrip = self._skrip
        elif jenis == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._elemen(message.delta.new_element, list(message.metadata.delta_path))
        elif jenis == "script_finished" and message.script_finished != _EARLY_FOR_RERUN:
            # The frontend forgets the widgets the finished run did not draw.
            for widget_id in set(self._widget) - self._jalan.widget_terlihat:
                del self._widget[widget_id]
            self._jalan_selesai = self._jalan
            for url in self._jalan.media:
                self._unduhan.append(asyncio.ensure_future(self._get(url)))
            self._selesai.set()

    def _elemen(self, element: Any, path: list[int]) -> None:
        jenis = element.WhichOneof("type")
        if jenis == "heading" and element.heading.tag == "h1" and path[0] != SIDEBAR:
            self._jalan.judul.append(element.heading.body)
        elif jenis == "exception":
            self._jalan.galat.append(f"{element.exception.type}: {element.exception.message}")
        elif jenis == "alert" and element.alert.format == _ERROR:
            self._jalan.galat.append(element.alert.body)
        elif jenis == "imgs":
            self._jalan.media += [img.url for img in element.imgs.imgs if img.url.startswith("/media/")]
        elif jenis == "download_button" and element.download_button.url.startswith("/media/"):
            self._jalan.media.append(element.download_button.url)
        proto = getattr(element, jenis) if jenis else None
        widget_id = getattr(proto, "id", "") if proto is not None else ""
        if not widget_id:
            return
        self._jalan.widget_terlihat.add(widget_id)
        if jenis not in WIDGET_DIKENAL:
            self.widget_tak_dikenal.add(jenis)
        known = self._widget.get(widget_id)
        awal = _nilai_awal(jenis, proto)
        if awal is None:
            return
        opsi = [o.content if hasattr(o, "content") else o for o in getattr(proto, "options", [])]
        state = awal if known is None or getattr(proto, "set_value", False) else known.state
        self._widget[widget_id] = _Widget(state, path[0] == SIDEBAR, proto.form_id, jenis, proto.label, opsi)

    async def _kirim(self, client_state: ClientState, timeout: float) -> _Jalan:
        """Send one rerun_script and wait until the run it starts (and any st.rerun) finished."""
        assert self._ws is not None
        _, url_path = next((v for v in self._halaman.values() if v[0] == self._halaman_sekarang), ("", ""))
        info = client_state.context_info
        info.timezone, info.timezone_offset, info.locale = (
            self.konteks.zona,
            self.konteks.selisih_menit,
            self.konteks.bahasa,
        )
        info.url, info.is_embedded, info.color_scheme = f"{self.base}/{url_path}", False, "light"
        message = BackMsg(rerun_script=client_state)
        self.jejak.append(JejakKlik.dari_client_state(client_state))
        self._selesai.clear()
        self._skrip, self.detik_skrip = 0.0, None
        if self.garis_waktu is not None:
            self.garis_waktu.append((time.perf_counter(), "kirim"))
        await self._ws.send(message.SerializeToString())
        try:
            await asyncio.wait_for(self._selesai.wait(), timeout)
        except TimeoutError:
            raise GagalLangkah(f"jalannya skrip tidak selesai dalam {timeout:.0f} s") from None
        if self._putus:
            raise GagalLangkah(self._putus)
        return self._jalan_selesai

    def _state(self, hanya_sidebar: bool = False, form: str = "") -> ClientState:
        """The widget values the browser would send: outside forms (and in ``form`` when it is
        submitted), only the sidebar's after a page switch."""
        client_state = ClientState()
        for widget in self._widget.values():
            if widget.form_id and widget.form_id != form:
                continue
            if hanya_sidebar and not widget.sidebar:
                continue
            client_state.widget_states.widgets.append(widget.state)
        return client_state

    # --- what a user does ------------------------------------------------------------------------

    async def buka(self, judul: str, timeout: float) -> float:
        """Open the app as a browser does, up to the first page (the login form)."""
        mulai = time.perf_counter()
        index = await asyncio.get_running_loop().run_in_executor(_HTTP, self._index)
        requests = [self._get("/_stcore/health"), self._get("/_stcore/host-config")]
        if self.aset_dingin:
            requests += [self._get("/" + path.decode()) for path in dict.fromkeys(_ASET.findall(index))]
        await asyncio.gather(*requests)
        xsrf = self.kuki("_streamlit_xsrf") or ""
        try:
            self._ws = await connect(
                self.base.replace("http", "ws", 1) + "/_stcore/stream",
                subprotocols=["streamlit", xsrf] if xsrf else ["streamlit"],  # type: ignore[list-item]
                origin=self.base,  # type: ignore[arg-type]
                additional_headers={"Cookie": self._cookie_header()},
                max_size=None,
                open_timeout=timeout,
                user_agent_header=None,
            )
        except WebSocketException as error:
            raise GagalLangkah(f"websocket tidak tersambung: {error}") from error
        self._pembaca = asyncio.create_task(self._baca())
        return await self._klik(ClientState(), judul, timeout, mulai)

    async def masuk(self, username: str, kata_sandi: str, judul: str, timeout: float) -> float:
        """Fill the login form's two fields and press its submit button."""
        fields = {w.label: w for w in self._widget.values() if w.jenis == "text_input" and w.form_id}
        if "Nama pengguna" not in fields or "Kata sandi" not in fields:
            raise GagalLangkah(f"formulir masuk tidak ada (judul halaman: {self._jalan_selesai.judul})")
        fields["Nama pengguna"].state.string_value = username
        fields["Kata sandi"].state.string_value = kata_sandi
        form = fields["Nama pengguna"].form_id
        client_state = self._state(form=form)
        submit = next(i for i in self._jalan_selesai.widget_terlihat if f"FormSubmitter:{form}-" in i)
        client_state.widget_states.widgets.append(WidgetState(id=submit, trigger_value=True))
        client_state.page_script_hash = self._halaman_sekarang
        for widget in fields.values():  # clear_on_submit: the form is emptied
            widget.state.string_value = ""
        return await self._klik(client_state, judul, timeout)

    async def buka_halaman(self, menu: str, judul: str, timeout: float) -> float:
        """Click ``menu`` in the sidebar navigation."""
        if menu not in self._halaman:
            raise GagalLangkah(f"halaman {menu!r} tidak ada di menu ({sorted(self._halaman)})")
        self._halaman_sekarang = self._halaman[menu][0]
        client_state = self._state(hanya_sidebar=True)
        client_state.page_script_hash = self._halaman_sekarang
        return await self._klik(client_state, judul, timeout)

    async def opsi(self, label: str) -> tuple[list[str], str]:
        """The options of the sidebar selectbox ``label`` and its current value."""
        widget = self._selectbox(label)
        return widget.opsi, widget.state.string_value

    def _selectbox(self, label: str) -> _Widget:
        found = [w for w in self._widget.values() if w.jenis == "selectbox" and w.sidebar and w.label == label]
        if not found:
            raise GagalLangkah(f"pilihan {label!r} tidak ada di panel kiri")
        return found[0]

    async def pilih(self, label: str, opsi: str, judul: str, timeout: float) -> float:
        """Choose ``opsi`` in the sidebar selectbox ``label`` (the rerun the browser sends)."""
        widget = self._selectbox(label)
        if opsi not in widget.opsi:
            raise GagalLangkah(f"{opsi!r} bukan pilihan {label!r}")
        widget.state.string_value = opsi
        client_state = self._state()
        client_state.page_script_hash = self._halaman_sekarang
        return await self._klik(client_state, judul, timeout)

    async def _klik(self, client_state: ClientState, judul: str, timeout: float, mulai: float | None = None) -> float:
        """Send the rerun, wait for its page, check it; seconds since ``mulai`` (default: now)."""
        mulai = time.perf_counter() if mulai is None else mulai
        try:
            jalan = await self._kirim(client_state, timeout)
        except ConnectionClosed as error:
            raise GagalLangkah(f"websocket terputus: {error}") from error
        detik = time.perf_counter() - mulai
        self.detik_jalan = detik
        if jalan.galat:
            raise GagalLangkah("galat di halaman: " + " | ".join(g[:200] for g in jalan.galat))
        if not any(j.startswith(judul) for j in jalan.judul):
            raise GagalLangkah(f"judul {judul!r} tidak tampil (judul: {jalan.judul})")
        return detik
