"""Names and labels an admin or operator typed are shown as text everywhere: a kategori label
holding a Markdown image and a satker name holding an HTML link are escaped on every page
(titles, captions, metrics, messages, widget labels) and in every chart builder."""

from __future__ import annotations

import datetime as dt
import json
import re

import plotly.graph_objects as go
import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from analytics.izin import Pelaku
from analytics.perbandingan import BarisPolda
from analytics.peringkat import BarisPeringkat
from analytics.teks import escape_markdown
from db.master import set_label_kategori
from db.models import Satker, SatkerNama
from db.reference import find_satker
from services.grafik import bar_peringkat, bar_persentil, bar_polda, bar_total_bulanan, bump_peringkat, garis_tren
from tests.test_pages import open_app, session_on, show
from ui.halaman import HALAMAN

GAMBAR = "![q](https://attacker.example/x.png)"
TAUTAN = '<a href="https://attacker.example">klik</a>'
SATKER = f"Polres {TAUTAN}"
LABEL = f"Tautan {GAMBAR}"
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
BULAN = [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]


def _isi_nama_berbahaya(url: str) -> int:
    """A satker named with an HTML link and a kategori label with a Markdown image; the satker's id."""
    with session_on(url) as session, session.begin():
        satker = find_satker(session, "Polres Kediri Kota")
        assert satker is not None
        satker_id = satker.id
        session.execute(update(Satker).where(Satker.id == satker.id).values(nama=SATKER))
        session.execute(update(SatkerNama).where(SatkerNama.satker_id == satker.id).values(nama=SATKER))
        set_label_kategori(session, Pelaku.baris_perintah(), "link_amplifikasi", LABEL)
    return satker_id


def _teks_markdown(app: AppTest) -> list[str]:
    """Every text Streamlit renders as Markdown: elements and the labels of metrics and widgets."""
    elements = [*app.title, *app.header, *app.subheader, *app.caption, *app.markdown]
    elements += [*app.info, *app.success, *app.warning, *app.error]
    teks = [e.value for e in elements]
    teks += [m.label for m in app.metric]
    widgets = [*app.selectbox, *app.multiselect, *app.number_input, *app.text_input, *app.button, *app.toggle]
    teks += [w.label for w in widgets]
    return [t for t in teks if isinstance(t, str)]


@SQLITE_ONLY
def test_every_page_shows_typed_names_and_labels_as_text(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    satker_id = _isi_nama_berbahaya(demo_url)
    app = open_app(demo_url, monkeypatch)
    terlihat: set[str] = set()
    for halaman in HALAMAN:
        if halaman.hanya_nasional:
            continue
        show(app, halaman.nama)
        if halaman.nama == "profil_satker":
            app.selectbox(key="profil_satker").set_value(satker_id).run()
        teks = _teks_markdown(app)
        assert [t for t in teks if "![q](" in t or re.search(r"(?<!\\)<a href", t)] == [], halaman.nama
        terlihat |= {halaman.nama for t in teks if escape_markdown(GAMBAR) in t or escape_markdown(TAUTAN) in t}
    # The label reached the pages that show it (title, metric, markdown, widget labels), escaped.
    assert {"beranda", "peringkat", "profil_satker", "ekspor", "admin_pengaturan"} <= terlihat


def _json(fig: go.Figure) -> str:
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False)


def test_every_chart_builder_escapes_html_in_names_titles_and_hover() -> None:
    baris = [BarisPeringkat(1, 1, SATKER, 10.0), BarisPeringkat(2, 2, "Polres Batu", 5.0)]
    figures = [
        bar_peringkat(baris, f"{LABEL} — {TAUTAN}"),
        bar_polda([BarisPolda(1, 1, f"Polda {TAUTAN}", 3, 4.0, 12.0, None)], TAUTAN),
        garis_tren({SATKER: {BULAN[0]: 3.0}}, BULAN, TAUTAN),
        bump_peringkat({SATKER: {BULAN[0]: 1}}, BULAN, TAUTAN),
        bar_total_bulanan({BULAN[0]: 3.0}, BULAN, TAUTAN),
        bar_persentil({TAUTAN: 50.0, "Terbanyak IPSE": 80.0}, TAUTAN),
    ]
    for fig in figures:
        teks = _json(fig)
        assert "<a href" not in teks and "&lt;a href" in teks, teks[:300]
