"""Contracts between the parts: categories, reference data, documented settings and commands."""

from __future__ import annotations

import csv
import importlib
import re

import click

from analytics.kategori import JUARA_UMUM, KECEPATAN, KODE_HITUNG, KODE_KATEGORI
from cli.main import main
from db.engine import PROJECT_DIR
from db.models import ARAH
from db.reference import REFERENCE_DIR
from etl.demo_data import BASE_MEAN
from etl.demo_data import PLATFORMS as DEMO_PLATFORMS
from etl.workbook_format import KATEGORI_SHEETS
from testdata.nasional import BAGIAN_KATEGORI

SHEET_PER_KODE = {  # the kategori codes and their report sheets, as the README documents them
    "link_amplifikasi": "Link Amplifikasi",
    "amplifikasi_narasi_positif": "Amplifikasi Narasi Positif",
    "narasi_berita_positif": "Narasi Berita Positif",
    "input_portal_humas": "Input Portal Humas",
    "ipse": "IPSE",
    "trending_topik": "Trending Topik",
    "tb_news": "TB News",
    "spit_raw_data": "SPIT Raw Data",
    "spit_konten": "SPIT Konten",
    "kecepatan_laporan": "",
}
README = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")


def _csv(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_kategori_has_a_label_a_direction_and_its_template_sheet() -> None:
    rows = {row["kode"]: row for row in _csv("kategori.csv")}
    assert set(rows) == set(SHEET_PER_KODE)
    for kode, row in rows.items():
        assert row["nama_tampilan"], kode
        assert row["satuan"], kode
        assert row["arah"] in ARAH, kode
        assert row["nama_sheet"] == SHEET_PER_KODE[kode], kode
    assert rows["kecepatan_laporan"]["arah"] == "lebih_rendah"
    assert {row["arah"] for kode, row in rows.items() if kode != "kecepatan_laporan"} == {"lebih_tinggi"}
    assert sorted(int(row["urutan"]) for row in rows.values()) == list(range(1, 11))


def test_every_satker_maps_to_a_known_polda() -> None:
    polda = {row["nama"] for row in _csv("polda.csv")}
    satker = _csv("satker.csv")
    assert len(satker) == 39
    assert all(row["polda"] in polda for row in satker)
    assert len({row["nama"] for row in satker}) == 39


def test_every_renamed_satker_exists_and_awards_name_known_satker() -> None:
    names = {row["nama"] for row in _csv("satker.csv")}
    assert all(row["nama_lama"] in names for row in _csv("satker_perubahan_nama.csv"))
    assert all(row["satker"] in names for row in _csv("penghargaan_rakernis_2024.csv"))
    assert {row["kategori"] for row in _csv("penghargaan_rakernis_2024.csv")} == set(SHEET_PER_KODE)


def test_every_environment_setting_is_documented() -> None:
    used = set()
    for folder in ("db", "etl", "analytics", "ui", "pages", "exports"):
        for path in (PROJECT_DIR / folder).rglob("*.py"):
            used |= set(re.findall(r"HUMAS_[A-Z_]+", path.read_text(encoding="utf-8")))
    used |= set(re.findall(r"HUMAS_[A-Z_]+", (PROJECT_DIR / "tests" / "databases.py").read_text(encoding="utf-8")))
    assert used, "no settings found: the scan is broken"
    assert {name for name in used if f"`{name}`" not in README} == set()


def test_every_command_line_command_is_documented() -> None:
    assert isinstance(main, click.Group)
    for name, command in main.commands.items():
        assert f"python -m etl {name}" in README, name
        for option in command.params:
            for flag in option.opts:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, f"{name} {flag}"


def test_the_kategori_codes_module_matches_the_reference_data() -> None:
    rows = sorted(_csv("kategori.csv"), key=lambda row: int(row["urutan"]))
    assert tuple(row["kode"] for row in rows) == KODE_KATEGORI
    assert tuple(row["kode"] for row in rows if row["nama_sheet"]) == KODE_HITUNG
    assert [row["kode"] for row in rows if row["arah"] == "lebih_rendah"] == [KECEPATAN]
    assert JUARA_UMUM not in KODE_KATEGORI


def test_every_table_per_count_kategori_names_exactly_the_count_codes() -> None:
    """Parameters spelled per kategori (sheet names, demo and national data rates) follow the codes."""
    for table in (KATEGORI_SHEETS, BASE_MEAN, DEMO_PLATFORMS, BAGIAN_KATEGORI):
        assert tuple(table) == KODE_HITUNG


def test_template_sheets_match_the_kategori_reference_data() -> None:
    rows = {row["kode"]: row["nama_sheet"] for row in _csv("kategori.csv") if row["nama_sheet"]}
    assert rows == KATEGORI_SHEETS
    assert list(rows) == list(KATEGORI_SHEETS)


DOCS = ("README.md", "docs/KEPUTUSAN.md", "docs/GLOSARIUM.md", "docs/BENCHMARKS.md")
CODE_PACKAGES = ("analytics", "benchmarks", "cli", "db", "etl", "exports", "services", "testdata", "ui")


def _named_in_docs() -> set[str]:
    return {
        name for doc in DOCS for name in re.findall(r"`([^`\s]+)`", (PROJECT_DIR / doc).read_text(encoding="utf-8"))
    }


def test_every_file_named_in_the_docs_exists() -> None:
    paths = {name.rstrip("/") for name in _named_in_docs() if re.fullmatch(r"[a-z_]+(/[a-z0-9_.-]+)+/?", name)}
    paths -= {"data/humas.sqlite"}  # made on the first start
    assert paths, "no paths found: the scan is broken"
    assert sorted(path for path in paths if not (PROJECT_DIR / path).exists()) == []


def test_every_module_and_function_named_in_the_docs_exists() -> None:
    dotted = {name for name in _named_in_docs() if re.fullmatch(rf"({'|'.join(CODE_PACKAGES)})(\.\w+)+", name)}
    assert dotted, "no code names found: the scan is broken"
    missing = []
    for name in sorted(dotted):
        parts = name.split(".")
        for split in range(len(parts), 0, -1):
            try:
                found: object = importlib.import_module(".".join(parts[:split]))
            except ModuleNotFoundError:
                continue
            try:
                for attribute in parts[split:]:
                    found = getattr(found, attribute)
            except AttributeError:
                missing.append(name)
            break
        else:
            missing.append(name)
    assert missing == []
