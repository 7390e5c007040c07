"""Recording what a user takes out of the app (downloads), as a download button's callback."""

from __future__ import annotations

from typing import Any

import streamlit as st

from db.audit import catat
from ui.database import write_session
from ui.sesi import KUNCI_PELAKU


def catat_ekspor(jenis: str, **detail: Any) -> None:
    """Write one ``ekspor`` entry for the logged-in user (``on_click`` of a download button)."""
    with write_session() as session:
        catat(session, st.session_state.get(KUNCI_PELAKU), "ekspor", jenis=jenis, **detail)
