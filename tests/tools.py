"""Outside tools the tests need (PostgreSQL, Chromium, LibreOffice): skipped on a developer's
machine without them, but a failure under CI, so a missing install never passes unnoticed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from typing import NoReturn

import pytest


def missing(what: str, install: str) -> NoReturn:
    """Skip locally, fail under CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} tidak tersedia di CI: {install}")
    pytest.skip(f"{what} tidak tersedia ({install})")


def require_program(*names: str, install: str) -> str:
    """The path of the first of ``names`` on PATH."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    missing(names[0], install)


def run_program(command: list[str], timeout: float, what: str) -> subprocess.CompletedProcess[str]:
    """Run an outside program in a session of its own, so that a hung child (soffice.bin under
    LibreOffice's oosplash wrapper) is killed with it; a timeout fails the test."""
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{what} tidak selesai dalam {timeout} detik")
    return subprocess.CompletedProcess(command, process.returncode, out, err)
