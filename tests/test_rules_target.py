"""Sheets ``Target`` and ``Kelompok``: every row checked, every problem named by sheet and cell in
Indonesian, all at once; workbooks built here and read by the app's own reader."""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import subprocess
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

import etl.tabel
from analytics.nama import SatkerDirectory, normalize_name
from analytics.target import Target
from db.engine import PROJECT_DIR
from db.queries import KategoriInfo, list_kategori, satker_name_index
from db.reference import REFERENCE_DIR
from etl.problems import Masalah
from etl.reader import open_workbook
from etl.rules_target import (
    KELOMPOK_HEADER,
    SHEET_KELOMPOK,
    SHEET_TARGET,
    TARGET_HEADER,
    KelompokDariSheet,
    TargetDariSheet,
    validate_kelompok,
    validate_target,
)
from testdata.workbooks import table

D = dt.date


def _csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _directory() -> SatkerDirectory:
    """Satker ids in the order of satker.csv; old names (satker_perubahan_nama.csv) find the renamed satker."""
    by_name = {normalize_name(row["nama"]): (i, row["nama"]) for i, row in enumerate(_csv("satker.csv"), start=1)}
    for rename in _csv("satker_perubahan_nama.csv"):
        satker_id = by_name[normalize_name(rename["nama_lama"])][0]
        by_name[normalize_name(rename["nama_lama"])] = by_name[normalize_name(rename["nama_baru"])] = (
            satker_id,
            rename["nama_baru"],
        )
    return SatkerDirectory(by_name)


DIRECTORY = _directory()
IDS = {name: satker_id for satker_id, name in DIRECTORY.by_name.values()}
KATEGORI = [
    KategoriInfo(
        row["kode"],
        row["nama_tampilan"],
        row["nama_tampilan"],
        row["satuan"],
        row["arah"],
        int(row["urutan"]),
        row["nama_sheet"] or None,
    )
    for row in _csv("kategori.csv")
]


def rows_of(sheet: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """The sheet as the loader will see it: an .xlsx written by openpyxl, read back by calamine."""
    return open_workbook(table(sheet, header, rows), "admin.xlsx").rows(sheet)


def targets(
    rows: Iterable[Sequence[Any]], header: Sequence[str] = TARGET_HEADER
) -> tuple[list[TargetDariSheet], list[Masalah]]:
    return validate_target(rows_of(SHEET_TARGET, header, rows), DIRECTORY, KATEGORI)


def kelompok(
    rows: Iterable[Sequence[Any]], header: Sequence[str] = KELOMPOK_HEADER
) -> tuple[list[KelompokDariSheet], list[Masalah]]:
    return validate_kelompok(rows_of(SHEET_KELOMPOK, header, rows), DIRECTORY)


def where(problems: list[Masalah]) -> list[tuple[str, str, str]]:
    return [(p.tingkat, p.sheet, p.cell) for p in problems]


def test_docstring_examples_of_the_table_helpers() -> None:
    result = doctest.testmod(etl.tabel)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------------------------
# Sheet Target
# ---------------------------------------------------------------------------------------------

GOOD_TARGETS = [
    ["tb_news", "semua", None, 20, "2024-01"],
    ["Terbanyak IPSE", "Tipe", "polresta", "1.200", "Mei 2024"],
    ["SPIT Konten", " SATKER ", "polres  jember", 15.0, dt.datetime(2024, 7, 19)],
    ["kecepatan_laporan", "semua", "", "48 jam", "2024-01"],
    ["Kecepatan Pengiriman Laporan Bulanan", "tipe", "Polres Pelabuhan", "36,5", "2024-03"],
    ["kecepatan_laporan", "satker", "Polrestabes Surabaya", 72, "2024-03"],
    ["SPIT Konten", "satker", "Polres Jember", "Berakhir", "2025-01"],
]


def test_every_accepted_spelling_becomes_a_target() -> None:
    records, problems = targets(GOOD_TARGETS)
    assert problems == []
    assert [r.baris for r in records] == [2, 3, 4, 5, 6, 7, 8]
    assert [r.target for r in records] == [
        Target(kategori="tb_news", lingkup="semua", berlaku_mulai=D(2024, 1, 1), nilai=20.0),
        Target(kategori="ipse", lingkup="tipe", berlaku_mulai=D(2024, 5, 1), nilai=1200.0, tipe="Polresta"),
        Target(
            kategori="spit_konten",
            lingkup="satker",
            berlaku_mulai=D(2024, 7, 1),
            nilai=15.0,
            satker_id=IDS["Polres Jember"],
        ),
        Target(kategori="kecepatan_laporan", lingkup="semua", berlaku_mulai=D(2024, 1, 1), nilai=48.0),
        Target(
            kategori="kecepatan_laporan",
            lingkup="tipe",
            berlaku_mulai=D(2024, 3, 1),
            nilai=36.5,
            tipe="Polres Pelabuhan",
        ),
        Target(
            kategori="kecepatan_laporan",
            lingkup="satker",
            berlaku_mulai=D(2024, 3, 1),
            nilai=72.0,
            satker_id=IDS["Polrestabes Surabaya"],
        ),
        Target(
            kategori="spit_konten",
            lingkup="satker",
            berlaku_mulai=D(2025, 1, 1),
            nilai=None,
            satker_id=IDS["Polres Jember"],
        ),
    ]


def test_target_columns_may_be_reordered() -> None:
    header = list(reversed(TARGET_HEADER))
    records, problems = targets([list(reversed(row)) for row in GOOD_TARGETS], header=header)
    assert problems == []
    assert [r.target for r in records] == [r.target for r in targets(GOOD_TARGETS)[0]]


@pytest.mark.parametrize(
    ("row", "cell", "phrase"),
    [
        (["TB Newz", "semua", None, 20, "2024-01"], "A2", "Kategori “TB Newz” tidak dikenal"),
        (["tb_news", "provinsi", None, 20, "2024-01"], "B2", "Lingkup “provinsi” tidak dikenal"),
        (["tb_news", "semua", "Polres Batu", 20, "2024-01"], "C2", "kosongkan Nilai Lingkup"),
        (["tb_news", "tipe", None, 20, "2024-01"], "C2", "wajib diisi untuk lingkup “tipe”: tulis tipe satker"),
        (["tb_news", "satker", " ", 20, "2024-01"], "C2", "wajib diisi untuk lingkup “satker”: tulis nama satker"),
        (
            ["tb_news", "tipe", "Polsek", 20, "2024-01"],
            "C2",
            "Tipe satker “Polsek” tidak dikenal. Pilih salah satu: Polres,",
        ),
        (["tb_news", "tipe", "Polres Jember", 20, "2024-01"], "C2", "Untuk satu satker, tulis Lingkup “satker”"),
        (["tb_news", "satker", "Polres Jembre", 20, "2024-01"], "C2", "Mungkin maksud Anda: Polres Jember"),
        (["tb_news", "semua", None, 0, "2024-01"], "D2", "bilangan bulat lebih dari 0"),
        (["tb_news", "semua", None, "12,5", "2024-01"], "D2", "bilangan bulat lebih dari 0"),
        (["tb_news", "semua", None, -3, "2024-01"], "D2", "bilangan bulat lebih dari 0"),
        (["tb_news", "semua", None, "banyak", "2024-01"], "D2", "bilangan bulat lebih dari 0"),
        (["tb_news", "semua", None, None, "2024-01"], "D2", "wajib diisi. Untuk mengakhiri target lingkup ini"),
        (["kecepatan_laporan", "semua", None, 0, "2024-01"], "D2", "lebih dari 0 dan paling banyak 744"),
        (["kecepatan_laporan", "semua", None, 1000, "2024-01"], "D2", "paling banyak 744 (31 hari)"),
        (["kecepatan_laporan", "semua", None, "dua hari", "2024-01"], "D2", "Target kecepatan “dua hari” tidak valid"),
        (["tb_news", "semua", None, 20, "kemarin"], "E2", "Periode “kemarin” tidak dapat dibaca"),
        (["tb_news", "semua", None, 20, None], "E2", "Periode wajib diisi"),
    ],
    ids=[
        "unknown-kategori",
        "unknown-lingkup",
        "semua-with-a-value",
        "tipe-without-value",
        "satker-without-value",
        "unknown-type",
        "satker-under-tipe",
        "unknown-satker",
        "zero",
        "decimal",
        "negative",
        "text",
        "blank-value",
        "zero-hours",
        "hours-beyond-a-month",
        "hours-in-words",
        "bad-month",
        "blank-month",
    ],
)
def test_target_errors_name_the_cell(row: list[Any], cell: str, phrase: str) -> None:
    good = ["ipse", "semua", None, 5, "2024-01"]
    records, problems = targets([good, row])
    assert where(problems) == [("error", SHEET_TARGET, cell.replace("2", "3"))]
    assert phrase in problems[0].message
    assert [r.baris for r in records] == [2]


def test_every_target_problem_is_reported_at_once() -> None:
    rows = [
        ["tb_news", "semua", None, 20, "2024-01"],
        ["TB Newz", "tipe", "Polsek", 20, "Mei"],
        ["ipse", "satker", "Polres Jembre", "0", "2024-02"],
        ["ipse", "semua", None, 10, "2024-02"],
    ]
    records, problems = targets(rows)
    assert where(problems) == [
        ("error", "Target", "A3"),
        ("error", "Target", "C3"),
        ("error", "Target", "E3"),
        ("error", "Target", "C4"),
        ("error", "Target", "D4"),
    ]
    assert [r.baris for r in records] == [2, 5]


def test_an_unknown_kategori_leaves_its_value_unjudged() -> None:
    """Hours or activities depend on the kategori: "36,5" is not also called a bad count."""
    _, problems = targets([["kecepatan laporan", "semua", None, "36,5", "2024-01"]])
    assert where(problems) == [("error", "Target", "A2")]


def test_the_same_target_twice_names_the_first_row() -> None:
    rows = [
        ["tb_news", "satker", "Polresta Tuban", 20, "2025-01"],
        ["ipse", "satker", "Polres Tuban", 20, "2025-01"],
        ["TB News", "satker", "Polres Tuban", 25, "Januari 2025"],
    ]
    records, problems = targets(rows)
    assert where(problems) == [("error", "Target", "A4")]
    assert "sudah ada di baris 2" in problems[0].message and "Januari 2025" in problems[0].message
    assert [r.target.satker_id for r in records] == [IDS["Polresta Tuban"]] * 2


def test_a_missing_target_column_is_an_error_for_the_sheet() -> None:
    header = [name for name in TARGET_HEADER if name != "Berlaku Mulai"]
    records, problems = targets([["tb_news", "semua", None, 20]], header=header)
    assert (records, where(problems)) == ([], [("error", "Target", "")])
    assert "Kolom “Berlaku Mulai” tidak ada di baris 1 sheet “Target”" in problems[0].message


def test_an_empty_target_sheet_is_an_error() -> None:
    records, problems = targets([[None] * 5])
    assert (records, where(problems)) == ([], [("error", "Target", "A2")])


# ---------------------------------------------------------------------------------------------
# Sheet Kelompok
# ---------------------------------------------------------------------------------------------


def test_groups_with_their_members_in_order() -> None:
    rows = [
        ["Zona Utara", "Polres Tuban"],
        ["Polres Besar", "Polrestabes Surabaya"],
        ["zona  utara", "Polres Bojonegoro"],
        ["Zona Utara", "Polresta Tuban"],
        [None, None],
        ["Polres Besar", "Polres Jember"],
        ["Zona Utara", "Polrestabes Surabaya"],
    ]
    groups, problems = kelompok(rows)
    assert groups == [
        KelompokDariSheet(
            "Zona Utara", (IDS["Polresta Tuban"], IDS["Polres Bojonegoro"], IDS["Polrestabes Surabaya"]), (2, 4, 8)
        ),
        KelompokDariSheet("Polres Besar", (IDS["Polrestabes Surabaya"], IDS["Polres Jember"]), (3, 7)),
    ]
    assert where(problems) == [("warning", "Kelompok", "A4"), ("warning", "Kelompok", "B5")]
    assert "“zona utara” dianggap sama dengan “Zona Utara” (baris 2)" in problems[0].message
    assert (
        "Polresta Tuban sudah tercantum di kelompok “Zona Utara” pada baris 2; dihitung sekali" in problems[1].message
    )


@pytest.mark.parametrize(
    ("row", "cell", "phrase"),
    [
        ([None, "Polres Batu"], "A3", "Nama kelompok wajib diisi"),
        (["polresta", "Polres Batu"], "A3", "“polresta” adalah tipe satker, yang sudah menjadi kelompok bawaan"),
        (["Polres  Pelabuhan", "Polres Batu"], "A3", "adalah tipe satker"),
        (["Z" * 101, "Polres Batu"], "A3", "terlalu panjang (101 karakter, batas 100)"),
        (["Zona Selatan", "Polres Batuu"], "B3", "Mungkin maksud Anda: Polres Batu"),
        (["Zona Selatan", None], "B3", "Satker kosong"),
    ],
    ids=["no-name", "a-type-name", "a-type-name-spaced", "long-name", "unknown-satker", "no-satker"],
)
def test_kelompok_errors_name_the_cell(row: list[Any], cell: str, phrase: str) -> None:
    groups, problems = kelompok([["Zona Selatan", "Polres Jember"], row])
    assert where(problems) == [("error", SHEET_KELOMPOK, cell)]
    assert phrase in problems[0].message
    assert groups == [KelompokDariSheet("Zona Selatan", (IDS["Polres Jember"],), (2,))]


def test_a_missing_kelompok_column_and_an_empty_sheet() -> None:
    groups, problems = kelompok([["Zona", "Polres Batu"]], header=["Nama Kelompok", "Satker"])
    assert (groups, where(problems)) == ([], [("error", "Kelompok", "")])
    assert "Kolom “Kelompok” tidak ada" in problems[0].message
    groups, problems = kelompok([])
    assert (groups, where(problems)) == ([], [("error", "Kelompok", "A2")])


# ---------------------------------------------------------------------------------------------
# With the satker and kategori of a real database, and free of the database layers
# ---------------------------------------------------------------------------------------------


def test_sheets_validate_against_the_reference_data_of_a_database(engine: Engine) -> None:
    with Session(engine) as session:
        directory = SatkerDirectory(satker_name_index(session))
        kategori = list_kategori(session)
    target_rows = rows_of(
        SHEET_TARGET, TARGET_HEADER, [["Terbanyak Input TB News", "satker", "polres tuban", 20, "2024-06"]]
    )
    records, problems = validate_target(target_rows, directory, kategori)
    assert problems == []
    assert records[0].target.satker_id == directory.match("Polresta Tuban")[0]  # type: ignore[index]
    group_rows = rows_of(
        SHEET_KELOMPOK, KELOMPOK_HEADER, [["Madura", "Polres Bangkalan"], ["Madura", "Polres Sumenep"]]
    )
    groups, problems = validate_kelompok(group_rows, directory)
    assert problems == []
    assert groups[0].anggota == tuple(directory.match(n)[0] for n in ("Polres Bangkalan", "Polresta Sumenep"))  # type: ignore[index]


def test_the_new_pure_modules_import_neither_streamlit_nor_sqlalchemy() -> None:
    code = (
        "import sys, analytics.agenda, analytics.kelompok, analytics.target, etl.rules_target, etl.tabel; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'sqlalchemy', 'pandas', 'db'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
