"""A ranking chart is built once per data version and arguments, and shared by every session."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.audit import catat
from db.engine import make_engine
from ui.data import data_berubah, grafik_bersama

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def test_a_chart_is_built_once_per_data_version_and_arguments(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMAS_DATABASE_URL", demo_url)
    built: list[str] = []

    def buat(kode: str) -> go.Figure:
        built.append(kode)
        return go.Figure(layout={"title": {"text": kode}})

    first = grafik_bersama(buat, "ipse")
    assert grafik_bersama(buat, "ipse") is first and built == ["ipse"]
    grafik_bersama(buat, "tb_news")
    assert built == ["ipse", "tb_news"]

    engine = make_engine(demo_url)
    with Session(engine) as session, session.begin():
        catat(session, Pelaku.baris_perintah(), "simpan_target", ditambah=1, diubah=0)  # data changed
    engine.dispose()
    data_berubah()
    assert grafik_bersama(buat, "ipse") is not first and built == ["ipse", "tb_news", "ipse"]
