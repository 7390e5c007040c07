"""The logged-in user of this browser: login, the session behind the cookie, idle timeout, logout.

A login opens a session in the database (db/sesi.py) for the token in this browser's cookie
(ui/cookie_sesi.py), so F5 and new tabs stay logged in. Every run reads the session and the
account back from the database: a logout, an idle timeout, a password reset, a role change or a
disabled account ends it at the next click, whichever app process serves that click. Without a
cookie (``streamlit run dashboard.py``, AppTest) the token lives in this tab's state only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NoReturn

import streamlit as st

from analytics.izin import Pelaku
from db.akun import keluar, masuk, periksa_sandi
from db.sesi import akhiri_sesi_token, baca_sesi, buat_sesi
from ui.alamat import alamat_klien_sekarang
from ui.cookie_sesi import buat_token, token_dari_cookie
from ui.database import get_engine, write_session

KUNCI_PELAKU = "pelaku"
KUNCI_TOKEN = "token_sesi"
KUNCI_PESAN = "pesan_keluar"
KUNCI_KE_AWAL = "ke_alamat_awal"
PESAN_BERAKHIR = {
    "waktu habis": "Sesi berakhir karena tidak ada aktivitas selama 30 menit. Silakan masuk lagi.",
    "akun nonaktif": "Akun Anda dinonaktifkan. Hubungi admin Bidhumas.",
    "kata sandi diatur ulang": "Kata sandi Anda diatur ulang oleh admin. Silakan masuk dengan kata sandi yang baru.",
    "peran diubah": "Peran akun Anda diubah oleh admin. Silakan masuk lagi.",
    "keluar": "Anda telah keluar.",
}


def _token_cookie() -> str | None:
    """The token in this browser's cookie (None outside a browser, e.g. AppTest)."""
    cookie = st.context.cookies
    if not isinstance(cookie, Mapping):
        return None
    return token_dari_cookie({k: v for k, v in cookie.items() if isinstance(k, str) and isinstance(v, str)})


def pelaku_sekarang() -> Pelaku | None:
    """The logged-in user, or None (never logged in here, or the session ended: then the login
    page says why)."""
    token = st.session_state.get(KUNCI_TOKEN) or _token_cookie()
    if token is None:
        return None
    now = dt.datetime.now(dt.UTC)
    with write_session() as session:
        hasil = baca_sesi(session, token, now)
        pelaku_tab: Pelaku | None = st.session_state.get(KUNCI_PELAKU)
        if hasil.pelaku is None and hasil.alasan is not None and pelaku_tab is not None:
            keluar(session, pelaku_tab, hasil.alasan)
    if hasil.pelaku is None:
        if pelaku_tab is not None:
            _lupakan(PESAN_BERAKHIR.get(hasil.alasan or "", "Sesi Anda berakhir. Silakan masuk lagi."), False)
        return None
    st.session_state[KUNCI_PELAKU] = hasil.pelaku
    st.session_state[KUNCI_TOKEN] = token
    return hasil.pelaku


def coba_masuk(username: str, kata_sandi: str) -> str | None:
    """Log in and open the session for this browser's cookie; None on success, otherwise the
    message to show under the form. A cookie token that served an earlier login is never reused:
    the login then lasts this tab until the next page load brings a fresh cookie."""
    alamat = alamat_klien_sekarang()
    diperiksa = periksa_sandi(get_engine(), username, kata_sandi)  # no connection held while hashing
    now = dt.datetime.now(dt.UTC)
    with write_session() as session:
        hasil = masuk(session, username, kata_sandi, now, alamat=alamat, diperiksa=diperiksa)
        if hasil.pelaku is None or hasil.pelaku.id is None:
            return hasil.pesan
        token = _token_cookie()
        if token is None or not buat_sesi(session, hasil.pelaku.id, token, alamat, now):
            token = buat_token()
            buat_sesi(session, hasil.pelaku.id, token, alamat, now)
    st.session_state[KUNCI_PELAKU] = hasil.pelaku
    st.session_state[KUNCI_TOKEN] = token
    st.session_state.pop(KUNCI_PESAN, None)
    return None


def akhiri_sesi(pelaku: Pelaku) -> None:
    """Log out (the Keluar button): end the session in the database, so every tab of this browser
    is logged out at its next click, record it, and forget what this tab had built."""
    token = st.session_state.get(KUNCI_TOKEN)
    with write_session() as session:
        if token is not None:
            akhiri_sesi_token(session, token, "keluar", dt.datetime.now(dt.UTC))
        keluar(session, pelaku, "keluar")
    _lupakan(PESAN_BERAKHIR["keluar"], True)


def _lupakan(pesan: str, ke_awal: bool) -> None:
    for key in list(st.session_state):
        del st.session_state[key]
    st.session_state[KUNCI_PESAN] = pesan
    # After "Keluar" the next user starts at the app's root address; after a timeout the login
    # form stays on the page's address, so logging in again returns to that page.
    st.session_state[KUNCI_KE_AWAL] = ke_awal


def pelaku_wajib() -> Pelaku:
    """The logged-in user for a page (the router only shows pages after login)."""
    pelaku: Pelaku | None = st.session_state.get(KUNCI_PELAKU)
    if pelaku is None:
        lewat_gerbang_masuk()
    return pelaku


def lewat_gerbang_masuk() -> NoReturn:
    """Send a page that runs with nobody logged in through the router's login form.

    The router shows pages only after login, so this happens only when Streamlit ran a page file
    on its own: because the project has a ``pages/`` folder, a fresh server answers its first
    request for a page address (a bookmark, a refresh) in Streamlit's legacy multipage mode,
    without dashboard.py, until the router's first ``st.navigation`` switches that mode off.
    """
    st.switch_page("dashboard.py")
    raise AssertionError("st.switch_page selalu menghentikan jalannya halaman")
