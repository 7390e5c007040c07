"""A load that lands shows on an open page without restarting the app (the cache is keyed on
the data version), whether it came from the command line or another process."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, laporan
from tests.test_pages import choose, ensure_account, open_app, show, table
from ui.data import VERSION_SECONDS

V1 = laporan({"TB News": [activity(2, "https://a.id/1")]})
V2 = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2"), activity(4, "https://a.id/3")]})


def _shown_value(app: AppTest, satker: str) -> str:
    return next(str(row["Nilai"]) for row in table(app) if row["Satker"] == satker)


def test_a_new_version_shows_on_the_open_peringkat_page(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    load_workbook(engine, V1, "mei_v1.xlsx", now=RECEIVED)
    url = engine.url.render_as_string(hide_password=False)
    ensure_account(url, "pimpinan.uji", "pimpinan")
    app = open_app(url, monkeypatch, "pimpinan.uji")
    show(choose(app, "kategori", "tb_news"), "peringkat")
    assert _shown_value(app, "Polres Kediri Kota") == "1"

    load_workbook(engine, V2, "mei_v2.xlsx", now=RECEIVED)
    time.sleep(VERSION_SECONDS + 0.2)  # the data version itself is re-read at most this often
    app.run()
    assert not app.exception
    assert _shown_value(app, "Polres Kediri Kota") == "3"
