"""A database that goes away mid-session and comes back (a private PostgreSQL server stopped and
started again on the same port while the app, a load and the command line use it), or that is
busy: a clear message instead of a traceback, nothing half stored, and the same upload stored
once the database can take it."""

from __future__ import annotations

import glob
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.engine import PROJECT_DIR, make_engine
from db.models import Laporan
from db.schema import prepare_database
from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, laporan
from tests.test_pages import ensure_account, open_app, show
from tests.tools import missing

SCRIPT = PROJECT_DIR / "scripts" / "postgres_sementara.sh"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GOOD = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2")]})


@dataclass
class Server:
    """A private PostgreSQL server that a test may stop and start again (same port, same data)."""

    folder: Path
    url: str

    def _run(self, action: str) -> str:
        done = subprocess.run(
            ["bash", str(SCRIPT), action, str(self.folder)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def stop(self) -> None:
        self._run("jeda")

    def start(self) -> None:
        self._run("lanjut")


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing("PostgreSQL (initdb)", "apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="humas-pg-putus-"))
    started = subprocess.run(["bash", str(SCRIPT), "start", str(folder)], capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    base = started.stdout.strip().split("=", 1)[1]
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text('CREATE DATABASE "humas"'))
    admin.dispose()
    url = make_url(base).set(database="humas").render_as_string(hide_password=False)
    prepare_database_and_dispose(url)
    try:
        yield Server(folder, url)
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", str(folder)], capture_output=True, timeout=120)


def prepare_database_and_dispose(url: str) -> None:
    engine = make_engine(url)
    prepare_database(engine)
    engine.dispose()


@pytest.fixture
def engine_on(server: Server) -> Iterator[Engine]:
    engine = make_engine(server.url)
    yield engine
    engine.dispose()


def _versions(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Laporan)) or 0


def test_a_load_while_the_server_is_down_is_refused_with_a_retry_message_and_succeeds_after(
    server: Server, engine_on: Engine
) -> None:
    before = _versions(engine_on)
    server.stop()
    try:
        refused = load_workbook(engine_on, GOOD, "mei.xlsx", uploader=Pelaku.baris_perintah(), now=RECEIVED)
    finally:
        server.start()
    assert refused.status == "rejected" and refused.coba_lagi
    assert "database tidak dapat dihubungi" in refused.message and "Unggah ulang berkas yang sama" in refused.message
    assert [p.message for p in refused.errors] == [refused.message]
    again = load_workbook(engine_on, GOOD, "mei.xlsx", uploader=Pelaku.baris_perintah(), now=RECEIVED)
    assert again.status in ("loaded", "unchanged") and not again.coba_lagi
    assert _versions(engine_on) == max(before, 1)


def test_the_command_line_says_the_database_is_unreachable_without_a_traceback(server: Server) -> None:
    server.stop()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "etl", "periksa"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=PROJECT_DIR,
            env={**os.environ, "HUMAS_DATABASE_URL": server.url},
        )
    finally:
        server.start()
    assert done.returncode == 1
    assert done.stderr.startswith("Gagal: tidak dapat membuka database") and "Traceback" not in done.stderr


def test_the_upload_page_shows_a_message_while_the_server_is_down_and_stores_once_it_is_back(
    server: Server, engine_on: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_account(server.url, "operator.kediri", "operator", "Polres Kediri Kota")
    app = show(open_app(server.url, monkeypatch, "operator.kediri"), "unggah")
    baru = laporan({"TB News": [activity(2, "https://halaman.id/1")]})
    app.file_uploader(key="unggah_berkas").set_value(("mei.xlsx", baru, XLSX)).run()
    assert "akan disimpan sebagai versi" in app.info[0].value
    before = _versions(engine_on)

    server.stop()
    try:
        app.button(key="unggah_simpan").click().run()
        assert not app.exception, [e.value for e in app.exception]
        assert any("database tidak dapat dihubungi" in e.value for e in app.error), [e.value for e in app.error]
        assert app.button(key="database_coba_lagi")
    finally:
        server.start()

    app.button(key="database_coba_lagi").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    assert _versions(engine_on) == before
    # The page was not drawn while the server was down, so the browser forgot the chosen file.
    app.file_uploader(key="unggah_berkas").set_value(("mei.xlsx", baru, XLSX)).run()
    app.button(key="unggah_simpan").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("tersimpan" in s.value for s in app.success)
    assert _versions(engine_on) == before + 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_save_refused_while_the_database_is_busy_says_so_and_can_be_pressed_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("db.engine.SQLITE_BUSY_TIMEOUT_MS", 300)  # wait 0.3 s for the write lock, not 30 s
    url = engine.url.render_as_string(hide_password=False)
    ensure_account(url, "operator.kediri", "operator", "Polres Kediri Kota")
    app = show(open_app(url, monkeypatch, "operator.kediri"), "unggah")
    app.file_uploader(key="unggah_berkas").set_value(("mei.xlsx", GOOD, XLSX)).run()

    blocker = sqlite3.connect(engine.url.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        app.button(key="unggah_simpan").click().run()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert not app.exception and not app.error, [e.value for e in app.error]
    (busy,) = [w.value for w in app.warning]
    assert "database sedang sibuk" in busy and "Unggah ulang berkas yang sama" in busy
    assert _versions(engine) == 0

    app.button(key="unggah_simpan").click().run()
    assert any("versi 1 tersimpan" in s.value for s in app.success)
    assert _versions(engine) == 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_upload_that_waited_in_vain_for_the_write_lock_is_refused_after_one_wait(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("db.engine.SQLITE_BUSY_TIMEOUT_MS", 1000)
    waiting = make_engine(engine.url.render_as_string(hide_password=False))  # with the 1 s busy timeout
    blocker = sqlite3.connect(engine.url.database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        start = time.perf_counter()
        result = load_workbook(waiting, GOOD, "mei.xlsx", uploader=Pelaku.baris_perintah(), now=RECEIVED)
        waited = time.perf_counter() - start
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        waiting.dispose()
    assert result.coba_lagi and "database sedang sibuk" in result.message
    assert 1.0 <= waited < 2.5  # the busy timeout once: waiting three times would only lengthen the queue
    assert _versions(engine) == 0
