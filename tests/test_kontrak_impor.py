"""The import contracts in pyproject.toml (lint-imports) hold on the tree, and they bite: a copy of
the tree with one deliberate violation fails them, naming the contract."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from db.engine import PROJECT_DIR

LINT_IMPORTS = [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()"]
PACKAGES = ("pages", "cli", "ui", "exports", "services", "etl", "db", "analytics", "testdata", "tests", "benchmarks")


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LINT_IMPORTS, "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_tree(target: Path) -> Path:
    shutil.copy(PROJECT_DIR / "pyproject.toml", target)
    for package in PACKAGES:
        shutil.copytree(PROJECT_DIR / package, target / package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return target


def test_the_tree_keeps_every_contract() -> None:
    result = _lint_imports(PROJECT_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("analytics/angka.py", "import sqlalchemy", "analytics murni"),
        ("db/queries.py", "import services.peringkat", "Lapisan"),
        ("services/tabel.py", "import streamlit", "Streamlit hanya di ui dan pages"),
        ("etl/loader.py", "from sqlalchemy.orm import Session", "SQLAlchemy dan Alembic hanya di db"),
        ("ui/data.py", "import testdata.workbooks", "testdata hanya untuk tests dan benchmarks"),
        ("testdata/workbooks.py", "import tests.databases", "Tidak ada yang mengimpor tests"),
    ],
)
def test_a_deliberate_violation_breaks_its_contract(tmp_path: Path, module: str, line: str, contract: str) -> None:
    tree = _copy_of_the_tree(tmp_path)
    with open(tree / module, "a", encoding="utf-8") as handle:
        handle.write(f"\n{line}  # the violation this test plants\n")
    result = _lint_imports(tree)
    assert result.returncode != 0, result.stdout
    broken = result.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken, result.stdout


def test_the_router_imports_only_ui_services_analytics_and_streamlit() -> None:
    """dashboard.py is a script at the top, not a package, so lint-imports cannot see it."""
    tree = ast.parse((PROJECT_DIR / "dashboard.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert {name.split(".")[0] for name in imported} <= {"typing", "streamlit", "ui", "services", "analytics"}
