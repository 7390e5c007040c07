"""Validation of the monthly report workbook (laporan bulanan satker).

Every problem is collected, none stops the others: Identitas, missing or renamed sheets and
header columns, and every activity row. Row values are validated with pydantic (one
TypeAdapter call per sheet, in Rust); its per-field errors become cell references.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from typing import Annotated, Any
from zlib import crc32

from pydantic import AfterValidator, BeforeValidator, TypeAdapter, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError
from typing_extensions import TypedDict

from analytics.nama import SatkerDirectory
from analytics.periods import month_label, month_start, next_month
from db.models import kunci_tautan
from etl.cells import (
    CANONICAL_PLATFORM,
    MAX_TEXT,
    PLAIN_URL,
    CellError,
    header_key,
    is_blank,
    parse_periode,
    parse_platform,
    parse_satker,
    parse_tanggal,
    parse_text,
    parse_url,
    shown,
)
from etl.problems import Masalah, cell_ref, error, warning
from etl.reader import Workbook, header
from etl.workbook_format import (
    ACTIVITY_HEADER,
    COL_JUDUL,
    COL_PLATFORM,
    COL_TANGGAL,
    COL_TAUTAN,
    IDENTITAS_ROWS,
    KATEGORI_SHEETS,
    SHEET_IDENTITAS,
    SHEET_KESALAHAN,
    SHEET_PETUNJUK,
)

UNKNOWN = object()  # a platform outside the list, in plain_sheet
PLATFORM_OR_EMPTY: dict[str, str | None] = {**CANONICAL_PLATFORM, "": None}
FIELD_COLUMNS = {"tanggal": COL_TANGGAL, "judul": COL_JUDUL, "platform": COL_PLATFORM, "tautan": COL_TAUTAN}
TEMPLATE_HINT = "Unduh templat baru dari aplikasi dan salin isian ke sana."


AktivitasRecord = tuple[str, int, dt.date, str, str | None, str, int]
"""One valid activity row, in the order of :data:`AKTIVITAS_FIELDS`, with its link's key
(db.models.kunci_tautan) computed where the rows are validated. A plain tuple, not a named one:
the database driver binds plain tuples directly, and a named tuple cost a tenth of the insert."""
AKTIVITAS_FIELDS = ("kategori_kode", "baris", "tanggal", "judul", "platform", "url", "url_kunci")
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


def _from_cell(parser: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def validate(value: Any) -> Any:
        try:
            return parser(value)
        except CellError as problem:
            raise PydanticCustomError("sel", "{pesan}", {"pesan": str(problem)}) from None

    return validate


def _inside_periode(tanggal: dt.date, info: ValidationInfo) -> dt.date:
    periode = (info.context or {}).get("periode")
    if periode is not None and month_start(tanggal) != periode:
        last_day = next_month(periode) - dt.timedelta(days=1)
        raise PydanticCustomError(
            "sel",
            "{pesan}",
            {
                "pesan": f"Tanggal {tanggal:%d/%m/%Y} di luar periode {month_label(periode)}. Isi tanggal antara "
                f"{periode:%d/%m/%Y} dan {last_day:%d/%m/%Y}, atau laporkan kegiatan ini di laporan "
                f"{month_label(month_start(tanggal))}."
            },
        )
    return tanggal


class BarisAktivitas(TypedDict):
    tanggal: Annotated[dt.date, BeforeValidator(_from_cell(parse_tanggal)), AfterValidator(_inside_periode)]
    judul: Annotated[str, BeforeValidator(_from_cell(lambda value: parse_text(value, "Judul / Uraian")))]
    platform: Annotated[str | None, BeforeValidator(_from_cell(parse_platform))]
    tautan: Annotated[str, BeforeValidator(_from_cell(parse_url))]


ROWS_ADAPTER = TypeAdapter(list[BarisAktivitas])


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


def _header_problems(sheet: str, rows: list[list[Any]]) -> list[Masalah]:
    found = header(rows, len(ACTIVITY_HEADER))
    problems = []
    for column, (expected, actual) in enumerate(zip(ACTIVITY_HEADER, found, strict=True), start=1):
        if header_key(expected) != header_key(actual):
            what = f"ditemukan “{shown(actual)}”" if actual else "kosong"
            problems.append(
                error(
                    sheet,
                    cell_ref(column, 1),
                    f"Judul kolom harus “{expected}”, {what}. Jangan ganti nama, hapus, atau pindahkan kolom templat.",
                )
            )
    return problems


def plain_row(cells: list[Any], periode: dt.date | None) -> tuple[dt.date, str, str | None, str] | None:
    """The common, obviously valid row, accepted without the full validator (about 10× cheaper).

    Returns (tanggal, judul, platform, tautan) exactly as the full validator would, or None
    when the row needs the full validator, which then accepts it or says what is wrong.
    """
    tanggal, judul, platform, tautan = cells
    if type(tanggal) is dt.datetime:
        tanggal = tanggal.date()
    elif type(tanggal) is not dt.date:
        return None
    if periode is None or tanggal.year != periode.year or tanggal.month != periode.month:
        return None
    if type(judul) is not str or len(judul) > MAX_TEXT or type(tautan) is not str or type(platform) is not str:
        return None
    tautan = tautan.strip()
    if len(tautan) > MAX_TEXT or not PLAIN_URL.fullmatch(tautan):
        return None
    key = platform.strip().casefold()
    if key:
        if key not in CANONICAL_PLATFORM:
            return None
        return tanggal, judul.strip(), CANONICAL_PLATFORM[key], tautan
    return tanggal, judul.strip(), None, tautan


def plain_sheet(kode: str, rows: list[list[Any]], periode: dt.date | None) -> list[AktivitasRecord] | None:
    """Every data row of a sheet at once, when each of them is a row :func:`plain_row` accepts and
    no link repeats; otherwise None, and the rows go one by one through the full validator.

    The checks run column by column in C (``map``, ``min``, ``max``, ``set``), about five times
    cheaper than the same checks row by row; a blank row, a date typed as text or a repeated link
    anywhere in the sheet sends the whole sheet the careful way, which says what is wrong where.
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
    if not all(map(PLAIN_URL.fullmatch, urls)) or len(set(urls)) != len(urls):
        return None
    platforms = list(map(PLATFORM_OR_EMPTY.get, map(str.casefold, map(str.strip, platform)), repeat(UNKNOWN)))
    if UNKNOWN in platforms:
        return None
    keys = map(crc32, map(str.encode, urls))  # db.models.kunci_tautan, without a Python call per link
    numbers = range(2, len(data) + 2)
    return list(zip(repeat(kode), numbers, tanggal, map(str.strip, judul), platforms, urls, keys))


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
    kode: str, sheet: str, rows: list[list[Any]], periode: dt.date | None
) -> tuple[list[AktivitasRecord], list[Masalah]]:
    problems = _header_problems(sheet, rows)
    if problems:
        return [], problems
    plain = plain_sheet(kode, rows, periode)
    if plain is not None:
        return plain, problems
    return validate_rows(kode, sheet, rows, periode)


def validate_rows(
    kode: str, sheet: str, rows: list[list[Any]], periode: dt.date | None
) -> tuple[list[AktivitasRecord], list[Masalah]]:
    """The data rows of a sheet (its header already checked) one by one: plain rows through
    :func:`plain_row`, the others through the full validator, every problem with its cell."""
    problems: list[Masalah] = []
    numbers: list[int] = []
    values: list[tuple[dt.date, str, str | None, str] | None] = []
    slow: list[int] = []  # positions in ``values`` that need the full validator
    slow_inputs: list[dict[str, Any]] = []
    first, last = COL_TANGGAL - 1, COL_TAUTAN  # the four data columns, 0-based slice
    for number, row in enumerate(rows[1:], start=2):
        cells = row[first:last]
        if all(is_blank(value) for value in cells):
            continue
        cells += [""] * (len(FIELD_COLUMNS) - len(cells))
        numbers.append(number)
        plain = plain_row(cells, periode)
        if plain is None:
            slow.append(len(values))
            slow_inputs.append(dict(zip(FIELD_COLUMNS, cells, strict=True)))
        values.append(plain)
    if slow_inputs:
        try:
            checked = ROWS_ADAPTER.validate_python(slow_inputs, context={"periode": periode})
        except ValidationError as failure:
            # The workbook is rejected: report every cell, keep no rows.
            for item in failure.errors(include_url=False):
                index, name = slow[int(item["loc"][0])], str(item["loc"][1])
                problems.append(error(sheet, cell_ref(FIELD_COLUMNS[name], numbers[index]), item["msg"]))
            return [], problems
        for position, row in zip(slow, checked, strict=True):
            values[position] = (row["tanggal"], row["judul"], row["platform"], row["tautan"])
    records: list[AktivitasRecord] = []
    first_row_of: dict[str, int] = {}
    for number, value in zip(numbers, values, strict=True):
        assert value is not None
        tanggal, judul, platform, url = value
        if url in first_row_of:
            problems.append(
                warning(
                    sheet,
                    cell_ref(COL_TAUTAN, number),
                    f"Tautan sama dengan baris {first_row_of[url]}; dihitung sekali.",
                )
            )
            continue
        first_row_of[url] = number
        records.append((kode, number, tanggal, judul, platform, url, kunci_tautan(url)))
    return records, problems


def validate_laporan(
    workbook: Workbook, directory: SatkerDirectory, today: dt.date
) -> tuple[LaporanBulanan, list[Masalah]]:
    """Validate a monthly report completely; the report is usable only when no problem is an error."""
    laporan = LaporanBulanan()
    problems = _validate_identitas(workbook, directory, today, laporan)
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
        records, sheet_problems = _validate_sheet(kode, sheet, workbook.rows(sheet), laporan.periode)
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
            near = [s for s in KATEGORI_SHEETS.values() if header_key(s) == header_key(name)]
            hint = f" Apakah maksudnya “{near[0]}”? Ganti nama sheet persis seperti templat." if near else ""
            problems.append(warning(name, "", f"Sheet “{name}” bukan bagian templat dan diabaikan.{hint}"))
    return laporan, problems
