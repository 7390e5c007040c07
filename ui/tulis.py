"""Running one write from an admin page: the write function from ``db`` with the logged-in user,
in its own transaction; its refusal is shown to the user, its success after the rerun."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from db.izin import Pelaku, TidakBerwenang
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


