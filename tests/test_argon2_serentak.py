"""Many logins at the same second: all get in, and the app's memory stays bounded, since at most
``HASH_SERENTAK`` Argon2 computations (64 MiB each) run at once per process; importing the accounts
module computes none (docs/BENCHMARKS.md, "Banyak penonton sekaligus")."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event
from sqlalchemy.orm import Session

import db.akun as akun
from analytics.izin import Pelaku
from db.akun import HASH_SERENTAK, HasilMasuk, masuk_ke_aplikasi, tambah_pengguna
from db.audit import daftar_audit
from db.engine import PROJECT_DIR, Engine
from db.reference import find_satker

ARGON2_MIB = 64
LOGINS = 8
SIMULTANEOUS = 12

# Runs in a fresh interpreter so that its high-water mark of resident memory (VmHWM) is its own.
_PROBE = """
import sys, threading

def vmhwm_mib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

import argon2, sqlalchemy.orm, analytics.izin, analytics.periods, db.audit, db.models  # what db.akun imports
before_import = vmhwm_mib()
from db.akun import _cocok, hash_kata_sandi
after_import = vmhwm_mib()
stored = hash_kata_sandi("pemanasan-123")  # the library and its first 64 MiB, before measuring
before = vmhwm_mib()
barrier = threading.Barrier({logins})

def login(i):
    barrier.wait()
    assert _cocok(stored, "pemanasan-123") and not _cocok(stored, f"salah-{{i}}")
    hash_kata_sandi(f"sandi-baru-{{i}}")

threads = [threading.Thread(target=login, args=(i,)) for i in range({logins})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(after_import - before_import, vmhwm_mib() - before)
"""


def test_simultaneous_logins_hold_at_most_the_bounded_argon2_memory() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(logins=LOGINS)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    import_mib, logins_mib = map(float, result.stdout.split())
    # Unbounded, eight threads would hold 8 x 64 MiB together (the library releases the GIL).
    assert HASH_SERENTAK < LOGINS
    assert logins_mib < (HASH_SERENTAK + 1) * ARGON2_MIB, logins_mib
    # Importing the module computes no hash: far less than one Argon2 memory block.
    assert import_mib < ARGON2_MIB / 2, import_mib


class _Hasher(PasswordHasher):
    """Argon2 as the app uses it, noting how many database connections the hashing thread holds."""

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self.held: Counter[int] = Counter()
        self.taken: list[int] = []
        event.listen(engine, "checkout", lambda *_: self.held.update([threading.get_ident()]))
        event.listen(engine, "checkin", lambda *_: self.held.subtract([threading.get_ident()]))

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.taken.append(self.held[threading.get_ident()])
        return super().verify(hash, password)


def test_many_simultaneous_logins_all_get_in_holding_no_connection_while_hashing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A login waiting for its turn at Argon2 holds no database connection: 50 leaders logging in
    at once would otherwise take the whole pool while queueing, and every page of every other
    session would wait for a connection ("database sedang sibuk")."""
    hasher = _Hasher(engine)
    monkeypatch.setattr(akun, "_hasher", hasher)
    with Session(engine) as session, session.begin():
        batu = find_satker(session, "Polres Batu")
        tambah_pengguna(session, Pelaku.baris_perintah(), "op.batu", "sandi-rahasia-77", "operator", "Op", batu.id)
    barrier = threading.Barrier(SIMULTANEOUS)
    results: list[HasilMasuk] = []

    def login(password: str) -> None:
        barrier.wait()
        results.append(masuk_ke_aplikasi(engine, "op.batu", password))

    passwords = ["sandi-rahasia-77"] * (SIMULTANEOUS - 2) + ["salah-sekali", "salah-lagi"]
    threads = [threading.Thread(target=login, args=(password,)) for password in passwords]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result.pelaku is not None for result in results) == [False] * 2 + [True] * (SIMULTANEOUS - 2)
    with Session(engine) as session:
        actions = Counter(c.aksi for c in daftar_audit(session))
    assert actions["masuk"] == SIMULTANEOUS - 2 and actions["masuk_gagal"] == 2
    assert len(hasher.taken) == SIMULTANEOUS and set(hasher.taken) == {0}, hasher.taken
