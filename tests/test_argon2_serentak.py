"""Many logins at the same second keep the app's memory bounded: at most ``HASH_SERENTAK`` Argon2
computations (64 MiB each) run at once per process, and importing the accounts module computes
none (docs/BENCHMARKS.md, "Banyak penonton")."""

from __future__ import annotations

import subprocess
import sys

from db.akun import HASH_SERENTAK
from db.engine import PROJECT_DIR

ARGON2_MIB = 64
LOGINS = 8

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
