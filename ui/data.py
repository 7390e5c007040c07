"""Cached reads at the UI edge.

Every read goes through one ``st.cache_data`` function keyed on the database URL, the data
version (it changes with every load, demo change or setting change, so a landed load shows at
once), the query function and its arguments. Query functions live in ``db`` and ``services``;
they take a session first and return plain picklable values. The function itself is passed
along and called; its qualified name keys the cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import plotly.graph_objects as go
import streamlit as st

from analytics.periods import Rentang
from db import queries, queries_peringkat
from db.engine import database_url
from etl.annotate import buat_salinan_bertanda
from etl.problems import Masalah
from services.peringkat import HasilPeringkat, build_rankings
from ui.database import read_session

T = TypeVar("T")
VERSION_SECONDS = 2


@st.cache_data(ttl=VERSION_SECONDS, show_spinner=False)
def _data_version(url: str) -> Any:
    with read_session() as session:
        return queries.data_version(session)


@st.cache_data(ttl=3600, max_entries=500, show_spinner=False)
def _run_query(url: str, version: Any, name: str, _function: Callable[..., Any], *args: Any) -> Any:
    """``_function(session, *args)``; ``_function`` is left out of the cache key (its leading
    underscore), ``name`` stands for it."""
    with read_session() as session:
        return _function(session, *args)


@st.cache_resource(ttl=3600, max_entries=200, show_spinner=False)
def _grafik_bersama(url: str, version: Any, name: str, _buat: Callable[..., go.Figure], *args: Any) -> go.Figure:
    """``_buat(*args)``, kept once for every session (not copied on each hit, unlike cache_data)."""
    return _buat(*args)


def grafik_bersama(buat: Callable[..., go.Figure], *args: Any) -> go.Figure:
    """A chart built once per data version and arguments and shared by every session: building a
    national ranking chart (450 bars, each with its name) costs more than the rest of the page, and
    many leaders open the same one. The figure must not be changed by its users; ``st.plotly_chart``
    only reads it (it serialises a copy)."""
    url = database_url()
    return _grafik_bersama(url, _data_version(url), f"{buat.__module__}.{buat.__qualname__}", buat, *args)


def data_berubah() -> None:
    """After a write from this session: read the data version again now, not up to
    ``VERSION_SECONDS`` later, so the page that follows shows the change."""
    _data_version.clear()


def query(function: Callable[..., T], *args: Any) -> T:
    """``function(session, *args)``, cached until the data changes."""
    url = database_url()
    return _run_query(url, _data_version(url), f"{function.__module__}.{function.__qualname__}", function, *args)


def query_tanpa_cache(function: Callable[..., T], *args: Any) -> T:
    """``function(session, *args)`` read now, for what must never be stale (the audit log)."""
    with read_session() as session:
        return function(session, *args)


def load_kategori() -> list[queries.KategoriInfo]:
    return query(queries.list_kategori)


def load_periode() -> list[dt.date]:
    return query(queries.list_periode)


def has_demo_data() -> bool:
    return query(queries.has_demo_data)


def akun_contoh_ada() -> bool:
    return query(queries.has_demo_accounts)


def load_polda() -> list[queries_peringkat.PoldaInfo]:
    return query(queries_peringkat.list_polda_aktif)


def load_rankings(polda_id: int, rentang: Rentang) -> HasilPeringkat:
    return query(build_rankings, polda_id, rentang)


@st.cache_data(max_entries=8, show_spinner=False)
def salinan_bertanda(sha256: str, file_name: str, problems: tuple[Masalah, ...], _data: bytes) -> bytes:
    """The annotated copy of a rejected upload, built once per file and problem list (the bytes
    are keyed by their SHA-256, not hashed again), in an isolated child with limits."""
    return buat_salinan_bertanda(_data, file_name, problems).data
