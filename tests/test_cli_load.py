"""``python -m etl template`` and ``load``: exit codes, JSON shape, folders, annotated copies."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cli.main import main
from db.engine import PROJECT_DIR
from testdata.workbooks import activity, laporan

GOOD = laporan({"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/1")]})
BAD = laporan({"TB News": [activity(2, "javascript:alert(1)")]})


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUMAS_DATABASE_URL", f"sqlite:///{tmp_path}/cli.sqlite")
    reports = tmp_path / "laporan"
    reports.mkdir()
    return reports


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120
    )


def test_template_writes_the_prefilled_workbook(folder: Path) -> None:
    target = folder / "templat.xlsx"
    result = CliRunner().invoke(
        main, ["template", "--satker", "polres kediri kota", "--periode", "2024-05", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert (book["Identitas"]["B2"].value, book["Identitas"]["B3"].value) == ("Polres Kediri Kota", "Mei 2024")


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--satker", "Polres Kedir", "--periode", "2024-05"], "Mungkin maksud Anda"),
        (["--satker", "Polres Kediri", "--periode", "Mei"], "tidak dapat dibaca"),
    ],
)
def test_template_usage_errors_exit_2(folder: Path, args: list[str], phrase: str) -> None:
    result = CliRunner().invoke(main, ["template", *args, "-o", str(folder / "t.xlsx")])
    assert result.exit_code == 2 and phrase in result.output


def test_load_json_shape_and_exit_codes(folder: Path) -> None:
    (folder / "baik.xlsx").write_bytes(GOOD)
    (folder / "rusak.xlsx").write_bytes(BAD)
    first = CliRunner().invoke(main, ["load", str(folder / "baik.xlsx"), "--json"])
    assert first.exit_code == 0
    (loaded,) = json.loads(first.output)
    assert loaded == {
        "file": "baik.xlsx",
        "status": "loaded",
        "kind": "laporan_bulanan",
        "satker": "Polres Kediri Kota",
        "periode": "2024-05",
        "counts": {**loaded["counts"], "tb_news": 1},
        "errors": [],
        "warnings": [{"sheet": "TB News", "cell": "E3", "message": "Tautan sama dengan baris 2; dihitung sekali."}],
    }
    second = CliRunner().invoke(main, ["load", str(folder / "baik.xlsx"), str(folder / "rusak.xlsx"), "--json"])
    assert second.exit_code == 1
    statuses = [(item["file"], item["status"]) for item in json.loads(second.output)]
    assert statuses == [("baik.xlsx", "unchanged"), ("rusak.xlsx", "rejected")]
    assert json.loads(second.output)[1]["errors"][0]["cell"] == "E2"


def test_load_a_folder_prints_a_summary(folder: Path) -> None:
    (folder / "a.xlsx").write_bytes(GOOD)
    (folder / "b.xlsx").write_bytes(BAD)
    (folder / "catatan.txt").write_text("bukan laporan")
    result = CliRunner().invoke(main, ["load", str(folder)])
    assert result.exit_code == 1
    assert "2 berkas: 1 dimuat, 0 tidak berubah, 1 ditolak." in result.output
    assert "KESALAHAN TB News!E2" in result.output


def test_anotasi_writes_the_marked_copy_next_to_the_input(folder: Path) -> None:
    (folder / "b.xlsx").write_bytes(BAD)
    result = CliRunner().invoke(main, ["load", str(folder / "b.xlsx"), "--anotasi"])
    marked = folder / "b.kesalahan.xlsx"
    assert result.exit_code == 1 and marked.exists()
    book = openpyxl.load_workbook(io.BytesIO(marked.read_bytes()))
    assert book.sheetnames[0] == "Kesalahan"
    assert "bukan alamat web" in book["TB News"]["E2"].comment.text
    again = CliRunner().invoke(main, ["load", str(folder)])
    assert "b.kesalahan.xlsx" not in again.output


def test_anotasi_writes_no_copy_of_a_file_refused_by_the_safety_checks(folder: Path) -> None:
    (folder / "jauh.xlsx").write_bytes(laporan(edit=lambda book: book["IPSE"].__setitem__("XFD100000", "x")))
    result = CliRunner().invoke(main, ["load", str(folder / "jauh.xlsx"), "--anotasi"])
    assert result.exit_code == 1 and "sampai sel XFD100000" in result.output
    assert not (folder / "jauh.kesalahan.xlsx").exists()


def test_missing_file_is_a_usage_error(folder: Path) -> None:
    assert CliRunner().invoke(main, ["load", str(folder / "tidak-ada.xlsx")]).exit_code == 2


def test_a_file_that_is_no_workbook_never_prints_a_traceback(folder: Path) -> None:
    (folder / "foto.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (folder / "zip.xlsx").write_bytes(b"PK\x03\x04" + b"\xff" * 200)
    result = _run("load", str(folder / "foto.xlsx"), str(folder / "zip.xlsx"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "2 berkas: 0 dimuat, 0 tidak berubah, 2 ditolak." in result.stdout


def test_load_json_carries_each_automatic_fix_as_a_warning_with_sheet_and_cell(folder: Path) -> None:
    fixed = laporan(
        {"TB News": [(None, "Senin, 6 Mei 2024", "x", "IG", "instagram.com/p/AAA1"), ("TOTAL", "", "", "", 1)]}
    )
    (folder / "operator.xlsx").write_bytes(fixed)
    result = CliRunner().invoke(main, ["load", str(folder / "operator.xlsx"), "--json"])
    assert result.exit_code == 0, result.output
    (loaded,) = json.loads(result.output)
    assert loaded["status"] == "loaded" and loaded["counts"]["tb_news"] == 1
    assert [(w["sheet"], w["cell"]) for w in loaded["warnings"]] == [
        ("TB News", "A3"),
        ("TB News", "B2"),
        ("TB News", "E2"),
        ("TB News", "D2"),
    ]
    assert "https://" in loaded["warnings"][2]["message"]
