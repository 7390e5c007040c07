"""Keep Python's cyclic garbage collector out of the reads and rankings that build many objects.

A national Juara Umum builds tens of thousands of short-lived tuples, lists and dicts. Every 700
allocations the collector walks the young ones, and every few calls a full collection walks every
object the process has not frozen (ui/heap.py): together about a tenth of the ranking's time, and
the longest of its pauses when another page's allocations tip a full collection into it. None of
these objects form reference cycles, so reference counting frees them all; pausing the collector
for the duration of such a call loses nothing and the collection simply happens after it.

The collector is one switch for the whole process while Streamlit runs one thread per session, so
the pause is counted: it is switched off when the first paused call starts and on again when the
last one ends, and only if it was on before (``python -m etl`` imports with it off).
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_lock = threading.Lock()
_aktif = 0  # paused calls running now, in every thread
_nyalakan_lagi = False  # whether the collector was on when the first of them started

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def tunda_pengumpulan() -> Iterator[None]:
    """Run the block with the cyclic collector paused; it collects after the block (see the module's
    docstring)."""
    global _aktif, _nyalakan_lagi
    with _lock:
        if _aktif == 0:
            _nyalakan_lagi = gc.isenabled()
            gc.disable()
        _aktif += 1
    try:
        yield
    finally:
        with _lock:
            _aktif -= 1
            if _aktif == 0 and _nyalakan_lagi:
                gc.enable()


def pengumpulan_ditunda(function: Callable[P, T]) -> Callable[P, T]:
    """Decorate a function that allocates many acyclic objects: it runs under
    :func:`tunda_pengumpulan`."""

    @functools.wraps(function)
    def ditunda(*args: P.args, **kwargs: P.kwargs) -> T:
        with tunda_pengumpulan():
            return function(*args, **kwargs)

    return ditunda
