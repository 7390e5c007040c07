"""The examples in docstrings are true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES_WITH_EXAMPLES = [
    "analytics.numbers",
    "analytics.periods",
    "analytics.ranking",
    "db.reference",
    "etl.cells",
    "etl.problems",
    "etl.satker_match",
    "etl.file_safety",
    "db.potongan",
    "db.models",
]


@pytest.mark.parametrize("name", MODULES_WITH_EXAMPLES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
