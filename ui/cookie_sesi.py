"""The session cookie, set by the server in the HTTP response that delivers a page.

Streamlit talks to the browser over a websocket, which cannot set cookies, and a cookie written by
JavaScript cannot be ``HttpOnly``. So this middleware on Streamlit's own server (``st.App`` in
``aplikasi.py``) gives every browser that loads a page a random token in an ``HttpOnly``,
``SameSite=Lax`` cookie, ``Secure`` with the ``__Host-`` prefix when the page came over TLS. The
page reads it back with ``st.context.cookies`` and, at login, opens a session for it in the
database (db/sesi.py). A token whose session has ended (logout, timeout, reset) is replaced on
the next page load, so a token never serves two logins. The token never appears in an address.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from functools import cache
from http.cookies import SimpleCookie
from typing import Any

import anyio.to_thread
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from analytics.alamat_klien import baca_proxy_tepercaya, is_proxy_tepercaya
from db.engine import Engine, database_url, make_engine
from db.sesi import is_token_terpakai

NAMA_COOKIE = "humas_sesi"
NAMA_COOKIE_TLS = "__Host-humas_sesi"
POLA_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")
_BUKAN_HALAMAN = ("/_stcore/", "/static/", "/component/", "/media/", "/app/static/")


def token_dari_cookie(cookie: Mapping[str, str]) -> str | None:
    """The session token among a request's cookies (the TLS one first), if well formed."""
    for nama in (NAMA_COOKIE_TLS, NAMA_COOKIE):
        token = cookie.get(nama)
        if token is not None and POLA_TOKEN.fullmatch(token):
            return token
    return None


def buat_token() -> str:
    """A fresh random token (256 bits)."""
    return secrets.token_urlsafe(32)


def isi_cookie(token: str, tls: bool) -> str:
    """The ``Set-Cookie`` value: no ``Max-Age``, so closing the browser ends it; the server's idle
    timeout ends it sooner."""
    nama = NAMA_COOKIE_TLS if tls else NAMA_COOKIE
    return f"{nama}={token}; Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if tls else "")


@cache
def _engine(url: str) -> Engine:
    return make_engine(url)


class CookieSesi:
    """ASGI middleware: a page load without a usable token gets a fresh one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _is_halaman(scope):
            await self.app(scope, receive, send)
            return
        header = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope.get("headers", [])]
        cookie = SimpleCookie()
        for nama, nilai in header:
            if nama.lower() == "cookie":
                cookie.load(nilai)
        token = token_dari_cookie({k: m.value for k, m in cookie.items()})
        if token is not None and not await anyio.to_thread.run_sync(is_token_terpakai, _engine(database_url()), token):
            await self.app(scope, receive, send)
            return
        tls = _is_tls(scope, header)
        baru = isi_cookie(buat_token(), tls)

        async def kirim(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).append("set-cookie", baru)
            await send(message)

        await self.app(scope, receive, kirim)


def _is_halaman(scope: Scope) -> bool:
    """A request for a page (Streamlit answers every page address with its index), not an asset."""
    if scope["type"] != "http" or scope.get("method") != "GET":
        return False
    path: str = scope.get("path", "")
    return not path.startswith(_BUKAN_HALAMAN) and "." not in path.rsplit("/", 1)[-1]


def _is_tls(scope: Scope, header: list[tuple[str, str]]) -> bool:
    """Served over TLS: directly, or by a trusted proxy (Caddy in deploy/) that says so."""
    if scope.get("scheme") == "https":
        return True
    klien: Any = scope.get("client")
    try:
        proxy = baca_proxy_tepercaya()
    except ValueError:  # the page itself shows the wrong setting; here it only means: no proxy
        return False
    if not is_proxy_tepercaya(klien[0] if klien else None, proxy):
        return False  # headers from anyone else count for nothing
    return any(k.lower() == "x-forwarded-proto" and v.strip().lower() == "https" for k, v in header)
