"""Bulk inserts by the fastest path each engine offers, inside the caller's transaction.

PostgreSQL gets COPY (several times faster than executemany); SQLite gets executemany in
large batches. Both write through the caller's connection, so an error rolls back everything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

SQLITE_BATCH = 20_000


def bulk_insert(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts keyed by column name, all with the same keys) into ``table``."""
    if not rows:
        return 0
    if connection.dialect.name == "postgresql":
        columns = list(rows[0])
        column_list = ", ".join(f'"{name}"' for name in columns)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor, cursor.copy(f'COPY "{table.name}" ({column_list}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[name] for name in columns])
        return len(rows)
    for start in range(0, len(rows), SQLITE_BATCH):
        connection.execute(insert(table), rows[start : start + SQLITE_BATCH])
    return len(rows)
