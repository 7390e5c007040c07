"""What the benchmark scripts share: a throwaway PostgreSQL database, and writing results into
docs/BENCHMARKS.md, where each script owns one ``## `` section."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.engine import make_engine


T = TypeVar("T")


def percentile(values: list[float], fraction: float) -> float:
    """The value at ``fraction`` (0.95 for p95) of the sorted values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def on_each_database(measure: Callable[[str], T], postgres: str | None) -> dict[str, T]:
    """``measure(url)`` on a new SQLite file and, when a server is given, a new PostgreSQL database."""
    results: dict[str, T] = {}
    with tempfile.TemporaryDirectory() as folder:
        results["SQLite"] = measure(f"sqlite:///{folder}/bench.sqlite")
    if postgres:
        with temporary_postgres(postgres) as url:
            results["PostgreSQL"] = measure(url)
    return results


@contextmanager
def temporary_postgres(server_url: str) -> Iterator[str]:
    """URL of a new, empty database on the server of ``server_url``; dropped afterwards."""
    name = f"humas_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(server_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def write_section(path: Path, section: str, report: str) -> None:
    """Replace the section headed ``section`` (up to the next ``## ``), or append it; keep the rest."""
    existing = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark\n"
    lines = existing.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == section), None)
    if start is None:
        path.write_text(existing.rstrip("\n") + "\n\n" + report, encoding="utf-8")
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    before, after = "".join(lines[:start]), "".join(lines[end:])
    path.write_text(before + report + ("\n" + after if after else ""), encoding="utf-8")
