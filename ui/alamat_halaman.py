"""Addresses of the app's own pages, as a user would open them from a message."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

HALAMAN_UNGGAH = "unggah"


def alamat_unggah() -> str:
    """The Unggah Laporan page of the address the user opened the app at (where an operator
    downloads the template); behind the proxy that is the public address."""
    url = urlsplit(st.context.url or "")
    if not url.scheme or not url.netloc:
        return "halaman Unggah Laporan aplikasi Dasbor Kinerja Humas"
    return f"{url.scheme}://{url.netloc}/{HALAMAN_UNGGAH}"
