"""Validation of the admin sheets ``Target`` (targets per kategori) and ``Kelompok`` (peer groups).

Both are tables with a header in row 1, found by column title (order free, case and spacing
ignored). Every problem names its sheet and cell with an Indonesian message saying how to fix it,
and all problems are reported at once. Pure: rows as :meth:`etl.reader.Workbook.rows` reads them,
the satker directory and the kategori list in; records and :class:`etl.problems.Masalah` out.

Sheet ``Target``: ``Kategori`` (code such as ``tb_news``, display name or template sheet name),
``Lingkup`` (``semua``, ``tipe`` or ``satker``), ``Nilai Lingkup`` (empty for ``semua``; Polres,
Polresta, Polrestabes or Polres Pelabuhan for ``tipe``; the satker's name for ``satker``),
``Target per Bulan`` (a whole number of activities, at least 1; for kecepatan_laporan the maximum
hours, 0 < hours ≤ 744, decimals allowed; the word ``berakhir`` ends that scope's own target from
that month) and ``Berlaku Mulai`` (a month: ``2024-05``, ``Mei 2024`` or a date cell).

Sheet ``Kelompok``: ``Kelompok`` (the group's name) and ``Satker``, one row per member. A satker may
be in several groups. Group names compare without case and spacing; the satker types are
built-in groups, so a group may not be named after one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from analytics.angka import format_angka
from analytics.kategori import KECEPATAN
from analytics.kelompok import TIPE_SATKER
from analytics.periods import month_label
from analytics.target import LINGKUP, Target
from etl.cells import CellError, header_key, is_blank, parse_count, parse_periode, parse_satker, parse_text, shown
from etl.problems import Masalah, cell_ref, error, warning
from etl.tabel import cari_kolom, parse_sel, saring_baris_berisi

if TYPE_CHECKING:
    from analytics.nama import SatkerDirectory
    from etl.reader import Workbook

SHEET_TARGET = "Target"
SHEET_KELOMPOK = "Kelompok"
TARGET_HEADER = ("Kategori", "Lingkup", "Nilai Lingkup", "Target per Bulan", "Berlaku Mulai")
KELOMPOK_HEADER = ("Kelompok", "Satker")
BERAKHIR = "berakhir"
JAM_MAKSIMUM = 744.0  # 31 days: a longer limit for a monthly report means no limit at all
PANJANG_NAMA_KELOMPOK = 100


class InfoKategori(Protocol):
    """What the validation needs of a kategori (``db.queries.KategoriInfo`` has it)."""

    @property
    def kode(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def nama_tampilan(self) -> str: ...
    @property
    def nama_sheet(self) -> str | None: ...


@dataclass(frozen=True)
class TargetDariSheet:
    """A valid row of sheet ``Target``: the target and the row it came from."""

    baris: int
    target: Target


@dataclass(frozen=True)
class KelompokDariSheet:
    """A group from sheet ``Kelompok``: its name as first written, its members in sheet order and
    the rows that named them."""

    nama: str
    anggota: tuple[int, ...]
    baris: tuple[int, ...]


def _parse_kategori(kategori: Sequence[InfoKategori]) -> Callable[[Any], str]:
    names: dict[str, str] = {}
    for info in kategori:
        for name in (info.kode, info.nama_tampilan, info.label, info.nama_sheet):
            if name:
                names[header_key(name)] = info.kode

    def parse(value: Any) -> str:
        if is_blank(value) or header_key(value) not in names:
            raise CellError(
                f"Kategori “{shown(value)}” tidak dikenal. Tulis kode atau nama kategori, misalnya "
                "“tb_news”, “TB News”, atau “Terbanyak Input TB News”."
            )
        return names[header_key(value)]

    return parse


def _parse_lingkup(value: Any) -> str:
    text = "" if is_blank(value) else str(value).strip().casefold()
    if text not in LINGKUP:
        raise CellError(
            f"Lingkup “{shown(value)}” tidak dikenal. Tulis “semua” (semua satker), “tipe” (satu tipe "
            "satker), atau “satker” (satu satker)."
        )
    return text


def _parse_tipe(value: Any) -> str:
    types = {re.sub(r"\s+", " ", tipe).casefold(): tipe for tipe in TIPE_SATKER}
    key = "" if is_blank(value) else re.sub(r"\s+", " ", str(value)).strip().casefold()
    if key not in types:
        hint = " Untuk satu satker, tulis Lingkup “satker”." if key.startswith("polres") and key else ""
        raise CellError(
            f"Tipe satker “{shown(value)}” tidak dikenal. Pilih salah satu: {', '.join(TIPE_SATKER)}.{hint}"
        )
    return types[key]


def _parse_jam(value: Any) -> float:
    """Hours as operators write them: 48, 36.5, "36,5", "48 jam"."""
    if isinstance(value, bool):
        number = -1.0
    elif isinstance(value, (int, float)):
        number = float(value)
    else:
        text = re.sub(r"\s*jam$", "", str(value).strip(), flags=re.IGNORECASE).replace(",", ".")
        number = float(text) if re.fullmatch(r"\d+(\.\d+)?", text) else -1.0
    if not 0 < number <= JAM_MAKSIMUM:
        raise CellError(
            f"Target kecepatan “{shown(value)}” tidak valid. Isi batas jam sejak akhir bulan, lebih dari "
            f"0 dan paling banyak {format_angka(JAM_MAKSIMUM)} (31 hari), misalnya 72 atau 36,5."
        )
    return number


def _parse_jumlah(value: Any) -> float:
    try:
        number = parse_count(value)
    except CellError:
        number = 0
    if is_blank(value) or number < 1:
        raise CellError(
            f"Target per Bulan “{shown(value)}” tidak valid. Isi bilangan bulat lebih dari 0 (jumlah "
            "kegiatan per bulan), misalnya 20."
        )
    return float(number)


def _parse_nilai_target(kode: str) -> Callable[[Any], float | None]:
    def parse(value: Any) -> float | None:
        if is_blank(value):
            raise CellError(
                f"Target per Bulan wajib diisi. Untuk mengakhiri target lingkup ini mulai bulan itu, "
                f"tulis “{BERAKHIR}”."
            )
        if isinstance(value, str) and value.strip().casefold() == BERAKHIR:
            return None
        return _parse_jam(value) if kode == KECEPATAN else _parse_jumlah(value)

    return parse


def validate_target(
    rows: Sequence[Sequence[Any]], directory: SatkerDirectory, kategori: Sequence[InfoKategori]
) -> tuple[list[TargetDariSheet], list[Masalah]]:
    """Validate sheet ``Target`` completely: one target per row; the same kategori, scope and month
    twice is an error naming the first row."""
    columns, problems = cari_kolom(SHEET_TARGET, rows, TARGET_HEADER)
    records: list[TargetDariSheet] = []
    if problems:
        return records, problems
    parse_kategori = _parse_kategori(kategori)
    seen: dict[tuple[str, str, str | int | None, dt.date], int] = {}
    for number, row in saring_baris_berisi(rows):
        row_problems: list[Masalah] = []

        def read(name: str, parser: Callable[[Any], Any]) -> Any:
            return parse_sel(SHEET_TARGET, number, row, columns[name], parser, row_problems)  # noqa: B023

        kode = read("Kategori", parse_kategori)
        lingkup = read("Lingkup", _parse_lingkup)
        kunci = _read_nilai_lingkup(lingkup, row, number, columns["Nilai Lingkup"], directory, row_problems)
        # The unit of the value (activities or hours) is the kategori's: judged once that is readable.
        nilai = read("Target per Bulan", _parse_nilai_target(kode)) if kode is not None else None
        mulai = read("Berlaku Mulai", parse_periode)
        problems.extend(row_problems)
        if row_problems:
            continue
        key = (kode, lingkup, kunci, mulai)
        if key in seen:
            problems.append(
                error(
                    SHEET_TARGET,
                    cell_ref(1, number),
                    f"Target yang sama (kategori, lingkup, dan {month_label(mulai)}) sudah ada di baris "
                    f"{seen[key]}. Sisakan satu baris.",
                )
            )
            continue
        seen[key] = number
        target = Target(
            kategori=kode,
            lingkup=lingkup,
            berlaku_mulai=mulai,
            nilai=nilai,
            tipe=kunci if lingkup == "tipe" else None,
            satker_id=kunci if lingkup == "satker" else None,
        )
        records.append(TargetDariSheet(number, target))
    if not records and not problems:
        problems.append(
            error(SHEET_TARGET, "A2", "Sheet “Target” tidak berisi data. Isi satu target per baris mulai baris 2.")
        )
    return records, problems


def _read_nilai_lingkup(
    lingkup: str | None,
    row: Sequence[Any],
    number: int,
    column: int,
    directory: SatkerDirectory,
    problems: list[Masalah],
) -> str | int | None:
    """The type name, the satker id, or None for ``semua`` (an unreadable Lingkup is not judged twice)."""
    if lingkup is None:
        return None
    value = row[column] if column < len(row) else ""
    cell = cell_ref(column + 1, number)
    if lingkup == "semua":
        if not is_blank(value):
            problems.append(
                error(
                    SHEET_TARGET,
                    cell,
                    f"Lingkup “semua” berlaku untuk semua satker: kosongkan Nilai "
                    f"Lingkup (berisi “{shown(value)}”), atau ubah Lingkup menjadi “tipe” atau “satker”.",
                )
            )
        return None
    if is_blank(value):
        what = "tipe satker (" + ", ".join(TIPE_SATKER) + ")" if lingkup == "tipe" else "nama satker"
        problems.append(
            error(SHEET_TARGET, cell, f"Nilai Lingkup wajib diisi untuk lingkup “{lingkup}”: tulis {what}.")
        )
        return None
    if lingkup == "tipe":
        return parse_sel(SHEET_TARGET, number, row, column, _parse_tipe, problems)
    satker = parse_sel(SHEET_TARGET, number, row, column, lambda nilai: parse_satker(nilai, directory), problems)
    return None if satker is None else satker[0]


def _kunci_nama(nama: str) -> str:
    return re.sub(r"\s+", " ", nama).strip().casefold()


def _parse_nama_kelompok(value: Any) -> str:
    nama = re.sub(r"\s+", " ", parse_text(value, "Nama kelompok"))
    if not nama:
        raise CellError("Nama kelompok wajib diisi, misalnya “Zona Utara”.")
    if len(nama) > PANJANG_NAMA_KELOMPOK:
        raise CellError(f"Nama kelompok terlalu panjang ({len(nama)} karakter, batas {PANJANG_NAMA_KELOMPOK}).")
    if _kunci_nama(nama) in {_kunci_nama(tipe) for tipe in TIPE_SATKER}:
        raise CellError(
            f"“{nama}” adalah tipe satker, yang sudah menjadi kelompok bawaan. Beri kelompok ini nama lain."
        )
    return nama


def validate_kelompok(
    rows: Sequence[Sequence[Any]], directory: SatkerDirectory
) -> tuple[list[KelompokDariSheet], list[Masalah]]:
    """Validate sheet ``Kelompok`` completely: one member per row, groups in order of first mention.

    A member listed twice in one group is counted once (warning), and so is a group name written
    with other capitals or spacing (warning naming the first spelling).
    """
    columns, problems = cari_kolom(SHEET_KELOMPOK, rows, KELOMPOK_HEADER)
    if problems:
        return [], problems
    groups: dict[str, tuple[str, dict[int, int]]] = {}  # key → (name, satker id → row)
    first_row: dict[str, int] = {}
    for number, row in saring_baris_berisi(rows):
        row_problems: list[Masalah] = []
        nama = parse_sel(SHEET_KELOMPOK, number, row, columns["Kelompok"], _parse_nama_kelompok, row_problems)
        satker = parse_sel(
            SHEET_KELOMPOK, number, row, columns["Satker"], lambda nilai: parse_satker(nilai, directory), row_problems
        )
        problems.extend(row_problems)
        if row_problems:
            continue
        key = _kunci_nama(nama)
        written, members = groups.setdefault(key, (nama, {}))
        first_row.setdefault(key, number)
        name_cell = cell_ref(columns["Kelompok"] + 1, number)
        if nama != written:
            problems.append(
                warning(
                    SHEET_KELOMPOK,
                    name_cell,
                    f"Kelompok “{nama}” dianggap sama dengan “{written}” "
                    f"(baris {first_row[key]}); namanya ditulis seperti di baris itu.",
                )
            )
        if satker[0] in members:
            problems.append(
                warning(
                    SHEET_KELOMPOK,
                    cell_ref(columns["Satker"] + 1, number),
                    f"{satker[1]} sudah tercantum di kelompok “{written}” pada baris "
                    f"{members[satker[0]]}; dihitung sekali.",
                )
            )
            continue
        members[satker[0]] = number
    if not groups and not problems:
        problems.append(
            error(
                SHEET_KELOMPOK,
                "A2",
                "Sheet “Kelompok” tidak berisi data. Isi satu anggota per baris "
                "mulai baris 2: nama kelompok dan nama satker.",
            )
        )
    records = [KelompokDariSheet(nama, tuple(members), tuple(members.values())) for nama, members in groups.values()]
    return records, problems


@dataclass(frozen=True)
class TargetKelompok:
    """What a workbook with sheet ``Target`` and/or ``Kelompok`` contributes (an absent sheet: empty)."""

    targets: list[TargetDariSheet]
    kelompok: list[KelompokDariSheet]


def validate_target_kelompok(
    workbook: Workbook, directory: SatkerDirectory, kategori: Sequence[InfoKategori]
) -> tuple[TargetKelompok, list[Masalah]]:
    """Validate whichever of the two sheets the workbook has, every problem of both at once."""
    targets: list[TargetDariSheet] = []
    groups: list[KelompokDariSheet] = []
    problems: list[Masalah] = []
    if SHEET_TARGET in workbook.sheet_names:
        targets, found = validate_target(workbook.rows(SHEET_TARGET), directory, kategori)
        problems += found
    if SHEET_KELOMPOK in workbook.sheet_names:
        groups, found = validate_kelompok(workbook.rows(SHEET_KELOMPOK), directory)
        problems += found
    return TargetKelompok(targets, groups), problems
