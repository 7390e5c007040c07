"""Bulk inserts by the fastest path each engine offers, inside the caller's transaction.

PostgreSQL gets binary COPY (several times faster than executemany); SQLite gets the driver's
executemany in large batches. Both write through the caller's connection, so an error rolls
back everything. Rows are plain tuples in ``columns`` order: building a dict per row costs
more than the insert itself. On SQLite rows can also be staged before the write lock is taken
(:func:`siapkan_baris`) and copied under it (:func:`salin_baris_disiapkan`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table

from db.potongan import potong

SQLITE_BATCH = 20_000


def bulk_insert(
    connection: Connection,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    constants: Mapping[str, int | dt.date] | None = None,
) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``table``; returns the row count.

    ``constants`` are columns with the same value in every row (a report's id, satker and month):
    they are not repeated in each tuple, which saved building a new tuple per row.
    """
    if not rows:
        return 0
    constants = dict(constants or {})
    names = [*constants, *columns]
    column_list = _kolom(names)
    if connection.dialect.name == "postgresql":
        driver = connection.connection.driver_connection
        assert driver is not None
        cursor = driver.cursor()
        types = [table.c[name].type.compile(dialect=connection.dialect).split("(")[0].lower() for name in names]
        prefix = tuple(constants.values())
        with cursor, cursor.copy(f'COPY "{table.name}" ({column_list}) FROM STDIN (FORMAT BINARY)') as copy:
            copy.set_types(types)  # binary COPY: no text formatting and parsing per value
            for row in rows:
                copy.write_row(prefix + row)
        return len(rows)
    _tanpa_waktu(rows)
    # SQLite: the constants are written into the statement (only whole numbers and dates, as
    # SQLite literals), so each row binds only its own values.
    literals = [_sqlite_literal(value) for value in constants.values()]
    statement = f'INSERT INTO "{table.name}" ({column_list}) VALUES ({", ".join(literals + ["?"] * len(columns))})'
    for batch in potong(rows, SQLITE_BATCH):
        # Dates reach the driver as date objects; db.engine registers their ISO-text adapter.
        connection.exec_driver_sql(statement, batch)
    return len(rows)


def _kolom(names: Sequence[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _tanpa_waktu(rows: Sequence[tuple[Any, ...]]) -> None:
    if rows and any(isinstance(value, dt.datetime) for value in rows[0]):
        raise TypeError("bulk_insert menulis tanggal, bukan waktu; pakai insert() SQLAlchemy untuk kolom waktu")


def _sqlite_literal(value: int | dt.date) -> str:
    if type(value) is int:
        return str(value)
    if type(value) is dt.date:
        return f"'{value.isoformat()}'"
    raise TypeError(f"nilai tetap bulk_insert harus bilangan bulat atau tanggal, bukan {type(value).__name__}")


TAHAP = "tahap"
"""The name under which a SQLite connection attaches its staging database (in memory)."""


def _sementara(table: Table) -> str:
    return f'{TAHAP}."{table.name}_sementara"'


def siapkan_baris(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """SQLite: put ``rows`` (tuples in ``columns`` order) in this connection's staging table for
    ``table``, replacing what it held, and commit that at once.

    Storing on SQLite holds the write lock of the whole database, and copying rows inside SQLite
    (:func:`salin_baris_disiapkan`) takes about half the time of binding them from Python: so the
    binding is done first, while other writers may still write. The staging table lives in a
    database in memory that only this connection sees (attached as ``tahap``): writing it locks
    nothing in the database file and touches no disk. SQLite's own temporary database was written
    to a file page by page, a tenth of the system time of loading a folder. It holds one report's
    rows at a time. Call it before the connection's write transaction begins
    (db.transaksi.sesi_tulis), never inside one.
    """
    driver = connection.connection.driver_connection
    assert driver is not None
    if connection.dialect.name != "sqlite":
        raise TypeError("siapkan_baris hanya untuk SQLite; PostgreSQL menulis langsung dengan bulk_insert (COPY)")
    if driver.in_transaction:
        raise RuntimeError("siapkan_baris dipanggil di dalam transaksi tulis; panggil sebelum kunci tulis diambil")
    _tanpa_waktu(rows)
    if all(database != TAHAP for _, database, _ in driver.execute("PRAGMA database_list")):
        driver.execute(f"ATTACH DATABASE ':memory:' AS {TAHAP}")
    column_list = _kolom(columns)
    connection.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {_sementara(table)} ({column_list})")
    connection.exec_driver_sql(f"DELETE FROM {_sementara(table)}")
    statement = f"INSERT INTO {_sementara(table)} ({column_list}) VALUES ({', '.join(['?'] * len(columns))})"
    for batch in potong(rows, SQLITE_BATCH):
        connection.exec_driver_sql(statement, batch)
    driver.commit()


def salin_baris_disiapkan(
    connection: Connection, table: Table, columns: Sequence[str], constants: Mapping[str, int | dt.date]
) -> int:
    """Copy the rows staged by :func:`siapkan_baris` into ``table``, with ``constants`` in every
    row, inside the caller's transaction; the staging table is emptied. Returns the row count."""
    sources = ", ".join([*map(_sqlite_literal, constants.values()), _kolom(columns)])
    target = f'"{table.name}" ({_kolom([*constants, *columns])})'
    copied = connection.exec_driver_sql(f"INSERT INTO {target} SELECT {sources} FROM {_sementara(table)}").rowcount
    buang_baris_disiapkan(connection, table)
    return copied


def buang_baris_disiapkan(connection: Connection, table: Table) -> None:
    """Empty the staging table of :func:`siapkan_baris` (rows of a report not stored after all)."""
    connection.exec_driver_sql(f"DELETE FROM {_sementara(table)}")


def refresh_statistics(connection: Connection, *tables: Table) -> None:
    """Update the planner's statistics after a large bulk write (PostgreSQL; a no-op on SQLite),
    so the first queries after it do not plan for an empty table. Commits with the transaction."""
    if connection.dialect.name == "postgresql":
        for table in tables:
            connection.exec_driver_sql(f'ANALYZE "{table.name}"')
