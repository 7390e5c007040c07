"""The Tren page's monthly total, computed from the series it already read, equals the SQL total."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.kategori import KODE_KATEGORI
from analytics.periods import parse_rentang
from analytics.tren import total_per_bulan
from db.queries_peringkat import list_polda_aktif, series_bulanan, total_bulanan

TAHUN = parse_rentang("2024")


@pytest.mark.parametrize("nasional", [True, False], ids=["nasional", "satu-polda"])
def test_total_from_the_series_equals_the_sql_total_for_every_kategori(demo_engine: Engine, nasional: bool) -> None:
    with Session(demo_engine) as session:
        polda_id = None if nasional else list_polda_aktif(session)[0].id
        expected = total_bulanan(session, polda_id, TAHUN)
        got = {kode: total_per_bulan(series_bulanan(session, polda_id, TAHUN, kode), kode) for kode in KODE_KATEGORI}
    assert {kode: months for kode, months in got.items() if months} == {
        kode: pytest.approx(months) for kode, months in expected.items()
    }
    assert sum(len(months) for months in expected.values()) > 100
