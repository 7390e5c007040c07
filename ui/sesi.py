"""The logged-in user of this browser session: login, idle timeout, logout.

The user is kept in ``st.session_state`` as a :class:`analytics.izin.Pelaku`; on every run it is read
back from the database, so a disabled account or a changed role takes effect at once. After
``BATAS_DIAM`` without any interaction the session ends and the login page explains why.
"""

from __future__ import annotations

import time
from typing import NoReturn

import streamlit as st

from analytics.izin import Pelaku
from db.akun import keluar, masuk_ke_aplikasi, pelaku_aktif
from ui.database import get_engine, read_session, write_session

BATAS_DIAM_DETIK = 30 * 60
KUNCI_PELAKU = "pelaku"
KUNCI_AKTIF = "aktif_terakhir"
KUNCI_PESAN = "pesan_keluar"
KUNCI_KE_AWAL = "ke_alamat_awal"


def pelaku_sekarang() -> Pelaku | None:
    """The logged-in user, or None (after an idle timeout or when the account was disabled)."""
    pelaku: Pelaku | None = st.session_state.get(KUNCI_PELAKU)
    if pelaku is None:
        return None
    now = time.time()
    if now - st.session_state.get(KUNCI_AKTIF, now) > BATAS_DIAM_DETIK:
        akhiri_sesi(
            pelaku, "waktu habis", "Sesi berakhir karena tidak ada aktivitas selama 30 menit. Silakan masuk lagi."
        )
        return None
    with read_session() as session:
        terkini = pelaku_aktif(session, pelaku.id) if pelaku.id is not None else None
    if terkini is None:
        akhiri_sesi(pelaku, "akun nonaktif", "Akun Anda dinonaktifkan. Hubungi admin Bidhumas.")
        return None
    st.session_state[KUNCI_PELAKU] = terkini
    st.session_state[KUNCI_AKTIF] = now
    return terkini


def coba_masuk(username: str, kata_sandi: str) -> str | None:
    """Log in; None on success, otherwise the message to show under the form."""
    hasil = masuk_ke_aplikasi(get_engine(), username, kata_sandi)
    if hasil.pelaku is None:
        return hasil.pesan
    st.session_state[KUNCI_PELAKU] = hasil.pelaku
    st.session_state[KUNCI_AKTIF] = time.time()
    st.session_state.pop(KUNCI_PESAN, None)
    return None


def akhiri_sesi(pelaku: Pelaku, alasan: str = "keluar", pesan: str = "Anda telah keluar.") -> None:
    """Log out: record it, forget the user and everything this session had built for them."""
    with write_session() as session:
        keluar(session, pelaku, alasan)
    for key in list(st.session_state):
        del st.session_state[key]
    st.session_state[KUNCI_PESAN] = pesan
    # After "Keluar" the next user starts at the app's root address; after a timeout the login
    # form stays on the page's address, so logging in again returns to that page.
    st.session_state[KUNCI_KE_AWAL] = alasan == "keluar"


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
