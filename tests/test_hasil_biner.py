"""Rows read with results in binary (db.engine.HASIL_BINER) hold the same Python values as rows
read as text, for every kind of value a ranking reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from psycopg import pq
from sqlalchemy import Engine, cast, literal, null, select
from sqlalchemy.types import BigInteger, Boolean, Date, Float, Integer, Numeric, String

from db.engine import HASIL_BINER
from db.models import RingkasanPeriode, SatkerNama


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # SQLite ignores the option
def test_binary_results_are_the_values_text_results_are(engine: Engine) -> None:
    statement = select(
        cast(literal(dt.date(2025, 1, 1)), Date),
        cast(literal(2**40), BigInteger),
        cast(literal(-7), Integer),
        cast(literal(0.1 + 0.2), Float),
        cast(literal(Decimal("12.50")), Numeric(10, 2)),
        cast(literal("Polres Kediri Kota"), String),
        cast(literal(True), Boolean),
        cast(null(), Float),
    )
    with engine.connect() as connection:
        teks = connection.execute(statement).one()
        result = connection.execute(statement.execution_options(**{HASIL_BINER: True}))
        assert result.cursor.pgresult.fformat(0) == pq.Format.BINARY  # the server sent binary
        biner = result.one()
    assert tuple(biner) == tuple(teks)
    assert [type(value) for value in biner] == [type(value) for value in teks]


def test_a_wide_read_is_the_same_in_binary(engine: Engine) -> None:
    """The stored period summaries and names of the reference data, read both ways."""
    with engine.connect() as connection:
        for statement in (select(SatkerNama), select(RingkasanPeriode)):
            teks = connection.execute(statement).all()
            biner = connection.execute(statement.execution_options(**{HASIL_BINER: True})).all()
            assert biner == teks
