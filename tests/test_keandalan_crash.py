"""A load process killed with SIGKILL at a random moment (a server restarted mid-upload): the
database stays consistent, every upload the process reported as stored is there, none is half
written, and loading the same files again stores each exactly once.

The process is the real command line (``python -m etl load`` with its worker processes), killed
as a whole process group; each round kills it a random moment after a random number of its
files reached the database.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import PROJECT_DIR
from db.konsistensi import periksa_konsistensi
from db.models import Laporan, Satker, Unggahan
from testdata.workbooks import activity, laporan, rewritten

ROUNDS = 3
FILES_PER_ROUND = 5
ROWS = 1_500  # per sheet, in three sheets: each store takes a noticeable moment
BASE_SATKER = "Polres Kediri Kota"
KILL_WITHIN_SECONDS = 0.15


@pytest.fixture(scope="module")
def big_report() -> bytes:
    rows = {
        sheet: [activity(1 + j % 28, f"https://bukti.id/SATKER/{k}/{j}") for j in range(ROWS)]
        for k, sheet in enumerate(("TB News", "IPSE", "Link Amplifikasi"))
    }
    return laporan(rows, satker=BASE_SATKER)


def _satker_names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(session.scalars(select(Satker.nama).order_by(Satker.id)))


def _write_round(folder: Path, base: bytes, names: list[str], round_: int) -> dict[str, str]:
    """One report per satker (own links per round), written to ``folder``; file name → sha256."""
    folder.mkdir()
    written = {}
    for index, nama in enumerate(names):
        data = rewritten(base, {BASE_SATKER: nama, "SATKER": f"r{round_}s{index}"})
        path = folder / f"{index:02d}-{nama.replace(' ', '_')}.xlsx"
        path.write_bytes(data)
        written[path.name] = hashlib.sha256(data).hexdigest()
    return written


def _load_command(url: str, folder: Path, log: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "HUMAS_DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(folder)],
        cwd=PROJECT_DIR,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=log.open("w"),
        start_new_session=True,
    )


def _load_and_kill(
    engine: Engine, folder: Path, shas: dict[str, str], after: int, delay: float, log: Path
) -> list[str]:
    """Start the load, and SIGKILL its process group ``delay`` seconds after the database holds
    ``after`` of its files; the names of the files it reported as stored before it died."""
    process = _load_command(engine.url.render_as_string(hide_password=False), folder, log)
    stored: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("✓ "):
                stored.append(line[2:].split(":", 1)[0])

    reader = threading.Thread(target=read)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while sum(_stored_versions(engine, shas).values()) < after:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.005)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(60)
        reader.join(60)
    return list(stored)


def _stored_versions(engine: Engine, shas: dict[str, str]) -> dict[str, int]:
    """File name → how many stored report versions carry that file's sha256."""
    with Session(engine) as session:
        found = list(session.scalars(select(Unggahan.sha256).join(Laporan, Laporan.unggahan_id == Unggahan.id)))
    return {name: found.count(sha) for name, sha in shas.items()}


def _consistent(engine: Engine) -> None:
    with Session(engine) as session:
        hasil = periksa_konsistensi(session)
    assert hasil.konsisten, [p.pesan for p in hasil.penyimpangan]


def test_a_load_killed_at_random_moments_leaves_a_consistent_database_and_loads_again(
    engine: Engine, big_report: bytes, tmp_path: Path
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    names = _satker_names(engine)
    seed = random.randrange(1_000_000)
    chooser = random.Random(seed)
    interrupted = 0
    for round_ in range(ROUNDS):
        round_names = names[round_ * FILES_PER_ROUND : (round_ + 1) * FILES_PER_ROUND]
        folder = tmp_path / f"putaran{round_}"
        shas = _write_round(folder, big_report, round_names, round_)
        # The first round kills as soon as one file landed, so at least one kill is mid-load
        # however fast the rest goes; the others kill at random moments.
        after, delay = (
            (1, 0.0) if round_ == 0 else (chooser.randrange(1, len(shas)), chooser.uniform(0, KILL_WITHIN_SECONDS))
        )
        acknowledged = _load_and_kill(engine, folder, shas, after, delay, tmp_path / f"putaran{round_}.log")
        interrupted += len(acknowledged) < len(shas)

        after_kill = _stored_versions(engine, shas)
        assert all(after_kill[name] == 1 for name in acknowledged), (seed, acknowledged, after_kill)
        assert all(count <= 1 for count in after_kill.values()), (seed, after_kill)
        _consistent(engine)

        again = subprocess.run(
            [sys.executable, "-m", "etl", "load", str(folder)],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "HUMAS_DATABASE_URL": url},
        )
        assert again.returncode == 0, (seed, again.stdout, again.stderr)
        assert _stored_versions(engine, shas) == dict.fromkeys(shas, 1), seed
        _consistent(engine)
    assert interrupted, f"no round was killed before its last file was stored (seed {seed})"
