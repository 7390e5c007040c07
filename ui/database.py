"""One engine per app process, prepared (migrated, reference data loaded) on first use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from db.engine import database_url, describe_url, make_engine
from db.schema import prepare_database


@st.cache_resource(show_spinner="Menyiapkan database…")
def _engine_for(url: str) -> Engine:
    engine = make_engine(url)
    prepare_database(engine)
    return engine


def get_engine() -> Engine:
    """The engine for HUMAS_DATABASE_URL; stops the page with a clear message if unreachable."""
    url = database_url()
    try:
        return _engine_for(url)
    except OperationalError as error:
        st.error(
            f"Database {describe_url(url)} tidak dapat dibuka: {error.orig}. "
            "Periksa HUMAS_DATABASE_URL dan pastikan server database berjalan, lalu muat ulang halaman."
        )
        st.stop()
        raise


@contextmanager
def read_session() -> Iterator[Session]:
    """A short read-only session for one query."""
    with Session(get_engine()) as session:
        yield session


@contextmanager
def write_session() -> Iterator[Session]:
    """One transaction for a write from a page: committed on success, rolled back on any error."""
    with Session(get_engine()) as session, session.begin():
        yield session
