"""Download buttons whose file is built when clicked, for a user allowed to have it, and recorded.

A file handed to ``st.download_button`` as bytes is built on every run of the page, whether or
not anyone wants it, and served under ``/media/…`` to whoever has that address. Here the button
gets a callable instead (Streamlit's deferred download): nothing is built or registered until the
click, and the same callable checks the permission of the account as stored at that moment and
writes one ``ekspor`` entry in the audit log (who, which file, which filters) before it returns
the bytes. It runs outside the
page's script run, so it uses only what it was given: the user, the engine and the builder.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.izin import Aksi, pastikan, pastikan_polda
from db.akun import pelaku_aktif
from db.audit import catat
from db.transaksi import sesi_tulis
from ui.database import get_engine
from ui.filters import Filter
from ui.sesi import pelaku_wajib


def tombol_unduh(
    label: str,
    buat: Callable[[], bytes],
    nama_berkas: str,
    mime: str,
    *,
    jenis: str,
    aksi: Aksi,
    key: str,
    satker_id: int | None = None,
    saringan: Filter | None = None,
    tempat: DeltaGenerator | None = None,
    icon: str = ":material/download:",
    **detail: Any,
) -> None:
    """A download button for ``buat()``; on click: permission for ``aksi`` (and ``satker_id``, and
    the Polda of ``saringan``, the sidebar filters the file was made for), the file, and one audit
    entry with ``jenis``, the file name, the filters and ``detail``."""
    pelaku = pelaku_wajib()
    engine = get_engine()
    if saringan is not None:
        detail = {**saringan.untuk_audit(), **detail}

    def unduh() -> bytes:
        with sesi_tulis(engine) as session:
            # The account as stored at the click: disabled or given another role since the page
            # was drawn means no file.
            terkini = pastikan(pelaku_aktif(session, pelaku.id) if pelaku.id is not None else None, aksi, satker_id)
            if saringan is not None:
                pastikan_polda(terkini, saringan.polda.id)
            data = buat()
            catat(session, terkini, "ekspor", jenis=jenis, berkas=nama_berkas, **detail)
        return data

    (tempat or st).download_button(label, unduh, nama_berkas, mime, icon=icon, key=key, on_click="ignore")
