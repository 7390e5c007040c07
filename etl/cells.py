"""Reading single cell values the way operators type them (pure functions).

Every parser returns the parsed value or raises :class:"CellError" with an Indonesian message
saying what is wrong and how to write it instead; callers attach the sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from analytics.nama import SatkerDirectory
from analytics.periods import NAMA_BULAN
from etl.workbook_format import PLATFORM_ALIASES, PLATFORMS

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serial numbers for 2000-01-01 .. 2099-12-31: a date cell that lost its date format.
SERIAL_RANGE = (36526, 73050)
_ENGLISH_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_NAMES: dict[str, int] = {}
"""Month names as operators write them, folded: Indonesian and English, full and three-letter, and
the usual other spellings (Agt, Ags, Sept, Nop, Pebruari). One table for Tanggal and Periode."""
for _index, _name in [*enumerate(NAMA_BULAN, start=1), *enumerate(_ENGLISH_MONTHS, start=1)]:
    MONTH_NAMES[_name.casefold()] = MONTH_NAMES[_name[:3].casefold()] = _index
MONTH_NAMES.update({"agt": 8, "ags": 8, "agus": 8, "sept": 9, "nop": 11, "pebruari": 2, "peb": 2, "nopember": 11})
MAX_TEXT = 2_000
CANONICAL_PLATFORM = {name.casefold(): name for name in PLATFORMS} | PLATFORM_ALIASES

PERIODE_FORMATS = "“2024-05”, “Mei 2024”, atau sel tanggal"
TANGGAL_FORMATS = "tanggal Excel, “DD/MM/YYYY”, atau “YYYY-MM-DD”"


class CellError(ValueError):
    """A cell value that cannot be used, with the Indonesian message for the user."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def header_key(text: Any) -> str:
    """Header and sheet names compare without case or spaces ("Judul/Uraian" = "judul / uraian")."""
    return re.sub(r"\s+", "", str(text)).casefold()


def shown(value: Any) -> str:
    """The value as the user typed it, for quoting in a message."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    return text if len(text) <= 60 else text[:57] + "…"


def _checked_date(year: int, month: int, day: int, raw: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"Tanggal “{shown(raw)}” tidak ada di kalender. Periksa hari dan bulannya.") from None


def parse_tanggal(value: Any) -> dt.date:
    """A date from an Excel date, an Excel serial number, "DD/MM/YYYY" or "YYYY-MM-DD".

    >>> parse_tanggal("03/05/2024"), parse_tanggal("2024-05-03"), parse_tanggal(45415.0)
    (datetime.date(2024, 5, 3), datetime.date(2024, 5, 3), datetime.date(2024, 5, 3))
    """
    if is_blank(value):
        raise CellError(f"Tanggal wajib diisi ({TANGGAL_FORMATS}).")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1] and float(value).is_integer():
            return EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"“{shown(value)}” bukan tanggal. Tulis sebagai {TANGGAL_FORMATS}.")
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = (int(part) for part in match.groups())
        return _checked_date(year, month, day, value)
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?", text):
        year, month, day = (int(part) for part in match.groups())
        return _checked_date(year, month, day, value)
    raise CellError(f"Format tanggal “{shown(value)}” tidak dikenali. Tulis sebagai {TANGGAL_FORMATS}.")


def parse_periode(value: Any) -> dt.date:
    """A month from "2024-05", "Mei 2024" (any case, short names too) or a date cell.

    >>> parse_periode("Mei 2024"), parse_periode("2024-05"), parse_periode(dt.date(2024, 5, 17))
    (datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), datetime.date(2024, 5, 1))
    """
    if is_blank(value):
        raise CellError(f"Periode wajib diisi, misalnya {PERIODE_FORMATS}.")
    if isinstance(value, (dt.date, dt.datetime)):
        return dt.date(value.year, value.month, 1)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_tanggal(value).replace(day=1)
    text = re.sub(r"\s+", " ", str(value)).strip()
    if match := re.fullmatch(r"(\d{4})[-/](\d{1,2})", text):
        year, month = int(match[1]), int(match[2])
    elif match := re.fullmatch(r"(\d{1,2})[-/](\d{4})", text):
        month, year = int(match[1]), int(match[2])
    elif (match := re.fullmatch(r"([A-Za-z]+)\.?[ ,/-]+(\d{4})", text)) and match[1].casefold() in MONTH_NAMES:
        month, year = MONTH_NAMES[match[1].casefold()], int(match[2])
    elif re.fullmatch(r"\d{5}", text, re.ASCII) and SERIAL_RANGE[0] <= int(text) <= SERIAL_RANGE[1]:
        return parse_tanggal(int(text)).replace(day=1)  # a date cell that became text
    else:
        try:
            return parse_tanggal(text).replace(day=1)
        except CellError:
            raise CellError(f"Periode “{shown(value)}” tidak dapat dibaca. Tulis sebagai {PERIODE_FORMATS}.") from None
    if not 1 <= month <= 12:
        raise CellError(f"Bulan “{month}” pada periode “{shown(value)}” tidak ada. Tulis sebagai {PERIODE_FORMATS}.")
    return dt.date(year, month, 1)


def parse_text(value: Any, label: str) -> str:
    """Free text (numbers and dates are written as the user sees them)."""
    if is_blank(value):
        return ""
    text = shown(value) if not isinstance(value, str) else value.strip()
    if len(text) > MAX_TEXT:
        raise CellError(f"{label} terlalu panjang ({len(text)} karakter, batas {MAX_TEXT}). Ringkas isinya.")
    return text


def parse_count(value: Any) -> int:
    """A whole, non-negative count; Indonesian thousands ("1.234") are read as 1234.

    >>> parse_count("1.234"), parse_count(17.0), parse_count("")
    (1234, 17, 0)
    """
    if is_blank(value):
        return 0
    if isinstance(value, bool):
        raise CellError(f"“{shown(value)}” bukan angka. Isi dengan bilangan bulat, misalnya 1.234.")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(" ", "")
        if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
            text = text.replace(".", "")
        elif re.fullmatch(r"-?\d+,0+", text):
            text = text.split(",")[0]
        try:
            number = float(text)
        except ValueError:
            raise CellError(f"“{shown(value)}” bukan angka. Isi dengan bilangan bulat, misalnya 1.234.") from None
    if not number.is_integer():
        raise CellError(f"“{shown(value)}” bukan bilangan bulat. Jumlah kegiatan harus bulat, misalnya 12.")
    if number < 0:
        raise CellError(f"“{shown(value)}” negatif. Jumlah kegiatan tidak boleh kurang dari 0.")
    return int(number)


def parse_satker(value: Any, directory: SatkerDirectory) -> tuple[int, str]:
    """(satker id, current name) for a cell naming a satker, or :class:`CellError` saying how to fix it."""
    if is_blank(value):
        raise CellError("Satker kosong. Isi dengan nama resmi satker, misalnya “Polres Kediri Kota”.")
    match = directory.match(str(value))
    if match is None:
        suggestions = directory.suggest(str(value))
        hint = f" Mungkin maksud Anda: {', '.join(suggestions)}." if suggestions else ""
        raise CellError(
            f"Satker “{shown(value)}” tidak dikenal.{hint} Tulis nama resmi satker persis seperti di templat."
        )
    return match
