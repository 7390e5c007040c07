"""The files of deploy/ as the tests run them: with this checkout's Python instead of the server's."""

from __future__ import annotations

import shlex
import sys

from db.engine import PROJECT_DIR

DEPLOY = PROJECT_DIR / "deploy"
SERVER_PYTHON = "/opt/humas/.venv/bin/python"


def unit_command(unit: str, port: int | None = None) -> list[str]:
    """The ``ExecStart`` of a unit in deploy/, run with this test's Python (and ``port`` for ``%i``)."""
    lines = (DEPLOY / unit).read_text(encoding="utf-8").splitlines()
    command = shlex.split(next(line for line in lines if line.startswith("ExecStart=")).removeprefix("ExecStart="))
    assert command[0] == SERVER_PYTHON
    return [sys.executable, *(part.replace("%i", str(port)) for part in command[1:])]
