"""The files of deploy/ as the tests run them: with this checkout's Python instead of the server's."""

from __future__ import annotations

import shlex
import sys

from db.engine import PROJECT_DIR

DEPLOY = PROJECT_DIR / "deploy"
SERVER_PYTHON = "/opt/humas/.venv/bin/python"


def _settings(unit: str, key: str) -> list[str]:
    lines = (DEPLOY / unit).read_text(encoding="utf-8").splitlines()
    return [line.removeprefix(f"{key}=") for line in lines if line.startswith(f"{key}=")]


def unit_command(unit: str, port: int | None = None) -> list[str]:
    """The ``ExecStart`` of a unit in deploy/, run with this test's Python (and ``port`` for ``%i``)."""
    command = shlex.split(_settings(unit, "ExecStart")[0])
    assert command[0] == SERVER_PYTHON
    return [sys.executable, *(part.replace("%i", str(port)) for part in command[1:])]


def unit_environment(unit: str) -> dict[str, str]:
    """The ``Environment=`` variables of a unit in deploy/, without ``HOME`` (the service's state
    folder, which does not exist where the tests run)."""
    pairs = dict(entry.split("=", 1) for entry in _settings(unit, "Environment"))
    pairs.pop("HOME", None)
    return pairs
