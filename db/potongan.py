"""Long lists of keys sent to the database in pieces: every engine limits the values one
statement may bind (SQLite 32,766), so an IN (...) list of thousands goes in several statements.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

PASANGAN_PER_KUERI = 400  # (satker, month) pairs or satker ids per IN list
KUNCI_PER_KUERI = 5_000  # link keys per IN list


def potong(items: Sequence[T], ukuran: int) -> Iterator[Sequence[T]]:
    """``items`` in consecutive pieces of at most ``ukuran``, in order.

    >>> list(potong([1, 2, 3, 4, 5], 2))
    [[1, 2], [3, 4], [5]]
    """
    for start in range(0, len(items), ukuran):
        yield items[start : start + ukuran]
