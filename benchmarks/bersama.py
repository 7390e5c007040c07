"""What the benchmark scripts share: a throwaway PostgreSQL database, and writing results into
docs/BENCHMARKS.md, where each script owns one ``## `` section."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

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


BENCH_USER = ("pimpinan.benchmark", "sandi-benchmark-2026")
"""A national pimpinan account that the benchmark scripts add to their own databases."""


def ensure_benchmark_user(url: str) -> tuple[str, str]:
    """The benchmark account on the database at ``url`` (made once); (username, password)."""
    from sqlalchemy.orm import Session

    from analytics.izin import Pelaku
    from db.akun import cari_pengguna, tambah_pengguna

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        if cari_pengguna(session, BENCH_USER[0]) is None:
            tambah_pengguna(session, Pelaku.baris_perintah(), BENCH_USER[0], BENCH_USER[1], "pimpinan")
    engine.dispose()
    return BENCH_USER


def logged_in_app(url: str, timeout: float = 120) -> Any:
    """Streamlit's AppTest on ``dashboard.py`` for the database at ``url``, logged in as the
    benchmark account, with the router running on every page it switches to (see
    tests/test_pages.py for why the pages folder needs this)."""
    import os

    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from db.engine import PROJECT_DIR

    original = PagesManager.__init__
    if not getattr(PagesManager, "_router_always", False):

        def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
            original(self, *args, **kwargs)
            PagesManager.uses_pages_directory = False

        PagesManager.__init__ = init  # type: ignore[method-assign]
        PagesManager._router_always = True  # type: ignore[attr-defined]
    os.environ["HUMAS_DATABASE_URL"] = url
    username, password = ensure_benchmark_user(url)
    app = AppTest.from_file(str(PROJECT_DIR / "dashboard.py"), default_timeout=timeout).run()
    app.text_input(key="masuk_username").input(username)
    app.text_input(key="masuk_sandi").input(password)
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app
