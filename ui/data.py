"""Cached reads at the UI edge, keyed on the database URL, the query and its filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from db import queries
from db.engine import database_url
from ui.database import read_session

CACHE_SECONDS = 60


@st.cache_data(ttl=CACHE_SECONDS, show_spinner=False)
def _run_query(url: str, name: str, *args: Any) -> Any:
    with read_session() as session:
        return getattr(queries, name)(session, *args)


def _query(name: str, *args: Any) -> Any:
    return _run_query(database_url(), name, *args)


def load_kategori() -> list[queries.KategoriInfo]:
    return _query("list_kategori")


def load_periode() -> list[dt.date]:
    return _query("list_periode")


def load_monthly_values(periode: dt.date) -> dict[str, dict[str, float]]:
    return _query("monthly_values_by_kategori", periode)


def has_demo_data() -> bool:
    return _query("has_demo_data")
