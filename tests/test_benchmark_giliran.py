"""The national benchmark times SQLite, PostgreSQL and DuckDB taking turns, so that a slow stretch
of a noisy machine falls on all of them: the ratios it reports compare like with like."""

from __future__ import annotations

from benchmarks.run import _bergiliran


def test_every_round_calls_each_measure_once_in_turn_after_one_warm_up_each() -> None:
    calls: list[str] = []
    timings = _bergiliran({name: (lambda name=name: calls.append(name)) for name in ("sqlite", "pg", "duckdb")}, 3)
    assert calls == ["sqlite", "pg", "duckdb"] * 4
    assert set(timings) == {"sqlite", "pg", "duckdb"}


def test_median_and_p95_are_in_milliseconds_and_ordered() -> None:
    median, p95 = _bergiliran({"hitung": lambda: sum(range(20_000))}, 20)["hitung"]
    assert 0 < median <= p95 < 1_000
