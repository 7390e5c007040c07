"""Files written by a different program than openpyxl load the same.

Operators fill the template in Excel, LibreOffice or WPS and save as .xlsx, .xls or .ods. One
report built with openpyxl is converted by LibreOffice headless (once per module) into .ods,
.xls (Excel 97) and an .xlsx re-saved by LibreOffice; each conversion must load exactly like
the original: the same counts, the same activity rows, the same warnings, and for a broken
report the same errors. LibreOffice writes whole numbers as floats (or BIFF integers) and gives
cells the column's date format, so these tests catch a reader that depends on openpyxl's output.

Needs LibreOffice (Debian: ``apt-get install --no-install-recommends libreoffice-calc-nogui``);
without it the module is skipped locally but fails under CI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl.workbook import Workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import Aktivitas, Laporan
from db.schema import prepare_database
from etl.loader import load_workbook
from etl.results import LoadResult
from testdata.workbooks import RECEIVED, activity, audit_actions, laporan, snapshot
from tests.databases import DatabaseFactory
from tests.tools import require_program, run_program

TB, IG_SHEET, IPSE, SPIT = "TB News", "Link Amplifikasi", "IPSE", "SPIT Konten"
CONVERT_TIMEOUT = 180  # seconds; a cold start with a fresh profile takes a few seconds

# Extension → LibreOffice output filter (``--convert-to ext:filter``) and the file's first bytes.
FORMATS = {
    "ods": "calc8",
    "xls": "MS Excel 97",
    "xlsx": "Calc MS Excel 2007 XML",
}
MAGIC = {"ods": b"PK\x03\x04", "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xlsx": b"PK\x03\x04"}


def require_soffice() -> str:
    """The LibreOffice binary, or skip (locally) / fail (under CI) without one."""
    return require_program("soffice", "libreoffice", install="pasang paket libreoffice-calc-nogui")


def _identitas(book: Workbook) -> None:
    """Identitas as an operator might leave it: odd spacing and case, Periode as a date cell."""
    book["Identitas"]["B2"] = "  polres KEDIRI   kota"
    book["Identitas"]["B3"] = dt.datetime(2024, 5, 1)


def _valid_report() -> bytes:
    return laporan(
        {
            TB: [
                activity(1, "https://tribratanews.jatim.polri.go.id/berita/1", "twitter", "Patroli dialogis"),
                (2, "03/05/2024", "Tanggal ditulis sebagai teks", "Facebook", "https://a.id/tb/2"),
                activity(3, "https://tribratanews.jatim.polri.go.id/berita/1", judul="Tautan ganda"),  # E4
                (4, 45415, 12345, "INSTAGRAM", "https://a.id/tb/4?x=1&y=2"),  # serial date, numeric judul
                (None, None, None, None, None),
                activity(31, "http://a.id/tb/31", "", ""),
            ],
            IG_SHEET: [activity(day, f"https://www.instagram.com/p/{day}", "tikTok") for day in (5, 6, 7)],
            IPSE: [activity(15, "https://a.id/ipse/15", "YouTube", "Ä ünïcode — “kutip” & <tag>")],
            SPIT: [(1, dt.date(2024, 5, 20), None, None, "https://a.id/spit/20")],
        },
        operator="Bripka Contoh",
        edit=_identitas,
    )


def _broken_report() -> bytes:
    return laporan(
        {
            TB: [
                activity(2, "javascript:alert(1)"),
                activity(3, "https://a.id/ok"),
                (3, "31/02/2024", "", "", "https://a.id/3"),
            ],
            IG_SHEET: [activity(2, "https://a.id/ig", "myspace")],
        },
        satker="Polres Antah Berantah",
    )


REPORTS = {"laporan": _valid_report, "rusak": _broken_report}
BROKEN_ERRORS = {("Identitas", "B2"), (TB, "E2"), (TB, "B4"), (IG_SHEET, "D2")}


class LibreOffice:
    """Converts the module's reports on first use and keeps the results (one soffice run per format)."""

    def __init__(self, soffice: str, workdir: Path) -> None:
        self.soffice = soffice
        self.workdir = workdir
        self.profile = (workdir / "profil").as_uri()
        self.originals = {name: build() for name, build in REPORTS.items()}
        self.sources: list[Path] = []
        for name, data in self.originals.items():
            path = workdir / f"{name}.xlsx"
            path.write_bytes(data)
            self.sources.append(path)
        self._converted: dict[str, dict[str, bytes]] = {}

    def converted(self, name: str, fmt: str) -> bytes:
        if fmt not in self._converted:
            self._converted[fmt] = self._convert(fmt)
        return self._converted[fmt][name]

    def _convert(self, fmt: str) -> dict[str, bytes]:
        outdir = self.workdir / fmt
        outdir.mkdir()
        command = [
            self.soffice,
            f"-env:UserInstallation={self.profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            f"{fmt}:{FORMATS[fmt]}",
            "--outdir",
            str(outdir),
            *map(str, self.sources),
        ]
        process = run_program(command, CONVERT_TIMEOUT, f"LibreOffice (konversi ke .{fmt})")
        out, err = process.stdout, process.stderr
        result = {}
        for source in self.sources:
            target = outdir / f"{source.stem}.{fmt}"
            # soffice exits 0 even when the export fails, so the file itself is the check.
            if not target.is_file() or target.stat().st_size == 0:
                pytest.fail(f"LibreOffice gagal menulis {target.name} (kode {process.returncode}):\n{out}\n{err}")
            data = target.read_bytes()
            assert data.startswith(MAGIC[fmt]) and data != self.originals[source.stem], f"{target.name} bukan .{fmt}"
            result[source.stem] = data
        return result


@pytest.fixture(scope="module")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    return LibreOffice(require_soffice(), tmp_path_factory.mktemp("libreoffice"))


@pytest.fixture
def second_engine(databases: DatabaseFactory) -> Iterator[Engine]:
    """A second migrated database on the same backend as ``engine``, for the openpyxl original."""
    engine = make_engine(databases.new_url())
    prepare_database(engine)
    yield engine
    engine.dispose()


def activity_rows(engine: Engine) -> set[tuple[Any, ...]]:
    with Session(engine) as session:
        query = select(
            Aktivitas.kategori_kode,
            Aktivitas.baris,
            Aktivitas.tanggal,
            Aktivitas.url,
            Aktivitas.platform,
            Aktivitas.judul,
        )
        return {tuple(row) for row in session.execute(query)}


def identitas(engine: Engine) -> list[tuple[Any, ...]]:
    with Session(engine) as session:
        query = select(Laporan.satker_id, Laporan.periode, Laporan.nama_operator, Laporan.status)
        return [tuple(row) for row in session.execute(query)]


def locations(result: LoadResult, tingkat: str) -> set[tuple[str, str]]:
    return {(p.sheet, p.cell) for p in result.problems if p.tingkat == tingkat}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_converted_report_loads_like_the_original(
    fmt: str, libreoffice: LibreOffice, engine: Engine, second_engine: Engine
) -> None:
    original = load_workbook(second_engine, libreoffice.originals["laporan"], "laporan.xlsx", now=RECEIVED)
    converted = load_workbook(engine, libreoffice.converted("laporan", fmt), f"laporan.{fmt}", now=RECEIVED)

    assert original.status == "loaded", [p.message for p in original.errors]
    assert converted.status == "loaded", [f"{p.lokasi}: {p.message}" for p in converted.errors]
    assert (converted.kind, converted.satker, converted.periode) == ("laporan_bulanan", "Polres Kediri Kota", "2024-05")
    assert original.counts == {
        **dict.fromkeys(original.counts, 0),
        "tb_news": 4,
        "link_amplifikasi": 3,
        "ipse": 1,
        "spit_konten": 1,
    }
    assert converted.counts == original.counts

    rows = activity_rows(engine)
    assert rows == activity_rows(second_engine)
    assert ("tb_news", 3, dt.date(2024, 5, 3), "https://a.id/tb/2", "Facebook", "Tanggal ditulis sebagai teks") in rows
    assert ("tb_news", 5, dt.date(2024, 5, 3), "https://a.id/tb/4?x=1&y=2", "Instagram", "12345") in rows
    assert (
        "tb_news",
        2,
        dt.date(2024, 5, 1),
        "https://tribratanews.jatim.polri.go.id/berita/1",
        "Website",  # written "X": the link's host decides the platform (README, "Isian operator")
        "Patroli dialogis",
    ) in rows
    assert identitas(engine) == identitas(second_engine)
    assert identitas(engine)[0][1:] == (dt.date(2024, 5, 1), "Bripka Contoh", "aktif")

    # the shared link (E4), and the platforms the links' hosts decided over "twitter", "X" and "tikTok"
    platform_dari_host = {(TB, "D2"), (TB, "D4"), (IG_SHEET, "D2"), (IG_SHEET, "D3"), (IG_SHEET, "D4")}
    assert locations(original, "warning") == {(TB, "E4")} | platform_dari_host
    assert locations(converted, "warning") == locations(original, "warning")
    assert [p.message for p in converted.warnings] == [p.message for p in original.warnings]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_converted_broken_report_is_rejected_at_the_same_cells(
    fmt: str, libreoffice: LibreOffice, engine: Engine, second_engine: Engine
) -> None:
    original = load_workbook(second_engine, libreoffice.originals["rusak"], "rusak.xlsx", now=RECEIVED)
    before = snapshot(engine)
    converted = load_workbook(engine, libreoffice.converted("rusak", fmt), f"rusak.{fmt}", now=RECEIVED)

    assert original.status == converted.status == "rejected"
    assert locations(original, "error") == BROKEN_ERRORS
    assert locations(converted, "error") == locations(original, "error")
    assert sorted(p.message for p in converted.errors) == sorted(p.message for p in original.errors)
    assert locations(converted, "warning") == locations(original, "warning")
    assert snapshot(engine) == before
    assert audit_actions(engine)[-1] == "unggah_ditolak"
