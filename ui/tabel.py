"""Showing a table the same way on every page, safe to take out of the app.

Every table Streamlit shows offers its own "Download as CSV" in the table's toolbar. That file
is written in the browser from the values shown, so a text cell such as
``=HYPERLINK("http://…"&A1,"klik")`` (a Judul typed by an operator, a satker name typed by an
admin) would open as a live formula in Excel or LibreOffice. Every text cell is therefore
neutralised here, before it reaches the browser, with the same rule as the app's own CSV and
XLSX exports (:func:`exports.tabel.teks_aman`). Pages call :func:`tampilkan_tabel`, never
``st.dataframe``; a test keeps it that way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from exports.tabel import teks_aman


def netralkan(nilai: Any) -> Any:
    """``nilai`` with a text that a spreadsheet would read as a formula made literal.

    A lone symbol (the movement mark ``=``, a ``-`` placeholder) cannot be a formula and is
    left as it is, so the table still reads naturally.
    """
    if isinstance(nilai, str) and len(nilai) > 1:
        return teks_aman(nilai)
    return nilai


def netralkan_baris(baris: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every row with its text cells and column names neutralised (see :func:`netralkan`): a
    column may be named by a label an admin typed (a kategori), and the CSV starts with the names."""
    return [{netralkan(kolom): netralkan(nilai) for kolom, nilai in row.items()} for row in baris]


def tampilkan_tabel(
    baris: Sequence[Mapping[str, Any]],
    key: str | None = None,
    tempat: DeltaGenerator | None = None,
    gaya: Callable[[list[dict[str, Any]]], Any] | None = None,
    **opsi: Any,
) -> None:
    """``st.dataframe`` of ``baris`` (rows as built by ``services.tabel``) without the index, full
    width unless ``opsi`` says otherwise, text cells neutralised; ``tempat`` is a column or
    container to draw in; ``gaya`` styles the neutralised rows (e.g. ``ui.pita.warnai_pita``)."""
    opsi.setdefault("hide_index", True)
    opsi.setdefault("width", "stretch")
    aman = netralkan_baris(baris)
    (tempat or st).dataframe(gaya(aman) if gaya is not None else aman, key=key, **opsi)
