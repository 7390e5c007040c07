"""Validation of the Polda recap (backfill, sheet ``Rekap``) and award results (``Penghargaan``).

Both are tables with a header in row 1; columns are found by their header text (case and
spacing ignored), so a reordered table still loads, while a missing column is an error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from analytics.nama import SatkerDirectory
from analytics.periods import WIB, month_label, month_start
from db.queries import KategoriInfo
from etl.cells import (
    CellError,
    header_key,
    is_blank,
    parse_count,
    parse_periode,
    parse_satker,
    parse_tanggal,
    parse_text,
    shown,
)
from etl.problems import Masalah, cell_ref, error, warning
from etl.reader import Workbook
from etl.tabel import cari_kolom, parse_sel, saring_baris_berisi
from etl.workbook_format import (
    PENGHARGAAN_HEADER,
    REKAP_FIRST_COLUMNS,
    REKAP_LAST_COLUMN,
    SHEET_PENGHARGAAN,
    SHEET_REKAP,
)


@dataclass(frozen=True)
class RekapRow:
    baris: int
    satker_id: int
    satker: str
    periode: dt.date
    counts: dict[str, int]
    dikirim_pada: dt.datetime | None


@dataclass
class RekapPolda:
    rows: list[RekapRow] = field(default_factory=list)


@dataclass(frozen=True)
class PenghargaanRecord:
    baris: int
    acara: str
    tahun: int
    kategori_kode: str
    peringkat: int
    satker_id: int


def _sent_at(value: Any) -> dt.datetime | None:
    """A submission time; a date without a time counts from 00:00 WIB of that day."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        local = value if value.tzinfo else value.replace(tzinfo=WIB)
    else:
        local = dt.datetime.combine(parse_tanggal(value), dt.time(0, 0), tzinfo=WIB)
    try:
        return local.astimezone(dt.UTC)
    except OverflowError:  # the first hours of year 1 have no UTC time in year 1
        raise CellError(
            f"Tanggal kirim “{shown(value)}” tidak masuk akal. Tulis tanggal laporan dikirim, misalnya 03/06/2024."
        ) from None


def validate_rekap(
    workbook: Workbook, directory: SatkerDirectory, kategori: list[KategoriInfo], today: dt.date
) -> tuple[RekapPolda, list[Masalah]]:
    """Validate the recap table completely: one row per satker and month."""
    count_kategori = [k for k in kategori if k.nama_sheet]
    names = [*REKAP_FIRST_COLUMNS, *(k.nama_tampilan for k in count_kategori), REKAP_LAST_COLUMN]
    rows = workbook.rows(SHEET_REKAP)
    columns, problems = cari_kolom(SHEET_REKAP, rows, names)
    rekap = RekapPolda()
    if problems:
        return rekap, problems
    seen: dict[tuple[int, dt.date], int] = {}
    for number, row in saring_baris_berisi(rows):
        row_problems: list[Masalah] = []
        periode = parse_sel(SHEET_REKAP, number, row, columns["Periode"], parse_periode, row_problems)
        satker = parse_sel(
            SHEET_REKAP, number, row, columns["Satker"], lambda value: parse_satker(value, directory), row_problems
        )
        counts = {
            k.kode: parse_sel(SHEET_REKAP, number, row, columns[k.nama_tampilan], parse_count, row_problems)
            for k in count_kategori
        }
        sent = parse_sel(SHEET_REKAP, number, row, columns[REKAP_LAST_COLUMN], _sent_at, row_problems)
        if periode is not None and periode > month_start(today):
            row_problems.append(
                error(
                    SHEET_REKAP,
                    cell_ref(columns["Periode"] + 1, number),
                    f"Periode {month_label(periode)} belum terjadi.",
                )
            )
        if periode is not None and sent is not None and sent.astimezone(WIB).date() < periode:
            row_problems.append(
                error(
                    SHEET_REKAP,
                    cell_ref(columns[REKAP_LAST_COLUMN] + 1, number),
                    f"Tanggal kirim sebelum periode {month_label(periode)} dimulai. Periksa tanggal atau periodenya.",
                )
            )
        if periode is not None and satker is not None:
            first = seen.setdefault((satker[0], periode), number)
            if first != number:
                row_problems.append(
                    error(
                        SHEET_REKAP,
                        cell_ref(columns["Satker"] + 1, number),
                        f"{satker[1]} periode {month_label(periode)} sudah ada di baris {first}. "
                        "Gabungkan menjadi satu baris.",
                    )
                )
        problems.extend(row_problems)
        if not row_problems:
            rekap.rows.append(RekapRow(number, satker[0], satker[1], periode, counts, sent))
    if not rekap.rows and not problems:
        problems.append(
            error(
                SHEET_REKAP, "A2", "Sheet “Rekap” tidak berisi data. Isi satu baris per satker per bulan mulai baris 2."
            )
        )
    return rekap, problems


def _kategori_code(kategori: list[KategoriInfo]) -> Callable[[Any], str]:
    names = {}
    for k in kategori:
        for name in (k.kode, k.nama_tampilan, k.label):
            names[header_key(name)] = k.kode

    def parse(value: Any) -> str:
        if is_blank(value) or header_key(value) not in names:
            raise CellError(
                f"Kategori “{shown(value)}” tidak dikenal. Tulis kode atau nama kategori, misalnya "
                "“tb_news” atau “Terbanyak Input TB News”."
            )
        return names[header_key(value)]

    return parse


def _whole(low: int, high: int, label: str) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        try:
            number = parse_count(value)
        except CellError:
            number = -1
        if is_blank(value) or not low <= number <= high:
            raise CellError(f"{label} “{shown(value)}” tidak valid. Isi bilangan bulat {low}–{high}.")
        return number

    return parse


def validate_penghargaan(
    workbook: Workbook, directory: SatkerDirectory, kategori: list[KategoriInfo], today: dt.date
) -> tuple[list[PenghargaanRecord], list[Masalah]]:
    """Validate the award table completely; a row repeated in the file is counted once."""
    rows = workbook.rows(SHEET_PENGHARGAAN)
    columns, problems = cari_kolom(SHEET_PENGHARGAAN, rows, PENGHARGAAN_HEADER)
    records: list[PenghargaanRecord] = []
    if problems:
        return records, problems
    parse_kategori = _kategori_code(kategori)
    seen: dict[tuple[Any, ...], int] = {}
    for number, row in saring_baris_berisi(rows):
        row_problems: list[Masalah] = []

        def read(name: str, parser: Callable[[Any], Any]) -> Any:
            return parse_sel(SHEET_PENGHARGAAN, number, row, columns[name], parser, row_problems)  # noqa: B023

        acara = read("Acara", lambda v: parse_text(v, "Acara") or _missing("Acara"))
        tahun = read("Tahun", _whole(2000, today.year + 1, "Tahun"))
        kode = read("Kategori", parse_kategori)
        peringkat = read("Peringkat", _whole(1, 99, "Peringkat"))
        satker = read("Satker", lambda value: parse_satker(value, directory))
        problems.extend(row_problems)
        if row_problems:
            continue
        key = (acara, tahun, kode, peringkat, satker[0])
        if key in seen:
            problems.append(
                warning(
                    SHEET_PENGHARGAAN, cell_ref(1, number), f"Baris ini sama dengan baris {seen[key]}; dihitung sekali."
                )
            )
            continue
        seen[key] = number
        records.append(PenghargaanRecord(number, *key))
    if not records and not problems:
        problems.append(error(SHEET_PENGHARGAAN, "A2", "Sheet “Penghargaan” tidak berisi data. Isi mulai baris 2."))
    return records, problems


def _missing(label: str) -> str:
    raise CellError(f"{label} wajib diisi.")
