"""How far every sheet of a workbook reaches, checked before any reader materialises it.

python-calamine builds the whole rectangle from cell A1 to the farthest cell of a sheet in memory:
one value at XFD100000 asks for some 52 GB and aborts the process. :func:`check_extent` finds
each sheet's farthest cell from the file itself, with bounded memory, the way the reader would
place the cells, and refuses a sheet that reaches past the limits (rows, columns, cells) with a
message that names the sheet, the cell and how to fix it. Both what a sheet declares and what
its cells say count:

- .xlsx: the ``<dimension ref>`` and every cell reference in the sheet XML. Each sheet is
  inflated once and searched for any cell that is not a plain ``<c r="A1"`` with one column
  letter and at most five row digits (C-speed regular expressions); only a sheet with such a cell
  is parsed element by element (expat), with the reader's rules for cells without a reference.
  The inflated entries are handed to the reader as a stored (uncompressed) archive, so the reader
  does not inflate them a second time and reads exactly the bytes that were checked.
- .xls: the DIMENSIONS record and every cell record of each sheet's BIFF substream.
- .ods: ``content.xml`` rows and cells with ``number-rows-repeated`` and
  ``number-columns-repeated`` expanded as the reader expands them (empty repeats only count
  when a value follows them).

Everything counts a cell whatever its content (formatting too): the fix for a sheet reaching too
far is the same either way.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree
from xml.parsers import expat

import olefile

from analytics.angka import format_angka
from etl.file_safety import MAGIC_OLE2, MAGIC_ZIP, BatasBerkas, pesan_rusak
from etl.problems import Masalah, error

SIMPAN_ULANG = (
    "Biasanya ada isi atau format yang tertinggal jauh di bawah atau di kanan data. Pilih baris-baris kosong "
    "di bawah data sampai baris terakhir (Ctrl+Shift+↓) dan kolom-kolom kosong di kanan data sampai kolom "
    "terakhir (Ctrl+Shift+→), klik kanan → Hapus, simpan, lalu unggah ulang."
)

# A cell that is not a plain ``<c r="A1"`` (one column letter, at most five row digits), and a
# prefixed ``<x:c`` that is not either: only a sheet with one of these is parsed element by element.
_SEL_TIDAK_BIASA = re.compile(rb'<c[\s/>](?!r="[A-Z][0-9]{1,5}")')
_SEL_BERAWALAN = re.compile(rb':c[\s/>](?!r="[A-Z][0-9]{1,5}")')
_BATAS_BIASA = (99_999, 26)  # rows, columns a plain reference can reach
_DIMENSI = re.compile(rb'<(?:[\w.-]+:)?dimension\s[^>]*?\bref\s*=\s*["\']([^"\']*)["\']')
_REF = re.compile(r"\$?([A-Za-z]{1,7})\$?([0-9]{1,10})")


@dataclass(frozen=True)
class Luas:
    """How far one sheet reaches from A1: the last row and column holding a cell (1-based)."""

    sheet: str
    baris: int
    kolom: int
    dinyatakan: bool = False
    """From what the sheet declares (``<dimension>``, DIMENSIONS) rather than from its cells."""

    @property
    def sel(self) -> int:
        return self.baris * self.kolom

    @property
    def ujung(self) -> str:
        """The farthest cell, e.g. ``XFD100000``."""
        return f"{huruf_kolom(self.kolom)}{self.baris}"


def huruf_kolom(nomor: int) -> str:
    """Excel's column letters for a 1-based column number, beyond XFD too.

    >>> huruf_kolom(5), huruf_kolom(16_384), huruf_kolom(65_536)
    ('E', 'XFD', 'CRXP')
    """
    letters = ""
    while nomor > 0:
        nomor, sisa = divmod(nomor - 1, 26)
        letters = chr(65 + sisa) + letters
    return letters or "A"


def check_extent(data: bytes, file_name: str, batas: BatasBerkas) -> tuple[list[Masalah], bytes]:
    """Every sheet reaching past ``batas`` (empty when none does), and the bytes the reader should
    open: for a ZIP workbook the same archive with its entries stored uncompressed.

    ``data`` has passed :func:`etl.file_safety.check_file`. A file whose sheets cannot be measured
    is refused as damaged: what cannot be measured must not be read.
    """
    try:
        if data.startswith(MAGIC_ZIP):
            luas, readable = _zip(data, batas)
        elif data.startswith(MAGIC_OLE2):
            luas, readable = _xls(data), data
        else:
            return [error("", "", pesan_rusak(file_name))], data
    except _TidakTerukur as reason:
        return [error("", "", str(reason) or pesan_rusak(file_name))], data
    except Exception:  # damaged archives, streams and XML raise many types
        return [error("", "", pesan_rusak(file_name))], data
    return [problem for sheet in luas if (problem := _masalah(sheet, batas))], readable


class _TidakTerukur(Exception):
    """The sheets cannot be measured; the message (if any) says why, for the user."""


def _dalam_batas(luas: Luas, batas: BatasBerkas) -> bool:
    return not _lewat(luas, batas)


def _lewat(luas: Luas, batas: BatasBerkas) -> list[str]:
    """The limits ``luas`` passes, in words."""
    lewat = []
    if luas.baris > batas.max_rows_per_sheet + 1:  # the header row comes on top
        lewat.append(f"{format_angka(batas.max_rows_per_sheet)} baris data")
    if luas.kolom > batas.max_columns_per_sheet:
        kolom = batas.max_columns_per_sheet
        lewat.append(f"{format_angka(kolom)} kolom (sampai kolom {huruf_kolom(kolom)})")
    if luas.sel > batas.max_cells_per_sheet:
        lewat.append(f"{format_angka(batas.max_cells_per_sheet)} sel")
    return lewat


def _masalah(luas: Luas, batas: BatasBerkas) -> Masalah | None:
    """The refusal of a sheet reaching too far, naming every limit it passes."""
    lewat = _lewat(luas, batas)
    if not lewat:
        return None
    apa = "menyatakan wilayah terpakai" if luas.dinyatakan else "terpakai"
    return error(
        luas.sheet,
        "",
        f"Sheet “{luas.sheet}” {apa} sampai sel {luas.ujung} ({format_angka(luas.baris)} baris × "
        f"{format_angka(luas.kolom)} kolom): lebih dari {' dan '.join(lewat)} per sheet. {SIMPAN_ULANG}",
    )


# --- ZIP: .xlsx and .ods -----------------------------------------------------------------------


def _zip(data: bytes, batas: BatasBerkas) -> tuple[list[Luas], bytes]:
    """Measure the sheets of an .xlsx or .ods while copying every entry, inflated, into a stored archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        if len(set(names)) != len(names):
            raise _TidakTerukur()  # which copy a reader takes is not defined: refuse both
        lower = {name.lower(): name for name in names}
        if "xl/workbook.bin" in lower:
            raise _TidakTerukur(
                "Berkas ini buku kerja biner Excel (.xlsb), yang tidak dapat diperiksa. Buka di Excel, pilih File → "
                "Simpan Sebagai → Buku Kerja Excel (*.xlsx), lalu unggah berkas .xlsx tersebut."
            )
        by_name = {info.filename: info for info in infos}
        if "content.xml" in lower and "xl/workbook.xml" in lower:
            raise _TidakTerukur()  # an .ods and an .xlsx at once: which one the reader opens is not ours to know
        sheets = _xlsx_sheets(lambda name: _isi(data, by_name[name]), lower) if "xl/workbook.xml" in lower else {}
        luas: list[Luas] = []
        stored = _Arsip()
        for info in infos:
            content = _isi(data, info)
            key = info.filename.lower()
            if key == "content.xml":  # measured whatever the mimetype says: the reader may take it as .ods
                luas += _ods(content)
            elif key in sheets or _is_worksheet(key):
                sheet = _xlsx_sheet(content, sheets.get(key) or posixpath.basename(info.filename), batas)
                luas += [sheet] if sheet is not None else []
            stored.tambah(info, content)
            del content
    return luas, stored.bytes()


def _isi(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """One entry inflated in a single call, never past its declared size, CRC checked: zipfile's
    reader does the same in 64 KB steps of Python, a third slower over a folder of reports."""
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _TidakTerukur()  # encrypted, or compressed as no spreadsheet program does
    if data[info.header_offset : info.header_offset + 4] != MAGIC_ZIP:
        raise _TidakTerukur()
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        content = bytes(raw)
    else:
        inflater = zlib.decompressobj(-15)
        content = inflater.decompress(raw, info.file_size)
        if not inflater.eof:
            raise _TidakTerukur()
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise _TidakTerukur()
    return content


def _is_worksheet(key: str) -> bool:
    return "/worksheets/" in key and key.endswith(".xml")


def _xlsx_sheets(read: Callable[[str], bytes], lower: dict[str, str]) -> dict[str, str]:
    """Lower-case entry name → sheet name, from the workbook and its relationships."""
    workbook = lower.get("xl/workbook.xml")
    rels = lower.get("xl/_rels/workbook.xml.rels")
    if workbook is None or rels is None:
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in ElementTree.fromstring(read(rels)).iter()
        if _local(rel.tag) == "Relationship"
    }
    sheets = {}
    for sheet in ElementTree.fromstring(read(workbook)).iter():
        if _local(sheet.tag) != "sheet":
            continue
        rid = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), None)
        target = targets.get(rid)
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            sheets[path.lower()] = sheet.get("name", path)
    return sheets


def _local(name: str) -> str:
    """``{namespace}name`` or ``prefix:name`` → ``name``."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _xlsx_sheet(xml: bytes, name: str, batas: BatasBerkas) -> Luas | None:
    """The farther of what the sheet declares and what its cells reach; None when every cell has
    a plain reference that cannot pass the limits and nothing larger is declared."""
    start = xml.find(b"<sheetData")
    declared = _DIMENSI.search(xml, 0, start if start >= 0 else min(len(xml), 65_536))
    cells = _xlsx_cells(xml, name, batas)
    if declared is None:
        return cells
    rows, cols = _ujung_ref(declared.group(1).decode("ascii", "replace"))
    if cells is None or rows > cells.baris or cols > cells.kolom:
        found = (0, 0) if cells is None else (cells.baris, cells.kolom)
        return Luas(name, max(rows, found[0]), max(cols, found[1]), dinyatakan=True)
    return cells


def _xlsx_cells(xml: bytes, name: str, batas: BatasBerkas) -> Luas | None:
    """How far the cells reach, counted element by element unless every cell has a plain
    reference (then None: at most row 99,999 and column Z, within the limits)."""
    plain = _SEL_TIDAK_BIASA.search(xml) is None and _SEL_BERAWALAN.search(xml) is None
    if plain and _dalam_batas(Luas(name, *_BATAS_BIASA), batas):
        return None
    return _Sel.count(xml, name)


def _ujung_ref(ref: str) -> tuple[int, int]:
    """The last (row, column) of ``A1:E287`` or ``E287``, 1-based; (0, 0) when unreadable."""
    best = (0, 0)
    for part in ref.split(":"):
        match = _REF.fullmatch(part.strip())
        if match:
            best = max(best, (int(match.group(2)), _nomor_kolom(match.group(1))), key=lambda rc: rc[0] * rc[1])
    return best


def _nomor_kolom(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


class _Sel:
    """The reader's own walk over a sheet's rows and cells (expat): a ``row`` sets the row from its
    ``r``, a cell without ``r`` takes the next column of its row; every ``c`` element, any prefix."""

    def __init__(self) -> None:
        self.row, self.col = -1, 0
        self.max_row, self.max_col = 0, 0

    @classmethod
    def count(cls, xml: bytes, name: str) -> Luas:
        walk = cls()
        parser = _expat()
        parser.StartElementHandler = walk.start
        parser.EndElementHandler = walk.end
        parser.Parse(xml, True)
        return Luas(name, walk.max_row, walk.max_col)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "row":
            self.row = _baris(attrs.get("r"), self.row + 1)
            self.col = 0
        elif local == "c":
            ref = attrs.get("r")
            if ref is not None:
                match = _REF.fullmatch(ref.strip())
                if match is None:
                    raise _TidakTerukur()
                self.row, self.col = int(match.group(2)) - 1, _nomor_kolom(match.group(1)) - 1
            self.max_row, self.max_col = max(self.max_row, self.row + 1), max(self.max_col, self.col + 1)
            self.col += 1

    def end(self, tag: str) -> None:
        if _local(tag) == "row":
            self.col = 0


def _baris(ref: str | None, default: int) -> int:
    """0-based row of a ``row`` element's ``r`` (1-based), or ``default``."""
    if ref is None:
        return default
    digits = "".join(ch for ch in ref if ch.isdigit())
    if not digits:
        raise _TidakTerukur()
    return int(digits) - 1


def _expat() -> Any:
    """An expat parser that never loads anything from outside the file."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


# --- ODS ---------------------------------------------------------------------------------------


def _ods(content: bytes) -> list[Luas]:
    """Every table of ``content.xml``: rows and columns with their repeats expanded, up to the last
    cell holding a value or a formula (or anything inside it)."""
    walk = _TabelOds()
    parser = _expat()
    parser.StartElementHandler = walk.start
    parser.EndElementHandler = walk.end
    parser.Parse(content, True)
    return walk.luas


# Spaces an .ods may ask for with <text:s text:c="N"/> in one table, repeats expanded: the reader
# writes them out one by one with no limit of its own, so a 33 KB file can ask for gigabytes.
SPASI_ODS_MAKS = 10_000_000


class _TabelOds:
    def __init__(self) -> None:
        self.luas: list[Luas] = []
        self.spasi_sel = self.spasi = 0  # spaces asked for by the open cell, by the table
        self.name = ""
        self.row = 0  # rows before the current one, repeats expanded
        self.repeat = 1
        self.col = 0  # columns before the current cell, repeats expanded
        self.max_row = self.max_col = 0
        self.cell: tuple[int, int] | None = None  # (first column, repeats) of the open cell
        self.filled = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if self.cell is not None:
            self.filled = True  # text or anything else inside a cell
            if local == "s":
                self.spasi_sel += _ulang(_atribut(attrs, "c"))
        elif local == "table":
            self.name, self.row, self.max_row, self.max_col = _atribut(attrs, "name") or "?", 0, 0, 0
            self.spasi = 0
        elif local == "table-row":
            self.repeat, self.col = _ulang(_atribut(attrs, "number-rows-repeated")), 0
        elif local in ("table-cell", "covered-table-cell"):
            self.cell = (self.col, _ulang(_atribut(attrs, "number-columns-repeated")))
            self.filled = any(_local(key) in ("value-type", "formula") for key in attrs)

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local in ("table-cell", "covered-table-cell") and self.cell is not None:
            first, repeats = self.cell
            if self.filled:
                self.max_col = max(self.max_col, first + repeats)
                self.max_row = max(self.max_row, self.row + self.repeat)
                self.spasi += self.spasi_sel * repeats * self.repeat
                if self.spasi > SPASI_ODS_MAKS:
                    raise _TidakTerukur(
                        f"Sheet “{self.name}” meminta lebih dari {format_angka(SPASI_ODS_MAKS)} karakter spasi "
                        "berulang, jauh lebih banyak daripada isi laporan mana pun. Buka berkas di LibreOffice atau "
                        "Excel, simpan sebagai .xlsx, lalu unggah ulang."
                    )
            self.col, self.cell, self.spasi_sel = first + repeats, None, 0
        elif local == "table-row":
            self.row += self.repeat
        elif local == "table":
            self.luas.append(Luas(self.name, self.max_row, self.max_col))


def _atribut(attrs: dict[str, str], local: str) -> str | None:
    """An attribute by its local name, whatever prefix the file gave it."""
    return next((value for key, value in attrs.items() if _local(key) == local), None)


def _ulang(value: str | None) -> int:
    if value is None:
        return 1
    if not value.strip().isdigit():
        raise _TidakTerukur()
    return max(int(value), 1)


# --- XLS (BIFF) --------------------------------------------------------------------------------

_BOF, _EOF, _BOUNDSHEET, _DIMENSIONS = 0x0809, 0x000A, 0x0085, 0x0200
_SEL_BIFF = {0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006, 0x0201}  # row, column first
_SEL_BANYAK_BIFF = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, ..., last column


def _xls(data: bytes) -> list[Luas]:
    """Each sheet's substream, found from the BOUNDSHEET records of the workbook globals."""
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        # The reader looks for "Workbook" or "Book" in a case of its own: with two such streams, or
        # one in another case, the stream measured here might not be the one it reads.
        streams = [path[0] for path in ole.listdir() if len(path) == 1 and path[0].lower() in ("workbook", "book")]
        if len(streams) != 1 or streams[0] not in ("Workbook", "Book", "WORKBOOK", "BOOK"):
            raise _TidakTerukur()
        stream = ole.openstream(streams[0]).read()
    sheets = []
    for record, payload in _records(stream, 0):
        if record == _BOUNDSHEET and len(payload) >= 8:
            sheets.append((int.from_bytes(payload[0:4], "little"), _nama_sheet_biff(payload[6:])))
        elif record == _EOF:
            break
    return [_xls_sheet(stream, offset, name) for offset, name in sheets]


def _records(stream: bytes, offset: int) -> Iterator[tuple[int, bytes]]:
    while offset + 4 <= len(stream):
        record, length = struct.unpack_from("<HH", stream, offset)
        yield record, stream[offset + 4 : offset + 4 + length]
        offset += 4 + length


def _nama_sheet_biff(raw: bytes) -> str:
    """BIFF8 ShortXLUnicodeString (length, flags, characters); BIFF5 length and 8-bit characters."""
    if not raw:
        return "?"
    length = raw[0]
    if len(raw) >= 2 and raw[1] in (0, 1) and len(raw) >= 2 + length * (raw[1] + 1):
        text = raw[2 : 2 + length * (raw[1] + 1)]
        return text.decode("utf-16-le" if raw[1] else "latin-1", "replace")
    return raw[1 : 1 + length].decode("latin-1", "replace")


def _xls_sheet(stream: bytes, offset: int, name: str) -> Luas:
    """The declared DIMENSIONS and every cell record up to the sheet's EOF, skipping embedded
    substreams (charts) as the reader does."""
    depth, seen_bof = 0, False
    declared = (0, 0)
    max_row = max_col = 0
    for record, payload in _records(stream, offset):
        if record == _BOF:
            depth += 1 if seen_bof else 0
            seen_bof = True
        elif record == _EOF:
            if depth == 0:
                break
            depth -= 1
        elif depth:
            continue
        elif record == _DIMENSIONS:
            declared = _dimensi_biff(payload)
        elif len(payload) >= 4 and (record in _SEL_BIFF or record in _SEL_BANYAK_BIFF):
            row, col = struct.unpack_from("<HH", payload)
            if record in _SEL_BANYAK_BIFF and len(payload) >= 6:
                col = max(col, int.from_bytes(payload[-2:], "little"))
            max_row, max_col = max(max_row, row + 1), max(max_col, col + 1)
    if declared[0] > max_row or declared[1] > max_col:
        return Luas(name, max(declared[0], max_row), max(declared[1], max_col), dinyatakan=True)
    return Luas(name, max_row, max_col)


def _dimensi_biff(payload: bytes) -> tuple[int, int]:
    """(rows, columns) a DIMENSIONS record declares: its last row and column are exclusive. A first
    row or column past the last is refused: the reader subtracts them unchecked and asks for
    billions of cells."""
    if len(payload) >= 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", payload)
    elif len(payload) >= 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", payload)
    else:
        return (0, 0)
    if first_row > last_row or first_col > last_col:
        raise _TidakTerukur()
    return (last_row, last_col)


# --- A stored archive --------------------------------------------------------------------------


class _Arsip:
    """A ZIP archive written entry by entry without compression, each with its original CRC
    (checked while it was inflated), so nothing is computed twice."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.central: list[bytes] = []
        self.offset = 0

    def tambah(self, info: zipfile.ZipInfo, content: bytes) -> None:
        name = info.filename.encode("utf-8")
        fields = (0x0800, 0, 0, 0x21, info.CRC, len(content), len(content), len(name))  # UTF-8 names, stored
        local = struct.pack("<IH4HIIIHH", 0x04034B50, 20, *fields, 0) + name
        self.central.append(
            struct.pack("<I2H4HIIIHHHHHII", 0x02014B50, 20, 20, *fields, 0, 0, 0, 0, info.external_attr, self.offset)
            + name
        )
        self.parts += (local, content)
        self.offset += len(local) + len(content)

    def bytes(self) -> bytes:
        central = b"".join(self.central)
        end = struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(self.central), len(self.central), len(central), self.offset, 0
        )
        return b"".join([*self.parts, central, end])
