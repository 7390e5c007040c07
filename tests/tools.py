"""Outside tools the tests need (PostgreSQL, Chromium, LibreOffice): skipped on a developer's
machine without them, but a failure under CI, so a missing install never passes unnoticed."""

from __future__ import annotations

import os
import shutil
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
