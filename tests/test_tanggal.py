"""Tanggal cells as operators type them (etl.tanggal): documented forms say nothing, clear forms
are read and reported, ambiguous ones are refused naming the accepted forms."""

from __future__ import annotations

import datetime as dt
import doctest
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import etl.tanggal
from analytics.periods import NAMA_BULAN
from etl.cells import CellError, parse_periode, parse_tanggal
from etl.tanggal import BENTUK_DITERIMA, NAMA_HARI, KodeTanggal, baca_tanggal

MEI, MARET, JUNI = dt.date(2024, 5, 1), dt.date(2024, 3, 1), dt.date(2024, 6, 1)
D = dt.date
NAMA, HARI, TIDAK_COCOK = KodeTanggal.NAMA_BULAN, KodeTanggal.HARI, KodeTanggal.HARI_TIDAK_COCOK
PERIODE, BULAN_DULU, SERI = KodeTanggal.TAHUN_DARI_PERIODE, KodeTanggal.BULAN_DULU, KodeTanggal.SERI_TEKS

# (cell value, periode, date, what was not documented)
DIBACA: list[tuple[Any, dt.date | None, dt.date, list[KodeTanggal]]] = [
    # Documented forms: read as before, nothing to report, with or without a periode.
    (dt.datetime(2024, 5, 6, 0, 0), MEI, D(2024, 5, 6), []),
    (D(2024, 5, 6), None, D(2024, 5, 6), []),
    (45418, MEI, D(2024, 5, 6), []),
    (45418.0, None, D(2024, 5, 6), []),
    ("06/05/2024", MEI, D(2024, 5, 6), []),
    ("6/5/2024", None, D(2024, 5, 6), []),
    ("06-05-2024", MEI, D(2024, 5, 6), []),
    ("06.05.2024", MEI, D(2024, 5, 6), []),
    (" 06/05/2024 ", MEI, D(2024, 5, 6), []),
    ("2024-05-06", MEI, D(2024, 5, 6), []),
    ("2024/05/06", MEI, D(2024, 5, 6), []),
    ("2024-05-06 08:30:00", MEI, D(2024, 5, 6), []),
    ("2024-05-06T08:30", MEI, D(2024, 5, 6), []),
    ("06/05/2024 08.30 WIB", MEI, D(2024, 5, 6), []),
    ("06/05/2024 pukul 08.30", MEI, D(2024, 5, 6), []),
    # Day first stays day first when it is outside the periode and month first is not inside:
    # the validator then says "di luar periode".
    ("06/05/2024", dt.date(2024, 7, 1), D(2024, 5, 6), []),
    ("03/05/2024", MEI, D(2024, 5, 3), []),
    ("13/05/2024", MARET, D(2024, 5, 13), []),
    # Month names, Indonesian and English, any case, abbreviations with or without a dot.
    ("5 Mei 2024", MEI, D(2024, 5, 5), [NAMA]),
    ("8 mei 2024", MEI, D(2024, 5, 8), [NAMA]),
    ("08 MEI 2024", MEI, D(2024, 5, 8), [NAMA]),
    ("5 Januari 2024", None, D(2024, 1, 5), [NAMA]),
    ("17 Agustus 2024", None, D(2024, 8, 17), [NAMA]),
    ("17 Agu 2024", None, D(2024, 8, 17), [NAMA]),
    ("17 Agt 2024", None, D(2024, 8, 17), [NAMA]),
    ("17 ags 2024", None, D(2024, 8, 17), [NAMA]),
    ("17-Agt-2024", None, D(2024, 8, 17), [NAMA]),
    ("17/agt/2024", None, D(2024, 8, 17), [NAMA]),
    ("2 Sep 2024", None, D(2024, 9, 2), [NAMA]),
    ("2 Sept. 2024", None, D(2024, 9, 2), [NAMA]),
    ("2 Okt 2024", None, D(2024, 10, 2), [NAMA]),
    ("2 Nop 2024", None, D(2024, 11, 2), [NAMA]),
    ("2 Nopember 2024", None, D(2024, 11, 2), [NAMA]),
    ("2 Pebruari 2024", None, D(2024, 2, 2), [NAMA]),
    ("25 Des 2024", None, D(2024, 12, 25), [NAMA]),
    ("25 December 2024", None, D(2024, 12, 25), [NAMA]),
    ("May 5, 2024", None, D(2024, 5, 5), [NAMA]),
    ("Mei 5 2024", None, D(2024, 5, 5), [NAMA]),
    ("OKT. 5, 2024", None, D(2024, 10, 5), [NAMA]),
    ("5th May 2024", None, D(2024, 5, 5), [NAMA]),
    ("5  Mei\n2024", None, D(2024, 5, 5), [NAMA]),
    ("6 Mei 2024 08:00", None, D(2024, 5, 6), [NAMA]),
    # A weekday in front; a wrong one is reported, the date decides.
    ("Senin, 6 Mei 2024", MEI, D(2024, 5, 6), [HARI, NAMA]),
    ("senin 6 mei 2024", MEI, D(2024, 5, 6), [HARI, NAMA]),
    ("Jum'at, 10 Mei 2024", MEI, D(2024, 5, 10), [HARI, NAMA]),
    ("Jum’at, 10 Mei 2024", MEI, D(2024, 5, 10), [HARI, NAMA]),
    ("Jumat / 10-05-2024", MEI, D(2024, 5, 10), [HARI]),
    ("Minggu, 12/05/2024", MEI, D(2024, 5, 12), [HARI]),
    ("Ahad, 12 Mei 2024", MEI, D(2024, 5, 12), [HARI, NAMA]),
    ("Sunday, May 12, 2024", MEI, D(2024, 5, 12), [HARI, NAMA]),
    ("Selasa, 6 Mei 2024", MEI, D(2024, 5, 6), [HARI, NAMA, TIDAK_COCOK]),
    # Two-digit years and no year: completed from the periode when exactly one reading fits.
    ("10/05/24", MEI, D(2024, 5, 10), [PERIODE]),
    ("05/06/24", JUNI, D(2024, 6, 5), [PERIODE]),
    ("06/05/24", JUNI, D(2024, 6, 5), [PERIODE, BULAN_DULU]),
    ("05/05/24", MEI, D(2024, 5, 5), [PERIODE]),
    ("5-Mei-24", MEI, D(2024, 5, 5), [NAMA, PERIODE]),
    ("Senin, 6 Mei 24", MEI, D(2024, 5, 6), [HARI, NAMA, PERIODE]),
    ("5 Mei", MEI, D(2024, 5, 5), [NAMA, PERIODE]),
    ("15/05", MEI, D(2024, 5, 15), [PERIODE]),
    # Month first only when day first does not fit the periode and month first does, or when
    # month first alone is a date (the validator then checks the periode).
    ("03/05/2024", MARET, D(2024, 3, 5), [BULAN_DULU]),
    ("06/05/2024", JUNI, D(2024, 6, 5), [BULAN_DULU]),
    ("05/13/2024", MEI, D(2024, 5, 13), [BULAN_DULU]),
    ("05/13/2024", MARET, D(2024, 5, 13), [BULAN_DULU]),
    ("5/13/2024", None, D(2024, 5, 13), [BULAN_DULU]),
    # An Excel serial number stored as text.
    ("45418", MEI, D(2024, 5, 6), [SERI]),
    ("45418.0", None, D(2024, 5, 6), [SERI]),
    # What comes along when a date is copied or typed in a hurry: invisible characters, a full
    # stop, "pkl", a short weekday, the weekday after the date, an apostrophe before the year.
    ("23 Mei 2024\u200b", MEI, D(2024, 5, 23), [NAMA]),
    ("\ufeff06/05/2024", MEI, D(2024, 5, 6), []),
    ("13 Mei 2024.", MEI, D(2024, 5, 13), [NAMA]),
    ("18 Mei 2024 pkl 10.00", MEI, D(2024, 5, 18), [NAMA]),
    ("18/05/2024 pkl. 10.00 WIB", MEI, D(2024, 5, 18), []),
    ("Sen, 27 Mei 2024", MEI, D(2024, 5, 27), [HARI, NAMA]),
    ("Fri, 10 May 2024", MEI, D(2024, 5, 10), [HARI, NAMA]),
    ("16 Mei 2024 (Kamis)", MEI, D(2024, 5, 16), [HARI, NAMA]),
    ("16/05/2024 (Jumat)", MEI, D(2024, 5, 16), [HARI, TIDAK_COCOK]),
    ("15 Mei '24", MEI, D(2024, 5, 15), [NAMA, PERIODE]),
]


@pytest.mark.parametrize(("nilai", "periode", "tanggal", "kode"), DIBACA)
def test_baca_tanggal(nilai: Any, periode: dt.date | None, tanggal: dt.date, kode: list[KodeTanggal]) -> None:
    hasil = baca_tanggal(nilai, periode)
    assert hasil.tanggal == tanggal
    assert list(hasil.kode) == kode
    assert hasil.diperbaiki == bool(kode)
    if kode:
        assert hasil.pesan.startswith(f"Tanggal “{str(nilai).strip()[:20]}")
        assert f"{tanggal:%d/%m/%Y}" in hasil.pesan or str(tanggal.day) in hasil.pesan
    else:
        assert hasil.pesan == ""


def test_the_warnings_say_how_the_cell_was_read() -> None:
    assert baca_tanggal("Senin, 6 Mei 2024", MEI).pesan == "Tanggal “Senin, 6 Mei 2024” dibaca sebagai 06/05/2024."
    assert baca_tanggal("Selasa, 6 Mei 2024", MEI).pesan == (
        "Tanggal “Selasa, 6 Mei 2024” dibaca sebagai 06/05/2024, padahal 06/05/2024 hari Senin, bukan Selasa. "
        "Periksa tanggalnya."
    )
    assert baca_tanggal("03/05/2024", MARET).pesan == (
        "Tanggal “03/05/2024” dibaca sebagai 5 Maret 2024 (bulan ditulis lebih dulu) karena hanya cara baca itu "
        "yang jatuh di periode Maret 2024. Bila maksudnya hari lebih dulu, laporkan kegiatan ini di laporan bulan "
        "tersebut."
    )
    assert baca_tanggal("05/13/2024", MARET).pesan == (
        "Tanggal “05/13/2024” dibaca sebagai 13 Mei 2024 (bulan ditulis lebih dulu) karena bila dibaca hari lebih "
        "dulu tanggalnya tidak ada."
    )


@pytest.mark.parametrize("teks", ["᠒/05/2024", "٠٦/٠٥/٢٠٢٤", "6 Mei ２０２４", "４５４１８"])
def test_only_ascii_digits_are_digits(teks: str) -> None:
    with pytest.raises(CellError, match="tidak dikenali"):
        baca_tanggal(teks, MEI)


# (cell value, periode, part of the message)
DITOLAK: list[tuple[Any, dt.date | None, str]] = [
    ("", MEI, "Tanggal wajib diisi"),
    (None, MEI, "Tanggal wajib diisi"),
    ("  ", MEI, "Tanggal wajib diisi"),
    ("kemarin", MEI, "Format tanggal “kemarin” tidak dikenali"),
    ("Mei 2024", MEI, "tidak dikenali"),
    ("5 Mie 2024", MEI, "tidak dikenali"),
    ("Senin", MEI, "tidak dikenali"),
    ("5 - 7 Mei 2024", MEI, "tidak dikenali"),
    ("05/06/2024 s/d 07/06/2024", MEI, "tidak dikenali"),
    ("31/02/2024", MEI, "tidak ada di kalender"),
    ("2024-02-30", MEI, "tidak ada di kalender"),
    ("31 Juni 2024", JUNI, "tidak ada di kalender"),
    ("31/13/2024", MEI, "tidak ada di kalender"),
    ("12345", MEI, "“12345” bukan tanggal"),
    (12345, MEI, "“12345” bukan tanggal"),
    (45418.5, MEI, "bukan tanggal"),
    (True, MEI, "bukan tanggal"),
    (dt.time(8, 30), MEI, "bukan tanggal"),
    # Two-digit years and no year need the periode, and one reading inside it.
    ("10/05/24", None, "Periode di sheet Identitas tidak terbaca"),
    ("5 Mei", None, "Periode di sheet Identitas tidak terbaca"),
    ("10/05/24", MARET, "tidak ada cara membacanya yang jatuh di periode Maret 2024 (10 Mei 2024 atau 5 Oktober 2024)"),
    ("10/05/23", MEI, "(10 Mei 2023 atau 5 Oktober 2023)"),
    ("5 Mei 24", MARET, "jatuh di periode Maret 2024 (5 Mei 2024)"),
    ("30/02/24", MEI, "tidak menulis tahun lengkap, dan tidak ada di kalender"),
]


@pytest.mark.parametrize(("nilai", "periode", "pesan"), DITOLAK)
def test_baca_tanggal_refuses_what_is_not_clear(nilai: Any, periode: dt.date | None, pesan: str) -> None:
    with pytest.raises(CellError) as ditolak:
        baca_tanggal(nilai, periode)
    assert pesan in str(ditolak.value)
    if "kalender" not in pesan:
        assert BENTUK_DITERIMA in str(ditolak.value) or "Identitas" in str(ditolak.value) or "bukan tanggal" in pesan


@pytest.mark.parametrize(
    "nilai",
    [
        "06/05/2024",
        "6-5-2024",
        "2024-05-06",
        "2024-05-06 08:30",
        45418,
        45418.0,
        dt.date(2024, 5, 6),
        dt.datetime(2024, 5, 6, 9),
    ],
)
def test_documented_forms_read_as_parse_tanggal_does(nilai: Any) -> None:
    assert baca_tanggal(nilai, MEI).tanggal == parse_tanggal(nilai)
    assert baca_tanggal(nilai, None).tanggal == parse_tanggal(nilai)


# --- Properties ---------------------------------------------------------------------------------

_HARI_DALAM_2024 = st.dates(dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def _ditulis(tanggal: dt.date, bentuk: int) -> str:
    """One of the ways an operator writes ``tanggal``."""
    bulan = NAMA_BULAN[tanggal.month - 1]
    hari = NAMA_HARI[tanggal.weekday()]
    return [
        f"{tanggal.day} {bulan} {tanggal.year}",
        f"{hari}, {tanggal.day} {bulan} {tanggal.year}",
        f"{tanggal.day:02d}-{bulan[:3].upper()}-{tanggal.year}",
        f"{tanggal.day}/{tanggal.month}/{tanggal.year % 100:02d}",
        f"{hari.lower()} {tanggal.day:02d}/{tanggal.month:02d}/{tanggal.year}",
        f"{tanggal.day} {bulan.lower()}",
        f"{tanggal:%d.%m.%Y}",
        str((tanggal - dt.date(1899, 12, 30)).days),
    ][bentuk]


@settings(max_examples=400, deadline=None)
@given(_HARI_DALAM_2024, st.integers(0, 7))
def test_every_form_of_a_date_in_the_periode_reads_back(tanggal: dt.date, bentuk: int) -> None:
    hasil = baca_tanggal(_ditulis(tanggal, bentuk), tanggal.replace(day=1))
    assert hasil.tanggal == tanggal
    assert KodeTanggal.HARI_TIDAK_COCOK not in hasil.kode
    assert KodeTanggal.BULAN_DULU not in hasil.kode


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(st.text(max_size=30), st.from_regex(r"\s*\d{1,4}[/.\- ]\d{1,2}([/.\- ]\d{1,4})?\s*", fullmatch=True)),
    st.one_of(st.none(), _HARI_DALAM_2024.map(lambda tanggal: tanggal.replace(day=1))),
)
def test_any_text_is_read_or_refused_with_a_message(teks: str, periode: dt.date | None) -> None:
    try:
        hasil = baca_tanggal(teks, periode)
    except CellError as ditolak:
        assert str(ditolak)
        return
    assert teks.strip() and all(huruf.isascii() for huruf in teks if huruf.isdigit())
    if KodeTanggal.TAHUN_DARI_PERIODE in hasil.kode:
        assert periode is not None and (hasil.tanggal.year, hasil.tanggal.month) == (periode.year, periode.month)


def test_docstring_examples() -> None:
    hasil = doctest.testmod(etl.tanggal)
    assert hasil.attempted > 0 and hasil.failed == 0


@pytest.mark.parametrize(
    ("teks", "bulan"),
    [
        ("Pebruari 2024", dt.date(2024, 2, 1)),
        ("Sept 2024", dt.date(2024, 9, 1)),
        ("Sept. 2024", dt.date(2024, 9, 1)),
        ("Nopember 2024", dt.date(2024, 11, 1)),
        ("May 2024", dt.date(2024, 5, 1)),
        ("Mei-2024", dt.date(2024, 5, 1)),
        ("agt 2024", dt.date(2024, 8, 1)),
        ("45413", dt.date(2024, 5, 1)),  # a date cell that became text
    ],
)
def test_the_periode_reads_the_month_spellings_a_tanggal_reads(teks: str, bulan: dt.date) -> None:
    assert parse_periode(teks) == bulan
