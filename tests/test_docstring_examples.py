"""The examples in docstrings are true: every module of the app that has one is run."""

from __future__ import annotations

import doctest
import importlib

import pytest

from db.engine import PROJECT_DIR

PACKAGES = ("analytics", "cli", "db", "etl", "exports", "services", "ui")
MODULES_WITH_EXAMPLES = sorted(
    ".".join(path.relative_to(PROJECT_DIR).with_suffix("").parts)
    for package in PACKAGES
    for path in (PROJECT_DIR / package).rglob("*.py")
    if ">>> " in path.read_text(encoding="utf-8") and "migrations" not in path.parts
)


def test_the_examples_are_found() -> None:
    assert {"analytics.periods", "analytics.nama", "etl.cells", "db.models"} <= set(MODULES_WITH_EXAMPLES)


@pytest.mark.parametrize("name", MODULES_WITH_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
