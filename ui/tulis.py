"""Running one write from an admin page: the write function from ``db`` with the logged-in user,
in its own transaction; its refusal is shown to the user, its success after the rerun."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from analytics.izin import Pelaku, TidakBerwenang
from ui.data import data_berubah
from ui.database import write_session
from ui.sesi import pelaku_wajib

KUNCI_PESAN = "pesan_tulis"


def tulis(aksi: Callable[..., Any], *args: Any, pesan: str) -> None:
    """``aksi(session, pelaku, *args)``; on success show ``pesan`` after a rerun, else the error."""
    pelaku: Pelaku = pelaku_wajib()
    try:
        with write_session() as session:
            aksi(session, pelaku, *args)
    except (ValueError, TidakBerwenang) as error:  # IsianSalah is a ValueError
        st.error(str(error))
        return
    data_berubah()
    st.session_state[KUNCI_PESAN] = pesan
    st.rerun()


def tampilkan_pesan() -> None:
    """The success message of the write that caused this run, once."""
    if pesan := st.session_state.pop(KUNCI_PESAN, None):
        st.success(pesan)


def kata_sandi_ganda(key: str, label: str = "Kata sandi") -> tuple[str, str]:
    """Two hidden inputs inside a form: a new password and its repetition."""
    sandi = st.text_input(label, type="password", key=f"{key}_sandi", autocomplete="new-password")
    ulang = st.text_input(f"Ulangi {label.lower()}", type="password", key=f"{key}_ulang", autocomplete="new-password")
    return sandi, ulang


def tulis_bila_sama(sandi: str, ulang: str, aksi: Callable[..., Any], *args: Any, pesan: str) -> None:
    """:func:`tulis`, but only when both typed passwords agree."""
    if sandi != ulang:
        st.error("Kedua kata sandi tidak sama.")
        return
    tulis(aksi, *args, pesan=pesan)
