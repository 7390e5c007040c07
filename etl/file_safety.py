"""Checks on the raw bytes of an uploaded file, run before any spreadsheet parser sees it.

Parsers (openpyxl, calamine) trust the file: a zip bomb exhausts memory, a password-protected or
macro workbook fails with an unhelpful exception, a PDF renamed ``.xlsx`` gives a traceback.
``check_file`` refuses those files up front with Indonesian messages that say what is wrong and
how to fix it. It only reads headers and directories (the ZIP central directory, the OLE2
directory) plus a few small, bounded entries; it never extracts a whole archive and never raises.
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import olefile

from etl.problems import Masalah, error
from etl.workbook_format import EXCEL_SUFFIXES

_log = logging.getLogger(__name__)

MAGIC_ZIP = b"PK\x03\x04"
MAGIC_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_CENTRAL_ENTRY = b"PK\x01\x02"

MACRO_SUFFIXES = (".xlsm", ".xlsb", ".xltm")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OOXML_WORKBOOK_PARTS = ("xl/workbook.xml", "xl/workbook.bin")

# An entry is a likely zip bomb when it is both big and compressed beyond what real sheets reach.
BOMB_RATIO = 200
BOMB_MIN_BYTES = 10 * 1024 * 1024
# Small entries read to learn the file's kind; reads stop here whatever the entry claims.
_SMALL_READ = 1024 * 1024

_ENCRYPTED_STREAMS = {"encryptioninfo", "encryptedpackage"}
_VBA_STORAGES = {"_vba_project_cur", "vba"}
_XLS_STREAMS = {"workbook", "book"}  # BIFF8 (Excel 97+) and BIFF5 (Excel 5/95)
_OTHER_OLE2 = "isinya dokumen Office lain, misalnya Word atau PowerPoint versi lama"

# BIFF record types read from the workbook globals of a legacy .xls.
_BIFF_EOF, _BIFF_FILEPASS, _BIFF_BOUNDSHEET = 0x000A, 0x002F, 0x0085
_BOUNDSHEET_MACRO = 0x01  # Excel 4.0 (XLM) macro sheet


@dataclass(frozen=True)
class BatasBerkas:
    """Limits on an uploaded file, in one place."""

    max_bytes: int = 20 * 1024 * 1024  # 20 MB
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_archive_entries: int = 2_000
    max_rows_per_sheet: int = 100_000  # enforced later by the reader; kept here so limits live in one place


BATAS_BAWAAN = BatasBerkas()


def check_file(data: bytes, file_name: str, batas: BatasBerkas = BATAS_BAWAAN) -> list[Masalah]:
    """Every reason to refuse this file before parsing it; empty when it is safe to open.

    Never raises: a failure inside a check means the bytes are not what they claim to be, so the
    file is reported as damaged rather than crashing the upload.
    """
    try:
        return _check(bytes(data), file_name, batas)
    except Exception:  # last line of defence: hostile bytes must never crash the upload
        _log.debug("file safety check failed on %r", file_name, exc_info=True)
        return [error("", "", _pesan_rusak(file_name))]


def check_size(size: int, file_name: str, batas: BatasBerkas = BATAS_BAWAAN) -> list[Masalah]:
    """The size rule alone, for a file on disk too large to read into memory at all."""
    if size > batas.max_bytes:
        return [error("", "", _pesan_terlalu_besar(file_name, size, batas.max_bytes))]
    return []


def _check(data: bytes, name: str, batas: BatasBerkas) -> list[Masalah]:
    """Size first, then the content decides what the file is, whatever its extension says."""
    if not data:
        return [error("", "", _pesan_kosong(name))]
    problems = check_size(len(data), name, batas)
    if data.startswith(MAGIC_ZIP):
        problems += _check_zip(data, name, batas)
    elif data.startswith(MAGIC_OLE2):
        problems += _check_ole2(data, name)
    else:
        problems.append(error("", "", _pesan_bukan_excel(name, _describe_other(data, name))))
    return problems


# --- ZIP: .xlsx, .xlsm, .xlsb, .ods -------------------------------------------------------------


def _check_zip(data: bytes, name: str, batas: BatasBerkas) -> list[Masalah]:
    """Sizes from the central directory, then the kind and macros from a few small entries."""
    claimed = data.count(_ZIP_CENTRAL_ENTRY)  # upper bound, known before zipfile builds one object per entry
    if claimed > batas.max_archive_entries:
        return [error("", "", _pesan_terlalu_banyak_entri(name, claimed, batas))]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception:  # zipfile raises many types on damaged input
        return [error("", "", _pesan_rusak(name))]
    with archive:
        problems = _zip_size_problems(infos, name, batas)
        try:
            problems += _zip_content_problems(archive, name)
        except Exception:  # a small entry that cannot be read: damaged archive
            problems.append(error("", "", _pesan_rusak(name)))
    return problems


def _zip_size_problems(infos: list[zipfile.ZipInfo], name: str, batas: BatasBerkas) -> list[Masalah]:
    """Zip-bomb protection from declared sizes alone (zipfile never inflates past a declared size)."""
    problems = []
    if len(infos) > batas.max_archive_entries:
        problems.append(error("", "", _pesan_terlalu_banyak_entri(name, len(infos), batas)))
    total = sum(info.file_size for info in infos)
    if total > batas.max_uncompressed_bytes:
        problems.append(error("", "", _pesan_isi_terlalu_besar(name, total, batas.max_uncompressed_bytes)))
    bomb = next((info for info in infos if _is_bomb_entry(info)), None)
    if bomb is not None:
        problems.append(error("", "", _pesan_rasio(name, bomb)))
    return problems


def _is_bomb_entry(info: zipfile.ZipInfo) -> bool:
    """Big and compressed more than 200:1: real sheet XML does not shrink that much."""
    return info.file_size > BOMB_MIN_BYTES and info.file_size > BOMB_RATIO * info.compress_size


def _zip_content_problems(archive: zipfile.ZipFile, name: str) -> list[Masalah]:
    """Is it a spreadsheet at all, and does it carry macros."""
    names = {entry.lower(): entry for entry in archive.namelist()}
    if any(part in names for part in OOXML_WORKBOOK_PARTS):
        reason = _ooxml_macro_reason(archive, names, name)
    elif "mimetype" in names and _read_small(archive, names["mimetype"]).strip() == ODS_MIMETYPE:
        reason = _ods_macro_reason(names, name)
    else:
        return [error("", "", _pesan_bukan_excel(name, _describe_zip(names)))]
    return [error("", "", _pesan_makro(name, reason))] if reason else []


def _ooxml_macro_reason(archive: zipfile.ZipFile, names: dict[str, str], name: str) -> str | None:
    """Why an Excel workbook counts as a macro workbook, or None when it does not."""
    if any(entry.endswith("vbaproject.bin") for entry in names):
        return "berisi makro VBA"
    if any(entry.startswith("xl/macrosheets/") for entry in names):
        return "berisi lembar makro Excel 4.0"
    types = names.get("[content_types].xml")
    if types is not None and b"macroenabled" in _read_small(archive, types).lower():
        return "disimpan sebagai buku kerja bermakro"
    return _macro_suffix_reason(name)


def _ods_macro_reason(names: dict[str, str], name: str) -> str | None:
    """LibreOffice keeps Basic macros under Basic/ and other script languages under Scripts/."""
    if any(entry.startswith(("basic/", "scripts/")) for entry in names):
        return "berisi makro LibreOffice"
    return _macro_suffix_reason(name)


def _macro_suffix_reason(name: str) -> str | None:
    """.xlsm, .xlsb and .xltm are the extensions Excel uses for workbooks that may run macros."""
    suffix = _suffix(name)
    return f"berekstensi {suffix}" if suffix in MACRO_SUFFIXES else None


def _read_small(archive: zipfile.ZipFile, entry: str) -> bytes:
    """At most 1 MB of one entry: enough for [Content_Types].xml or mimetype, never a bomb."""
    with archive.open(entry) as stream:
        return stream.read(_SMALL_READ)


def _describe_zip(names: dict[str, str]) -> str:
    """What a ZIP that is not a spreadsheet most likely is, in the user's words."""
    if "word/document.xml" in names:
        return "isinya dokumen Word"
    if "ppt/presentation.xml" in names:
        return "isinya presentasi PowerPoint"
    if "mimetype" in names:
        return "isinya dokumen OpenDocument yang bukan lembar kerja"
    return "isinya arsip ZIP (jika laporan dikompres, ekstrak dulu lalu unggah berkas Excel-nya)"


# --- OLE2: legacy .xls, password-protected .xlsx ------------------------------------------------


def _check_ole2(data: bytes, name: str) -> list[Masalah]:
    """An OLE2 file is an old .xls, an encrypted OOXML workbook, or some other Office document."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:  # a file object: bytes under 1536 would be a path
            entries = [[part.lower() for part in path] for path in ole.listdir(streams=True, storages=True)]
            return _ole2_problems(ole, entries, name)
    except Exception:  # olefile raises many types on damaged input
        return [error("", "", _pesan_rusak(name))]


def _ole2_problems(ole: olefile.OleFileIO, entries: list[list[str]], name: str) -> list[Masalah]:
    """Refuse encryption and macros; allow a plain .xls, even one misnamed .xlsx."""
    top = {path[0] for path in entries if len(path) == 1}
    if top & _ENCRYPTED_STREAMS:
        encrypted, macro_sheets = True, False
    elif top & _XLS_STREAMS:
        encrypted, macro_sheets = _xls_globals_flags(ole, "workbook" if "workbook" in top else "book")
    else:
        return [error("", "", _pesan_bukan_excel(name, _OTHER_OLE2))]
    problems = [error("", "", _pesan_sandi(name))] if encrypted else []
    reason = _ole2_macro_reason(entries, name, macro_sheets)
    if reason:
        problems.append(error("", "", _pesan_makro(name, reason)))
    return problems


def _ole2_macro_reason(entries: list[list[str]], name: str, macro_sheets: bool) -> str | None:
    """VBA lives in a _VBA_PROJECT_CUR storage (with a VBA storage inside) of a .xls."""
    if any(_VBA_STORAGES.intersection(path) for path in entries):
        return "berisi makro VBA"
    if macro_sheets:
        return "berisi lembar makro Excel 4.0"
    return _macro_suffix_reason(name)


def _xls_globals_flags(ole: olefile.OleFileIO, stream: str) -> tuple[bool, bool]:
    """(encrypted, has Excel 4.0 macro sheets) from the workbook globals of a legacy .xls.

    A legacy .xls is encrypted by a FILEPASS record rather than by an OLE2 wrapper; after it the
    sheet records are encrypted too, so the macro-sheet flag is only read from a clear file.
    """
    records = list(_biff_globals(ole.openstream(stream).read(_SMALL_READ)))
    if any(record == _BIFF_FILEPASS for record, _ in records):
        return True, False
    macro = bytes([_BOUNDSHEET_MACRO])
    return False, any(record == _BIFF_BOUNDSHEET and payload[5:6] == macro for record, payload in records)


def _biff_globals(stream: bytes) -> Iterator[tuple[int, bytes]]:
    """(record type, payload) of the BIFF records up to the first EOF, i.e. the workbook globals."""
    offset = 0
    while offset + 4 <= len(stream):
        record = int.from_bytes(stream[offset : offset + 2], "little")
        length = int.from_bytes(stream[offset + 2 : offset + 4], "little")
        yield record, stream[offset + 4 : offset + 4 + length]
        if record == _BIFF_EOF:
            return
        offset += 4 + length


# --- Other content ------------------------------------------------------------------------------

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "isinya dokumen PDF"),
    (b"\x89PNG\r\n\x1a\n", "isinya gambar PNG"),
    (b"\xff\xd8\xff", "isinya gambar JPEG"),
    (b"GIF8", "isinya gambar GIF"),
    (b"Rar!", "isinya arsip RAR"),
    (b"7z\xbc\xaf\x27\x1c", "isinya arsip 7-Zip"),
    (b"{\\rtf", "isinya dokumen RTF"),
)


def _describe_other(data: bytes, name: str) -> str:
    """What a non-Excel file most likely is, so the user recognises the mistake."""
    for magic, description in _SIGNATURES:
        if data.startswith(magic):
            return description
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<html" in head or head.startswith((b"<!doctype html", b"<table")):
        return "isinya halaman web (HTML), misalnya hasil ekspor dari aplikasi lain"
    if head.startswith(b"<?xml"):
        return "isinya teks XML"
    if _suffix(name) == ".csv" or _looks_like_text(data):
        return "isinya teks biasa (misalnya CSV)"
    return "isinya tidak dikenali"


_TEXT_BYTES = b"\t\n\x0c\r" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))


def _looks_like_text(data: bytes) -> bool:
    """No control bytes besides whitespace in the first 4 KB: text (CSV, TSV) in any 8-bit encoding."""
    return not data[:4096].translate(None, _TEXT_BYTES)


# --- Messages -----------------------------------------------------------------------------------

_SIMPAN_XLSX = "File → Simpan Sebagai → Buku Kerja Excel (*.xlsx)"
_DITERIMA = "Berkas yang diterima: " + ", ".join(EXCEL_SUFFIXES) + "."


def _pesan_kosong(name: str) -> str:
    return (
        f"Berkas {name} kosong (0 byte). Pastikan laporan sudah disimpan di Excel sebelum diunggah, lalu unggah ulang."
    )


def _pesan_terlalu_besar(name: str, size: int, limit: int) -> str:
    shown, limit_shown = _dua_ukuran(size, limit)
    return (
        f"Berkas {name} berukuran {shown}, melebihi batas {limit_shown}. Hapus baris kosong atau gambar "
        "lalu simpan ulang, atau bagi laporan menjadi beberapa berkas."
    )


def _pesan_bukan_excel(name: str, description: str) -> str:
    if _suffix(name) == ".csv":
        how = (
            "Buka berkas itu di Excel, pilih File → Simpan sebagai, ubah jenis berkas menjadi Excel Workbook "
            "(*.xlsx) atau Buku Kerja Excel (*.xlsx), lalu unggah berkas .xlsx tersebut."
        )
    else:
        how = f"Buka laporan di Excel, pilih {_SIMPAN_XLSX}, lalu unggah berkas .xlsx tersebut."
    return f"Berkas {name} bukan buku kerja Excel: {description}. {how} {_DITERIMA}"


def _pesan_rusak(name: str) -> str:
    return (
        f"Berkas {name} tidak dapat dibaca (berkas rusak atau terpotong saat diunggah). Buka berkas di "
        f"Excel, pilih {_SIMPAN_XLSX}, lalu unggah ulang. Jika Excel juga tidak dapat membukanya, minta "
        "salinan baru dari pembuatnya."
    )


def _pesan_sandi(name: str) -> str:
    return (
        f"Berkas {name} dilindungi kata sandi sehingga isinya tidak dapat dibaca. Buka di Excel, hapus "
        "kata sandi lalu unggah ulang: File → Info → Protect Workbook → Encrypt with Password, "
        "kosongkan isian kata sandi, klik OK, lalu simpan."
    )


def _pesan_makro(name: str, reason: str) -> str:
    return (
        f"Berkas {name} {reason}; buku kerja bermakro tidak diterima demi keamanan. Buka di Excel, pilih "
        f"{_SIMPAN_XLSX} tanpa makro (jawab Ya bila diminta menyimpan tanpa makro), lalu unggah berkas "
        ".xlsx tersebut."
    )


def _pesan_terlalu_banyak_entri(name: str, count: int, batas: BatasBerkas) -> str:
    return (
        f"Berkas {name} tersusun dari {_angka(count)} bagian, melebihi batas "
        f"{_angka(batas.max_archive_entries)}; berkas ini tidak wajar untuk sebuah laporan atau rusak. "
        f"Salin data ke buku kerja baru, hapus lembar, gambar, dan komentar yang tidak perlu, lalu pilih "
        f"{_SIMPAN_XLSX} dan unggah ulang."
    )


def _pesan_isi_terlalu_besar(name: str, size: int, limit: int) -> str:
    shown, limit_shown = _dua_ukuran(size, limit)
    return (
        f"Isi berkas {name} setelah dibuka berukuran {shown}, melebihi batas {limit_shown}. Hapus baris "
        "dan kolom kosong yang diberi format, gambar, atau lembar yang tidak perlu lalu simpan ulang, "
        "atau bagi laporan menjadi beberapa berkas."
    )


def _pesan_rasio(name: str, info: zipfile.ZipInfo) -> str:
    ratio = info.file_size // max(info.compress_size, 1)
    return (
        f"Berkas {name} memuat bagian {info.filename} yang mengembang dari {ukuran(info.compress_size)} "
        f"menjadi {ukuran(info.file_size)} (rasio {_angka(ratio)}:1); berkas seperti ini tidak wajar "
        "(rusak atau sengaja dibuat untuk membebani server). Salin data ke buku kerja baru, hapus baris "
        f"dan kolom kosong yang diberi format, lalu pilih {_SIMPAN_XLSX} dan unggah ulang."
    )


# --- Formatting ---------------------------------------------------------------------------------

_UNITS: tuple[tuple[int, str], ...] = ((1024**3, "GB"), (1024**2, "MB"), (1024, "KB"))


def ukuran(size: int) -> str:
    """A byte count as Indonesians write it: one decimal, decimal comma, none when whole.

    >>> ukuran(26_528_973)
    '25,3 MB'
    >>> ukuran(20 * 1024 * 1024)
    '20 MB'
    >>> ukuran(1536)
    '1,5 KB'
    >>> ukuran(1000)
    '1.000 byte'
    """
    for unit, label in _UNITS:
        if size >= unit:
            number = f"{size / unit:.1f}".removesuffix(".0").replace(".", ",")
            return f"{number} {label}"
    return f"{_angka(size)} byte"


def _dua_ukuran(size: int, limit: int) -> tuple[str, str]:
    """Size and limit, exact in bytes when rounding would show a size "over" an equal-looking limit.

    >>> _dua_ukuran(20 * 1024 * 1024 + 1, 20 * 1024 * 1024)
    ('20.971.521 byte', '20.971.520 byte')
    """
    shown, limit_shown = ukuran(size), ukuran(limit)
    if shown == limit_shown:
        return f"{_angka(size)} byte", f"{_angka(limit)} byte"
    return shown, limit_shown


def _angka(number: int) -> str:
    """Thousands with dots: 2.000."""
    return f"{number:,}".replace(",", ".")


def _suffix(name: str) -> str:
    """Lower-case extension of a file name (or path, with either slash), '' when it has none."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""
