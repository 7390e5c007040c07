"""Bulk inserts by the fastest path each engine offers, inside the caller's transaction.

PostgreSQL gets COPY (several times faster than executemany); SQLite gets the driver's
executemany in large batches. Both write through the caller's connection, so an error rolls
back everything. Rows are plain tuples in ``columns`` order: building a dict per row costs
more than the insert itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table

SQLITE_BATCH = 20_000


def bulk_insert(connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``; returns the row count."""
    if not rows:
        return 0
    column_list = ", ".join(f'"{name}"' for name in columns)
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor, cursor.copy(f'COPY "{table.name}" ({column_list}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)
    if any(isinstance(value, dt.datetime) for value in rows[0]):
        raise TypeError("bulk_insert menulis tanggal, bukan waktu; pakai insert() SQLAlchemy untuk kolom waktu")
    date_positions = [i for i, value in enumerate(rows[0]) if isinstance(value, dt.date)]
    iso: dict[dt.date, str] = {}  # a month of reports holds few distinct dates
    statement = f'INSERT INTO "{table.name}" ({column_list}) VALUES ({", ".join("?" * len(columns))})'
    for start in range(0, len(rows), SQLITE_BATCH):
        batch = rows[start : start + SQLITE_BATCH]
        if date_positions:
            batch = [_with_iso_dates(row, date_positions, iso) for row in batch]
        connection.exec_driver_sql(statement, batch)
    return len(rows)


def _with_iso_dates(row: Sequence[Any], positions: list[int], iso: dict[dt.date, str]) -> tuple[Any, ...]:
    """Dates as ISO text, the way SQLAlchemy's SQLite Date type stores them."""
    values = list(row)
    for position in positions:
        day = values[position]
        text = iso.get(day)
        if text is None:
            text = iso[day] = day.isoformat()
        values[position] = text
    return tuple(values)
