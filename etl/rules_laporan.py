"""Validation of the monthly report workbook (laporan bulanan satker).

Every problem is collected, none stops the others: Identitas, missing or renamed sheets, and
every category sheet. A sheet shaped exactly like the template whose rows are all plain is taken
whole (:func:`plain_sheet`); any other goes row by row through etl.baris_laporan, which reads
what operators really write and says, cell by cell, what it fixed or what is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from typing import Any
from zlib import crc32

from analytics.nama import SatkerDirectory
from analytics.periods import month_label, month_start, next_month
from analytics.tautan import kanonik_biasa
from db.models import kunci_tautan
from etl.baris_laporan import KonteksBaris, baca_sheet
from etl.cells import (
    MAX_TEXT,
    CellError,
    header_key,
    parse_periode,
    parse_satker,
    parse_text,
)
from etl.hyperlink import PetaHyperlink, baca_hyperlink
from etl.platform_alias import TabelPlatform, tabel_bawaan
from etl.problems import Masalah, cell_ref, error, warning
from etl.reader import Workbook
from etl.tata_letak import TataLetak, cari_tata_letak
from etl.workbook_format import (
    COL_TANGGAL,
    COL_TAUTAN,
    IDENTITAS_ROWS,
    KATEGORI_SHEETS,
    PLATFORMS,
    SHEET_IDENTITAS,
    SHEET_KESALAHAN,
    SHEET_PETUNJUK,
)

UNKNOWN = object()  # a platform outside the list, in plain_sheet
# The platform cells plain_sheet takes as they are: a name of the list in any case, or empty. A
# nickname ("twitter", "ig") is read row by row, which says what it was read as.
PLATFORM_OR_EMPTY: dict[str, str | None] = {name.casefold(): name for name in PLATFORMS} | {"": None}
TEMPLATE_HINT = "Unduh templat baru dari aplikasi dan salin isian ke sana."


AktivitasRecord = tuple[str, int, dt.date, str, str | None, str, str, int]
"""One valid activity row, in the order of :data:`AKTIVITAS_FIELDS`, with its link's key
(db.models.kunci_tautan of its canonical form, analytics.tautan.kanonik) computed where the rows
are validated. A plain tuple, not a named one:
the database driver binds plain tuples directly, and a named tuple cost a tenth of the insert."""
AKTIVITAS_FIELDS = ("kategori_kode", "baris", "tanggal", "judul", "platform", "url", "url_kanonik", "url_kunci")
_KUNCI = AKTIVITAS_FIELDS.index("url_kunci")


@dataclass
class LaporanBulanan:
    """What a valid monthly report contributes; ``satker``/``periode`` are also filled,
    when readable, for a rejected one so that the result can say whose report it was."""

    satker_id: int | None = None
    satker: str | None = None
    periode: dt.date | None = None
    nama_operator: str = ""
    aktivitas: list[AktivitasRecord] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Rows per kategori code, every kategori present."""
        return {**dict.fromkeys(KATEGORI_SHEETS, 0), **Counter(map(itemgetter(0), self.aktivitas))}

    def kunci_tautan(self) -> frozenset[int]:
        """The link keys of its rows (db.models.kunci_tautan), for recounting shared links."""
        return frozenset(map(itemgetter(_KUNCI), self.aktivitas))


def _cell_value(rows: list[list[Any]], row: int, column: int) -> Any:
    """Value at 1-based (row, column), ``""`` outside the sheet."""
    if row - 1 < len(rows) and column - 1 < len(rows[row - 1]):
        return rows[row - 1][column - 1]
    return ""


def _validate_identitas(
    workbook: Workbook, directory: SatkerDirectory, today: dt.date, laporan: LaporanBulanan
) -> list[Masalah]:
    if SHEET_IDENTITAS not in workbook.sheet_names:
        return [
            error(
                SHEET_IDENTITAS,
                "",
                f"Sheet “{SHEET_IDENTITAS}” tidak ada; di sana tertulis satker dan periode laporan. {TEMPLATE_HINT}",
            )
        ]
    rows = workbook.rows(SHEET_IDENTITAS)
    problems: list[Masalah] = []
    satker_cell = cell_ref(2, IDENTITAS_ROWS["Satker"])
    try:
        laporan.satker_id, laporan.satker = parse_satker(_cell_value(rows, IDENTITAS_ROWS["Satker"], 2), directory)
    except CellError as problem:
        problems.append(error(SHEET_IDENTITAS, satker_cell, str(problem)))
    periode_cell = cell_ref(2, IDENTITAS_ROWS["Periode"])
    try:
        periode = parse_periode(_cell_value(rows, IDENTITAS_ROWS["Periode"], 2))
    except CellError as problem:
        problems.append(error(SHEET_IDENTITAS, periode_cell, str(problem)))
    else:
        if periode > month_start(today):
            problems.append(
                error(
                    SHEET_IDENTITAS,
                    periode_cell,
                    f"Periode {month_label(periode)} belum terjadi. "
                    "Isi dengan bulan yang dilaporkan, misalnya bulan lalu.",
                )
            )
        else:
            laporan.periode = periode
    operator_cell = cell_ref(2, IDENTITAS_ROWS["Operator"])
    try:
        laporan.nama_operator = parse_text(_cell_value(rows, IDENTITAS_ROWS["Operator"], 2), "Nama operator")
    except CellError as problem:
        problems.append(error(SHEET_IDENTITAS, operator_cell, str(problem)))
    else:
        if not laporan.nama_operator:
            problems.append(
                error(
                    SHEET_IDENTITAS,
                    operator_cell,
                    "Nama operator kosong. Isi dengan nama petugas yang menyusun laporan ini.",
                )
            )
    return problems


def plain_sheet(kode: str, rows: list[list[Any]], periode: dt.date | None) -> list[AktivitasRecord] | None:
    """Every data row of a template-shaped sheet at once, when each of them is obviously valid
    and needs no fix (an Excel date inside the month, text, a platform of the list that agrees
    with its link's host, a plain ``https://`` link) and no post repeats; otherwise None, and the
    rows go one by one through etl.baris_laporan.

    The checks run column by column in C (``map``, ``min``, ``max``, ``set``), about five times
    cheaper than the same checks row by row; a blank row, a date typed as text or a repeated post
    anywhere in the sheet sends the whole sheet the careful way, which says what is wrong or was
    fixed where. Records carry the link as written and its canonical form (analytics.tautan).
    """
    data = rows[1:]
    if periode is None:
        return None
    if not data:
        return []
    if len(set(map(len, data))) != 1 or len(data[0]) < COL_TAUTAN:
        return None  # the reader gives rectangular sheets; anything else is checked row by row
    kolom_tanggal, judul, platform, tautan = list(zip(*data, strict=True))[COL_TANGGAL - 1 : COL_TAUTAN]
    tanggal = _tanggal_dalam_bulan(kolom_tanggal, periode)
    if tanggal is None:
        return None
    if set(map(type, judul)) != {str} or set(map(type, platform)) != {str} or set(map(type, tautan)) != {str}:
        return None
    if max(map(len, judul)) > MAX_TEXT or max(map(len, tautan)) > MAX_TEXT:
        return None
    urls = list(map(str.strip, tautan))
    platforms = list(map(PLATFORM_OR_EMPTY.get, map(str.casefold, map(str.strip, platform)), repeat(UNKNOWN)))
    if UNKNOWN in platforms:
        return None
    tautan_biasa = list(map(kanonik_biasa, urls))
    if None in tautan_biasa:
        return None
    kanonik, dari_host = zip(*tautan_biasa, strict=True)
    if len(set(kanonik)) != len(kanonik) or any(map(_host_berbeda, dari_host, platforms)):
        return None  # a repeated post, or a platform the host decides: warnings to give
    keys = map(crc32, map(str.encode, kanonik))  # db.models.kunci_tautan, without a Python call per link
    numbers = range(2, len(data) + 2)
    return list(zip(repeat(kode), numbers, tanggal, map(str.strip, judul), platforms, urls, kanonik, keys))


def _host_berbeda(dari_host: str | None, platform: str | None) -> bool:
    return dari_host is not None and dari_host != platform


class _PetaHyperlink:
    """The hyperlinks of the category sheets, read from the file the first time a Tautan cell
    needs one (the fast reader gives cell values only)."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._peta: PetaHyperlink | None = None

    def __call__(self, sheet: str) -> dict[str, str]:
        if self._peta is None:
            self._peta = baca_hyperlink(self._workbook.data, KATEGORI_SHEETS.values())
        return self._peta.get(sheet, {})


def _tanggal_dalam_bulan(kolom: tuple[Any, ...], periode: dt.date) -> tuple[dt.date, ...] | None:
    """A date column as dates when every cell is an Excel date inside the month, else None."""
    kinds = set(map(type, kolom))
    if kinds == {dt.datetime}:
        kolom = tuple(map(dt.datetime.date, kolom))
    elif kinds != {dt.date}:
        return None
    if min(kolom) < periode or max(kolom) >= next_month(periode):
        return None
    return kolom


def _validate_sheet(
    kode: str, sheet: str, rows: list[list[Any]], konteks: KonteksBaris
) -> tuple[list[AktivitasRecord], list[Masalah]]:
    tata = cari_tata_letak(sheet, rows)
    if tata.baku:
        plain = plain_sheet(kode, rows, konteks.periode)
        if plain is not None:
            return plain, []
    return validate_rows(kode, sheet, rows, konteks, tata)


def validate_rows(
    kode: str, sheet: str, rows: list[list[Any]], konteks: KonteksBaris, tata: TataLetak | None = None
) -> tuple[list[AktivitasRecord], list[Masalah]]:
    """The rows of a sheet one by one (etl.baris_laporan), as records, and every problem."""
    kegiatan, problems = baca_sheet(sheet, rows, konteks, tata)
    return [(kode, *satu, kunci_tautan(satu[5])) for satu in kegiatan], problems


def validate_laporan(
    workbook: Workbook, directory: SatkerDirectory, today: dt.date, tabel: TabelPlatform | None = None
) -> tuple[LaporanBulanan, list[Masalah]]:
    """Validate a monthly report completely; the report is usable only when no problem is an error.

    ``tabel``: the platform aliases (the shipped ones plus those an admin added); the shipped
    table when None."""
    laporan = LaporanBulanan()
    problems = _validate_identitas(workbook, directory, today, laporan)
    konteks = KonteksBaris(laporan.periode, tabel or tabel_bawaan(), _PetaHyperlink(workbook), workbook.gabungan)
    for kode, sheet in KATEGORI_SHEETS.items():
        if sheet not in workbook.sheet_names:
            problems.append(
                error(
                    sheet,
                    "",
                    f"Sheet “{sheet}” tidak ada. Jangan ganti nama atau hapus sheet; "
                    f"biarkan kosong bila tidak ada kegiatan. {TEMPLATE_HINT}",
                )
            )
            continue
        records, sheet_problems = _validate_sheet(kode, sheet, workbook.rows(sheet), konteks)
        laporan.aktivitas.extend(records)
        problems.extend(sheet_problems)
    if not laporan.aktivitas and not any(p.tingkat == "error" for p in problems):
        problems.append(
            warning(
                "",
                "",
                "Laporan tidak berisi kegiatan sama sekali. Bila memang tidak ada "
                "kegiatan bulan ini, abaikan peringatan ini.",
            )
        )
    known = {SHEET_IDENTITAS, SHEET_PETUNJUK, SHEET_KESALAHAN, *KATEGORI_SHEETS.values()}
    for name in workbook.sheet_names:
        if name not in known:
            near = [s for s in (SHEET_IDENTITAS, *KATEGORI_SHEETS.values()) if header_key(s) == header_key(name)]
            hint = f" Apakah maksudnya “{near[0]}”? Ganti nama sheet persis seperti templat." if near else ""
            problems.append(warning(name, "", f"Sheet “{name}” bukan bagian templat dan diabaikan.{hint}"))
    return laporan, problems
