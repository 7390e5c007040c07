"""``python -m etl load`` with sheets ``Target`` and ``Kelompok``: all or nothing, cell-level errors,
the documented JSON; on both databases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from analytics.target import Target
from cli.main import main
from db.kelompok import cari_kelompok, daftar_kelompok
from db.reference import find_satker
from db.target import daftar_target_tersimpan
from etl.loader import load_workbook
from etl.rules_target import KELOMPOK_HEADER, SHEET_KELOMPOK, SHEET_TARGET, TARGET_HEADER
from testdata.workbooks import save

D = dt.date
TARGETS = [
    ["TB News", "semua", "", 20, "2024-01"],
    ["tb_news", "tipe", "Polresta", 30, "Mei 2024"],
    ["kecepatan_laporan", "satker", "Polres Batu", "48 jam", "2024-01"],
]
GROUPS = [["Zona Selatan", "Polres Batu"], ["Zona Selatan", "Polresta Malang Kota"], ["zona  selatan", "Polres Batu"]]


def workbook(sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[Any]]]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, (header, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    return save(book)


GOOD = workbook({SHEET_TARGET: (TARGET_HEADER, TARGETS), SHEET_KELOMPOK: (KELOMPOK_HEADER, GROUPS)})


def test_targets_and_groups_are_stored_together(engine: Engine) -> None:
    result = load_workbook(engine, GOOD, "target.xlsx")
    assert (result.status, result.kind, result.counts) == ("loaded", "target_kelompok", {"target": 3, "kelompok": 1})
    assert [w.lokasi for w in result.warnings] == ["Kelompok!A4", "Kelompok!B4"]
    assert "dianggap sama dengan “Zona Selatan”" in result.warnings[0].message
    with Session(engine) as session:
        batu = find_satker(session, "Polres Batu").id  # type: ignore[union-attr]
        malang = find_satker(session, "Polresta Malang Kota").id  # type: ignore[union-attr]
        assert {item.target for item in daftar_target_tersimpan(session)} == {
            Target("tb_news", "semua", D(2024, 1, 1), 20),
            Target("tb_news", "tipe", D(2024, 5, 1), 30, tipe="Polresta"),
            Target("kecepatan_laporan", "satker", D(2024, 1, 1), 48, satker_id=batu),
        }
        assert cari_kelompok(session, "zona selatan").anggota == {batu, malang}  # type: ignore[union-attr]
    again = load_workbook(engine, GOOD, "target.xlsx")
    assert again.status == "loaded" and "0 target baru, 0 target diubah" in again.message


def test_one_bad_cell_stores_nothing_and_names_every_problem(engine: Engine) -> None:
    bad = workbook(
        {
            SHEET_TARGET: (TARGET_HEADER, [*TARGETS, ["tb_news", "semua", "", 0, "2024-02"]]),
            SHEET_KELOMPOK: (KELOMPOK_HEADER, [*GROUPS, ["Polresta", "Polres Batu"]]),
        }
    )
    result = load_workbook(engine, bad, "target.xlsx")
    assert result.status == "rejected"
    assert [e.lokasi for e in result.errors] == ["Target!D5", "Kelompok!A5"]
    assert "bilangan bulat lebih dari 0" in result.errors[0].message
    with Session(engine) as session:
        assert daftar_target_tersimpan(session) == []
        assert len(daftar_kelompok(session)) == 4  # the built-in type groups only


def test_only_an_admin_may_load_targets(engine: Engine) -> None:
    pimpinan = Pelaku(None, "pimpinan", "pimpinan")
    result = load_workbook(engine, GOOD, "target.xlsx", uploader=pimpinan)
    assert result.status == "rejected" and "hanya admin" in result.errors[0].message


def test_cli_load_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUMAS_DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite")
    path = tmp_path / "kelompok.xlsx"
    path.write_bytes(workbook({SHEET_KELOMPOK: (KELOMPOK_HEADER, [["Zona Barat", "Polres Ngawi"]])}))
    output = CliRunner().invoke(main, ["load", str(path), "--json"])
    assert output.exit_code == 0, output.output
    assert json.loads(output.output) == [
        {
            "file": "kelompok.xlsx",
            "status": "loaded",
            "kind": "target_kelompok",
            "satker": None,
            "periode": None,
            "counts": {"target": 0, "kelompok": 1},
            "errors": [],
            "warnings": [],
        }
    ]
