"""One engine per app process, prepared (migrated, reference data loaded) on first use, and a
clear message instead of a traceback when the database goes away while the app is open."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from db.engine import DatabaseTidakTerbuka, Engine, Session, database_url, describe_url, make_engine
from db.schema import pastikan_siap
from db.transaksi import GANGGUAN_DATABASE, gangguan_sementara, sebab_gangguan, sesi_baca, sesi_tulis

_log = logging.getLogger(__name__)


@st.cache_resource(show_spinner="Menyiapkan database…")
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    pastikan_siap(engine)
    return engine


def get_engine() -> Engine:
    """The engine for HUMAS_DATABASE_URL; stops the page with a clear message if unreachable."""
    url = database_url()
    try:
        return _engine_for(url)
    except DatabaseTidakTerbuka as error:
        st.error(
            f"Database {describe_url(url)} tidak dapat dibuka: {error.orig}. "
            "Periksa HUMAS_DATABASE_URL dan pastikan server database berjalan, lalu muat ulang halaman."
        )
        st.stop()
        raise


@contextmanager
def read_session() -> Iterator[Session]:
    """A short read-only session for one query."""
    with sesi_baca(get_engine()) as session:
        yield session


@contextmanager
def write_session() -> Iterator[Session]:
    """One transaction for a write from a page: committed on success, rolled back on any error."""
    with sesi_tulis(get_engine()) as session:
        yield session


@contextmanager
def tangani_gangguan_database() -> Iterator[None]:
    """Around a whole run of the app: when the database is unreachable or busy (the server
    stopped after the page loaded), show what happened and a retry button, not a traceback.

    Nothing is cached from the failed run, and the engine's pool tests a connection before
    using it, so the first run after the database is back works as before.
    """
    try:
        yield
    except GANGGUAN_DATABASE as error:
        if not gangguan_sementara(error):
            raise
        _log.warning("gangguan database: %s", error)
        st.error(
            f"Halaman ini belum dapat ditampilkan karena {sebab_gangguan(error)} ({describe_url(database_url())}). "
            "Data tetap aman: setiap unggahan tersimpan utuh atau tidak sama sekali. Tunggu sebentar, lalu tekan "
            "**Coba lagi**; aplikasi pulih sendiri begitu database kembali. Berkas yang belum tersimpan perlu dipilih "
            "dan disimpan lagi.",
            icon=":material/cloud_off:",
        )
        st.button("Coba lagi", icon=":material/refresh:", key="database_coba_lagi")
