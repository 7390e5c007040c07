"""The cyclic garbage collector is paused while rankings and wide reads build their objects, and
always back on afterwards, whatever the threads and errors in between."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from types import CodeType
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.periods import parse_rentang
from db.pengumpul_sampah import pengumpulan_ditunda, tunda_pengumpulan
from db.queries_peringkat import series_bulanan
from db.tautan_ganda import tautan_ganda
from services.peringkat import build_kategori_ranking, build_rankings


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.enable()
    yield
    assert gc.isenabled(), "a paused call left the collector off"
    if not was_on:
        gc.disable()


def test_collector_is_off_inside_a_paused_call_and_on_after_it() -> None:
    @pengumpulan_ditunda
    def inside() -> bool:
        return gc.isenabled()

    assert inside() is False
    assert gc.isenabled()


def test_a_nested_pause_keeps_the_collector_off_until_the_outer_call_ends() -> None:
    with tunda_pengumpulan():
        with tunda_pengumpulan():
            pass
        assert not gc.isenabled()


def test_an_error_inside_still_turns_the_collector_back_on() -> None:
    with pytest.raises(ZeroDivisionError), tunda_pengumpulan():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with tunda_pengumpulan():
        pass
    assert not gc.isenabled()
    gc.enable()


@pytest.mark.parametrize("first_out", ["first_in", "second_in"])
def test_overlapping_pauses_in_two_threads_leave_the_collector_on(first_out: str) -> None:
    """Streamlit runs each session in a thread: one session's ranking may end while another's
    is still running, in either order."""
    entered = {name: threading.Event() for name in ("first_in", "second_in")}
    leave = {name: threading.Event() for name in ("first_in", "second_in")}
    seen_inside: dict[str, bool] = {}

    def session(name: str) -> None:
        with tunda_pengumpulan():
            entered[name].set()
            leave[name].wait(5)
            seen_inside[name] = gc.isenabled()

    threads = {name: threading.Thread(target=session, args=(name,)) for name in entered}
    threads["first_in"].start()
    entered["first_in"].wait(5)
    threads["second_in"].start()
    entered["second_in"].wait(5)
    last_out = "second_in" if first_out == "first_in" else "first_in"
    leave[first_out].set()
    threads[first_out].join(5)
    assert not gc.isenabled(), "the collector came back while the other session was still ranking"
    leave[last_out].set()
    threads[last_out].join(5)
    assert seen_inside == {"first_in": False, "second_in": False}
    assert gc.isenabled()


def _collections_during(call: Callable[[], object], body: CodeType | None = None) -> int:
    """How many collections start while ``call`` runs (only those with ``body``, the code of a
    function, on the stack, if given), with the collector told to run every ten allocations."""
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase != "start":
            return
        frame = sys._getframe()
        while frame is not None and body is not None and frame.f_code is not body:
            frame = frame.f_back
        if frame is not None:
            started.append(info["generation"])

    threshold = gc.get_threshold()
    gc.callbacks.append(record)
    gc.set_threshold(10, 1, 1)
    try:
        call()
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(record)
    return len(started)


def test_the_probe_sees_collections_in_ordinary_code() -> None:
    def ordinary() -> list[tuple[int, str]]:
        return [(i, str(i)) for i in range(1000)]

    assert _collections_during(ordinary, ordinary.__code__) > 0


TAHUN = parse_rentang("2024")


@pytest.mark.parametrize(
    ("function", "call"),
    [
        (build_rankings, lambda s: build_rankings(s, None, TAHUN)),
        (build_kategori_ranking, lambda s: build_kategori_ranking(s, None, TAHUN, "tb_news")),
        (series_bulanan, lambda s: series_bulanan(s, None, TAHUN, "tb_news")),
        (tautan_ganda, lambda s: tautan_ganda(s, TAHUN)),
    ],
    ids=["build_rankings", "build_kategori_ranking", "series_bulanan", "tautan_ganda"],
)
def test_rankings_and_their_reads_run_without_a_collection(
    demo_engine: Engine, function: Any, call: Callable[[Session], object]
) -> None:
    """The collection they put off happens after them; none starts while their body runs."""
    with Session(demo_engine) as session:
        assert _collections_during(lambda: call(session), getattr(function, "__wrapped__", function).__code__) == 0
