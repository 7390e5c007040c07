"""Attainment bands in colour: tables whose Pita column is shaded red, amber or green, and the
legend as coloured text (an emoji circle needs an emoji font the server and many office PCs lack)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from analytics.target import LABEL_PITA, PITA

WARNA_PITA = {
    LABEL_PITA["merah"]: "background-color: #F8D7DA; color: #842029",
    LABEL_PITA["kuning"]: "background-color: #FFF3CD; color: #664D03",
    LABEL_PITA["hijau"]: "background-color: #D1E7DD; color: #0F5132",
}
WARNA_TEKS = {"merah": "red", "kuning": "orange", "hijau": "green"}
KOLOM_PITA = "Pita"


def warnai_pita(baris: Sequence[Mapping[str, Any]]) -> pd.DataFrame | Styler:
    """The rows as a table for ``st.dataframe``, the Pita column shaded by band (as is without it)."""
    frame = pd.DataFrame(list(baris))
    if KOLOM_PITA not in frame.columns:
        return frame
    return frame.style.map(lambda pita: WARNA_PITA.get(pita, ""), subset=[KOLOM_PITA])


def keterangan_pita(keterangan: Mapping[str, str], jumlah: Mapping[str, int] | None = None) -> str:
    """The legend in coloured Markdown: ':red[Merah] di bawah 80 %: 3 satker · …'."""
    bagian = []
    for pita in PITA:
        teks = f":{WARNA_TEKS[pita]}[**{LABEL_PITA[pita]}**] {keterangan[pita]}"
        bagian.append(teks if jumlah is None else f"{teks}: {jumlah[pita]} satker")
    return " · ".join(bagian)
