"""Beranda, rendered with Streamlit's AppTest on real databases."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from analytics.numbers import format_angka
from analytics.periods import hours_after_month_end
from db.engine import PROJECT_DIR
from db.models import Aktivitas, Kategori, Laporan
from db.queries import satker_names_at
from tests.databases import DatabaseFactory

FEBRUARI_2024 = dt.date(2024, 2, 1)


def _open_app(url: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("HUMAS_DATABASE_URL", url)
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=60)
    return app.run()


def _expected_top_three(engine: Engine, periode: dt.date) -> dict[str, list[str]]:
    """Card lines computed from the activity rows and report times, not from monthly values."""
    with Session(engine) as session:
        names = satker_names_at(session, periode)
        kategori = {k.kode: k for k in session.scalars(select(Kategori))}
        values: dict[str, dict[str, float]] = defaultdict(dict)
        for satker_id, kode, n in session.execute(
            select(Aktivitas.satker_id, Aktivitas.kategori_kode, func.count())
            .join(Laporan, Laporan.id == Aktivitas.laporan_id)
            .where(Laporan.status == "aktif", Laporan.periode == periode)
            .group_by(Aktivitas.satker_id, Aktivitas.kategori_kode)
        ):
            values[kode][names[satker_id]] = n
        for satker_id, sent in session.execute(
            select(Laporan.satker_id, Laporan.dikirim_pada).where(Laporan.periode == periode, Laporan.versi == 1)
        ):
            values["kecepatan_laporan"][names[satker_id]] = hours_after_month_end(periode, sent)
    expected = {}
    for kode, per_satker in values.items():
        lower_better = kategori[kode].arah == "lebih_rendah"
        ordered = sorted(per_satker.items(), key=lambda item: (item[1] if lower_better else -item[1], item[0]))
        unit, decimals = (" jam", 1) if lower_better else ("", 0)
        lines = []
        for satker, value in ordered:
            rank = 1 + sum(1 for other in per_satker.values() if (other < value if lower_better else other > value))
            if rank > 3:
                break
            badge = {1: "orange", 2: "gray", 3: "red"}[rank]
            lines.append(
                f":{badge}-badge[:material/military_tech: {rank}] **{satker}** — {format_angka(value, decimals)}{unit}"
            )
        expected[kategori[kode].nama_tampilan] = lines
    return expected


def test_beranda_shows_top_three_of_every_kategori(
    demo_url: str, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _open_app(demo_url, monkeypatch)
    app.selectbox(key="periode").set_value(FEBRUARI_2024).run()
    assert not app.exception
    markdown = [m.value for m in app.markdown]
    expected = _expected_top_three(demo_engine, FEBRUARI_2024)
    assert len(expected) == 10
    for label, lines in expected.items():
        card = markdown[markdown.index(f"**{label}**") + 1]
        assert card.split("\n\n") == lines, label
    assert "Februari 2024" in app.caption[0].value


def test_beranda_opens_on_the_latest_month(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _open_app(demo_url, monkeypatch)
    assert app.selectbox(key="periode").value == dt.date(2024, 12, 1)
    assert app.selectbox(key="periode").options[0] == "Desember 2024"


def test_every_page_shows_the_demo_banner(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _open_app(demo_url, monkeypatch)
    assert any("DATA CONTOH" in w.value for w in app.warning)


def test_without_data_beranda_explains_how_to_load(
    databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _open_app(databases.new_url(), monkeypatch)
    assert not app.exception
    assert not any("DATA CONTOH" in w.value for w in app.warning)
    assert "python -m etl load" in app.info[0].value


def test_unreachable_database_shows_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _open_app("postgresql+psycopg://humas:rahasia@127.0.0.1:9/humas", monkeypatch)
    assert not app.exception
    assert "tidak dapat dibuka" in app.error[0].value
    assert "rahasia" not in app.error[0].value
