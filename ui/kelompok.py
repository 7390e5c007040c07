"""The peer-group picker of Peringkat (Juara Umum included): a selectbox kept in the address as
``?kelompok=KODE`` like the other filters, so a shared link opens the same group."""

from __future__ import annotations

import streamlit as st

from analytics.alamat_tampilan import kutipan_alamat
from analytics.periods import Rentang
from db.kelompok import InfoKelompok, daftar_kelompok
from services.peringkat import HasilPeringkat
from services.target import baca_peringkat_kelompok
from ui.data import load_rankings, query

PARAMETER = "kelompok"
SEMUA = ""
KUNCI = "kelompok_peringkat"
_DITULIS = "kelompok_di_alamat"
"""What this picker last wrote to the address: a different value there came from a link."""


def pilih_kelompok() -> InfoKelompok | None:
    """The group chosen on the page (None: every satker); an unknown code in the address is
    dropped with a message rather than failing the page."""
    kelompok = {k.kode: k for k in query(daftar_kelompok)}
    dari_alamat = st.query_params.get(PARAMETER, SEMUA)
    if dari_alamat and dari_alamat not in kelompok:
        st.warning(f"Kelompok {kutipan_alamat(dari_alamat)}di alamat halaman tidak dikenal; semua satker ditampilkan.")
        dari_alamat = SEMUA
    if st.session_state.get(_DITULIS) != dari_alamat:  # the address changed from outside: it wins
        st.session_state[KUNCI] = dari_alamat
    pilihan = [SEMUA, *kelompok]
    kode = st.selectbox(
        "Kelompok pembanding",
        pilihan,
        format_func=lambda k: "Semua satker" if k == SEMUA else kelompok[k].nama,
        key=KUNCI,
        help="Peringkat di antara anggota kelompok: peringkat penuh disaring lalu diperingkat ulang.",
    )
    if kode:
        st.query_params[PARAMETER] = kode
    elif PARAMETER in st.query_params:
        del st.query_params[PARAMETER]
    st.session_state[_DITULIS] = kode
    return kelompok.get(kode)


def load_rankings_dalam(polda_id: int | None, rentang: Rentang, grup: InfoKelompok | None) -> HasilPeringkat:
    """The rankings of the Polda (cached), or among the members of ``grup`` when one is chosen."""
    if grup is None:
        return load_rankings(polda_id, rentang)
    return query(baca_peringkat_kelompok, polda_id, rentang, grup.kode)
