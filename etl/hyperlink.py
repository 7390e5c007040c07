"""The addresses behind cells: hyperlinks and ``HYPERLINK("url", "text")`` formulas (pure).

Operators often leave a Tautan cell showing "Link" or "klik disini" whose hyperlink holds the
address. python-calamine, the fast reader, gives only the text, so this module reads the
hyperlinks from the file itself, only for the sheets asked for (the validator asks only when a
Tautan cell is not an address), and stays cheap otherwise:

- .xlsx: the workbook's sheet list (``xl/workbook.xml`` and its relationships) names the sheet
  parts; a part's ``<hyperlinks>`` point into its relationships (``_rels/sheetN.xml.rels``, only
  read when the zip holds one). The sheet XML is streamed in pieces and only pieces that contain
  "hyperlink" at all are searched, with bounded patterns: ``<sheetData>`` costs one inflate and
  one byte search per megabyte, and a hostile part cannot make the search explode.
- .ods: ``content.xml`` is streamed (``<text:a xlink:href>`` inside cells, ``of:=HYPERLINK(…)``)
  when it mentions a link at all; rows are dropped as soon as they are read.
- .xls: the BIFF8 ``HLINK`` records (URL monikers) and ``FORMULA`` records whose first
  argument to HYPERLINK is a string constant; see :mod:`etl.hyperlink_xls`.

Nothing here raises on a damaged or hostile file: what can be read is returned.
"""

from __future__ import annotations

import html
import io
import logging
import posixpath
import re
import zipfile
from collections.abc import Collection, Iterator
from typing import IO
from xml.etree import ElementTree

from etl.hyperlink_xls import baca_xls
from etl.problems import cell_ref

_log = logging.getLogger(__name__)

PetaHyperlink = dict[str, dict[str, str]]
"""Sheet name → cell reference (``E14``) → address, for the cells that have one."""

SEL_MAKS = 200_000  # cells per sheet: a range "A1:XFD1048576" is not expanded beyond this
BAGIAN_KECIL_MAKS = 8 * 1024 * 1024  # workbook.xml and relationship parts
BAGIAN_MAKS = 256 * 1024 * 1024  # a sheet part or content.xml, read in pieces
_POTONGAN = 1024 * 1024
_TUMPANG = 16 * 1024  # every pattern below matches at most this many bytes
_MAGIC_ZIP, _MAGIC_OLE2 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_NS_REL_PAKET = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_NS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_NS_XLINK = "{http://www.w3.org/1999/xlink}"

# A <hyperlink …> tag of a sheet part (any prefix; <hyperlinks> does not match), and a cell whose
# formula mentions HYPERLINK; both bounded so that no match is longer than _TUMPANG.
_AWALAN = rb"(?:[A-Za-z_][\w.-]{0,20}:)?"  # a namespace prefix ("x:" from the Open XML SDK)
_TAG_HYPERLINK = rb"<" + _AWALAN + rb"hyperlink\b([^<>]{0,4000})>"
_SEL_RUMUS = rb"<" + _AWALAN + rb"c\b([^<>]{0,1000})>\s{0,100}<" + _AWALAN + rb"f\b[^<>]{0,1000}>([^<]{0,9000})<"
_POLA_SHEET = re.compile(rb"(?:" + _TAG_HYPERLINK + rb")|(?:" + _SEL_RUMUS + rb")")
_ATRIBUT = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# The first argument of HYPERLINK when it is a string constant ("" is a quote inside it).
_RUMUS = re.compile(r'HYPERLINK\s*\(\s*"((?:[^"]|"")*)"\s*[,;)]', re.IGNORECASE)
_SEL = re.compile(r"\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})")
# Targets that are a place in the workbook (#Sheet!A1) or a file beside it (../laporan.xlsx):
# what LibreOffice makes of an internal link when it saves.
_BUKAN_ALAMAT = ("#", ".", "/")


def baca_hyperlink(data: bytes, sheets: Collection[str] | None = None) -> PetaHyperlink:
    """For each sheet (every sheet, or only ``sheets``) the address behind each cell that has
    one: its hyperlink, else the first argument of a ``HYPERLINK("…")`` formula. Internal links
    (to a place in the workbook) are left out; a cell holding several links (.ods) gives them
    one per line. Sheets without any are absent. Never raises: a damaged file gives what could
    be read.

    >>> import openpyxl, io
    >>> buku = openpyxl.Workbook()
    >>> buku.active.title = "TB News"
    >>> buku.active["E2"] = "Link"
    >>> buku.active["E2"].hyperlink = "https://tribratanews.polri.go.id/berita/1"
    >>> buku.active["E3"] = '=HYPERLINK("https://x.com/humas/status/17", "klik disini")'
    >>> berkas = io.BytesIO()
    >>> buku.save(berkas)
    >>> baca_hyperlink(berkas.getvalue())
    {'TB News': {'E2': 'https://tribratanews.polri.go.id/berita/1', 'E3': 'https://x.com/humas/status/17'}}
    """
    diminta = None if sheets is None else set(sheets)
    hasil: PetaHyperlink = {}
    try:
        if data[:4] == _MAGIC_ZIP:
            hasil = _baca_zip(data, diminta)
        elif data[:8] == _MAGIC_OLE2:
            hasil = baca_xls(data, diminta)
    except Exception:  # a damaged or hostile file: nothing readable beyond this point
        _log.debug("hyperlink tidak dapat dibaca", exc_info=True)
    return {sheet: dict(sorted(peta.items(), key=_urutan_sel)) for sheet, peta in hasil.items()}


def _urutan_sel(item: tuple[str, str]) -> tuple[int, int]:
    """Row, then column: the order cells are read in."""
    cocok = _SEL.fullmatch(item[0])
    return (int(cocok[2]), _nomor_kolom(cocok[1])) if cocok else (0, 0)


def _baca_zip(data: bytes, diminta: set[str] | None) -> PetaHyperlink:
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        nama = {info.filename: info for info in arsip.infolist()}
        if "content.xml" in nama and "xl/workbook.xml" not in nama:
            return _baca_ods(arsip, nama["content.xml"], diminta)
        hasil: PetaHyperlink = {}
        for sheet, bagian in _bagian_sheet(arsip, nama):
            if diminta is not None and sheet not in diminta:
                continue
            try:
                peta = _baca_bagian_sheet(arsip, nama, bagian)
            except Exception:  # one damaged sheet part: the other sheets still count
                _log.debug("sheet %r: hyperlink tidak dapat dibaca", sheet, exc_info=True)
                continue
            if peta:
                hasil[sheet] = peta
        return hasil


def _baca_kecil(arsip: zipfile.ZipFile, info: zipfile.ZipInfo) -> ElementTree.Element | None:
    """A small XML part (workbook, relationships), None when it is too large to be one."""
    if info.file_size > BAGIAN_KECIL_MAKS:
        return None
    with arsip.open(info) as berkas:
        return ElementTree.fromstring(berkas.read(BAGIAN_KECIL_MAKS + 1))


def _relasi(arsip: zipfile.ZipFile, nama: dict[str, zipfile.ZipInfo], bagian: str) -> dict[str, tuple[str, str, str]]:
    """Id → (type, target, target mode) of a part's relationships (empty when it has none)."""
    folder, berkas = posixpath.split(bagian)
    info = nama.get(posixpath.join(folder, "_rels", berkas + ".rels"))
    akar = None if info is None else _baca_kecil(arsip, info)
    if akar is None:
        return {}
    return {
        rel.get("Id", ""): (rel.get("Type", ""), rel.get("Target", ""), rel.get("TargetMode", ""))
        for rel in akar.iter(_NS_REL_PAKET + "Relationship")
    }


def _bagian_sheet(arsip: zipfile.ZipFile, nama: dict[str, zipfile.ZipInfo]) -> Iterator[tuple[str, str]]:
    """(sheet name, part name) in the workbook's order."""
    paket = _relasi(arsip, nama, "")
    buku = next(
        (target.lstrip("/") for tipe, target, _ in paket.values() if tipe.endswith("/officeDocument")),
        "xl/workbook.xml",
    )
    if buku not in nama:
        return
    akar = _baca_kecil(arsip, nama[buku])
    if akar is None:
        return
    relasi = _relasi(arsip, nama, buku)
    for sheet in akar.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((nilai for kunci, nilai in sheet.attrib.items() if kunci.endswith("}id")), "")  # r:id
        if rid in relasi and sheet.get("name") is not None:
            yield sheet.get("name", ""), _target(buku, relasi[rid][1])


def _target(sumber: str, target: str) -> str:
    """A relationship target as a part name (relative to the source part's folder, or absolute)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(sumber), target))


def _baca_bagian_sheet(arsip: zipfile.ZipFile, nama: dict[str, zipfile.ZipInfo], bagian: str) -> dict[str, str]:
    info = nama.get(bagian)
    if info is None:
        return {}
    relasi = _relasi(arsip, nama, bagian)  # no relationships part: no cell hyperlinks, formulas only
    tautan: dict[str, str] = {}
    rumus: dict[str, str] = {}
    with arsip.open(info) as berkas:
        for cocok in _pindai(berkas, min(info.file_size, BAGIAN_MAKS)):
            if cocok.group(1) is not None:
                _tambah_hyperlink(tautan, _atribut(cocok.group(1)), relasi)
            else:
                sel = _atribut(cocok.group(2)).get("r", "")
                alamat = _alamat_rumus(html.unescape(cocok.group(3).decode("utf-8", "replace")))
                if alamat and _SEL.fullmatch(sel) and len(rumus) < SEL_MAKS:
                    rumus[sel] = alamat
    return {**rumus, **tautan}  # a cell's own hyperlink wins over its formula


def _pindai(berkas: IO[bytes], batas: int) -> Iterator[re.Match[bytes]]:
    """Matches of the sheet patterns in a part read piece by piece; a piece without "hyperlink"
    in it is skipped after one byte search. Overlapping the pieces by more than the longest
    match finds every match exactly once."""
    sisa = b""
    dibaca = 0
    while True:
        potongan = berkas.read(min(_POTONGAN, batas - dibaca)) if dibaca < batas else b""
        dibaca += len(potongan)
        buf = sisa + potongan
        habis = not potongan
        aman = len(buf) if habis else max(0, len(buf) - _TUMPANG)
        mulai_sisa = aman
        if b"yperlink" in buf or b"YPERLINK" in buf:
            for cocok in _POLA_SHEET.finditer(buf):
                if cocok.start() >= aman:
                    break
                yield cocok
                mulai_sisa = max(mulai_sisa, cocok.end())
        if habis:
            return
        sisa = buf[mulai_sisa:]


def _atribut(teks: bytes) -> dict[str, str]:
    """Attributes of a tag by local name (``r:id`` → ``id``), entities decoded."""
    hasil = {}
    for kunci, ganda, tunggal in _ATRIBUT.findall(teks):
        nilai = ganda if ganda or not tunggal else tunggal
        hasil[kunci.decode("ascii", "replace").rpartition(":")[2]] = html.unescape(nilai.decode("utf-8", "replace"))
    return hasil


def _tambah_hyperlink(tautan: dict[str, str], atribut: dict[str, str], relasi: dict[str, tuple[str, str, str]]) -> None:
    """The cells of one <hyperlink ref=… r:id=… location=…>, when it points outside the workbook."""
    tipe, target, _ = relasi.get(atribut.get("id", ""), ("", "", ""))
    alamat = target.strip()
    if not tipe.endswith("/hyperlink") or not alamat or alamat.startswith(_BUKAN_ALAMAT):
        return  # a place inside the workbook, or a file next to it
    lokasi = atribut.get("location", "").strip()
    if lokasi and "#" not in alamat:
        alamat += "#" + lokasi
    for sel in _rentang(atribut.get("ref", ""), SEL_MAKS - len(tautan)):
        tautan[sel] = alamat


def _rentang(ref: str, maks: int) -> Iterator[str]:
    """The cells of ``E2`` or ``E2:E40`` (row by row), at most ``maks`` of them."""
    awal, _, akhir = ref.strip().partition(":")
    pertama, terakhir = _SEL.fullmatch(awal), _SEL.fullmatch(akhir or awal)
    if pertama is None or terakhir is None or maks <= 0:
        return
    kolom = sorted((_nomor_kolom(pertama[1]), _nomor_kolom(terakhir[1])))
    baris = sorted((int(pertama[2]), int(terakhir[2])))
    for nomor_baris in range(baris[0], baris[1] + 1):
        for nomor_kolom in range(kolom[0], kolom[1] + 1):
            yield cell_ref(nomor_kolom, nomor_baris)
            maks -= 1
            if maks <= 0:
                return


def _nomor_kolom(huruf: str) -> int:
    nomor = 0
    for satu in huruf:
        nomor = nomor * 26 + ord(satu) - 64
    return min(nomor, 16_384)


def _alamat_rumus(rumus: str) -> str | None:
    """The first argument of HYPERLINK in a formula, when it is a string constant."""
    cocok = _RUMUS.search(rumus)
    if cocok is None:
        return None
    alamat = cocok[1].replace('""', '"').strip()
    return alamat if alamat and not alamat.startswith(_BUKAN_ALAMAT) else None


# --- OpenDocument ---------------------------------------------------------------------------------


def _baca_ods(arsip: zipfile.ZipFile, info: zipfile.ZipInfo, diminta: set[str] | None) -> PetaHyperlink:
    """Cells of content.xml that hold <text:a xlink:href> or an of:=HYPERLINK formula."""
    with arsip.open(info) as berkas:
        if not _ada_tautan_ods(berkas, min(info.file_size, BAGIAN_MAKS)):
            return {}
    hasil: PetaHyperlink = {}
    try:
        with arsip.open(info) as berkas:
            _urai_ods(berkas, min(info.file_size, BAGIAN_MAKS), diminta, hasil)
    except (ElementTree.ParseError, zipfile.BadZipFile, EOFError, ValueError):
        _log.debug("content.xml rusak; hyperlink yang sudah terbaca dipakai", exc_info=True)
    return {sheet: peta for sheet, peta in hasil.items() if peta}


def _ada_tautan_ods(berkas: IO[bytes], batas: int) -> bool:
    sisa, dibaca = b"", 0
    while dibaca < batas:
        potongan = berkas.read(min(_POTONGAN, batas - dibaca))
        if not potongan:
            return False
        dibaca += len(potongan)
        buf = sisa + potongan
        if b"xlink:href" in buf or b"YPERLINK" in buf or b"yperlink" in buf:
            return True
        sisa = buf[-32:]
    return False


def _urai_ods(berkas: IO[bytes], batas: int, diminta: set[str] | None, hasil: PetaHyperlink) -> None:
    """Every element is dropped from its parent as soon as it ends, so memory stays one path deep
    whatever the file holds."""
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    jalur: list[ElementTree.Element] = []
    pembaca = _PembacaOds(diminta, hasil)
    dibaca = 0
    while dibaca < batas:
        potongan = berkas.read(min(_POTONGAN, batas - dibaca))
        if not potongan:
            break
        dibaca += len(potongan)
        parser.feed(potongan)
        for peristiwa, unsur in parser.read_events():
            if peristiwa == "start":
                jalur.append(unsur)
                pembaca.mulai(unsur)
                continue
            jalur.pop()
            pembaca.selesai(unsur)
            if jalur:
                jalur[-1].remove(unsur)  # its only child by now: every earlier one is gone


class _PembacaOds:
    """Positions of .ods cells follow the repeat counts of rows and cells."""

    def __init__(self, diminta: set[str] | None, hasil: PetaHyperlink) -> None:
        self.diminta, self.hasil = diminta, hasil
        self.peta: dict[str, str] | None = None  # the sheet being read, None when it is not asked for
        self.baris = self.kolom = 0  # 0-based row being read and column of the next cell
        self.sel_baris: list[tuple[int, int, str]] = []  # (column, repeat, address) in the current row
        self.href: list[str] = []  # links inside the current cell

    def mulai(self, unsur: ElementTree.Element) -> None:
        tag = unsur.tag
        if tag == _NS_TABLE + "table":
            nama = unsur.get(_NS_TABLE + "name", "")
            asked = self.diminta is None or nama in self.diminta
            self.peta = self.hasil.setdefault(nama, {}) if asked else None
            self.baris = 0
        elif tag == _NS_TABLE + "table-row":
            self.kolom, self.sel_baris = 0, []
        elif tag in _SEL_ODS:
            self.href = []

    def selesai(self, unsur: ElementTree.Element) -> None:
        tag = unsur.tag
        if tag == _NS_TEXT + "a":
            self.href.append(unsur.get(_NS_XLINK + "href", ""))
        elif tag in _SEL_ODS:
            ulang = _ulang(unsur.get(_NS_TABLE + "number-columns-repeated"))
            alamat = _alamat_sel_ods(self.href, unsur.get(_NS_TABLE + "formula"))
            if alamat and self.peta is not None:
                self.sel_baris.append((self.kolom, ulang, alamat))
            self.kolom += ulang
        elif tag == _NS_TABLE + "table-row":
            ulang = _ulang(unsur.get(_NS_TABLE + "number-rows-repeated"))
            if self.peta is not None:
                for nomor_kolom, ulang_kolom, alamat in self.sel_baris:
                    _isi_ods(self.peta, self.baris, ulang, nomor_kolom, ulang_kolom, alamat)
            self.baris += ulang
        elif tag == _NS_TABLE + "table":
            self.peta = None


_SEL_ODS = (_NS_TABLE + "table-cell", _NS_TABLE + "covered-table-cell")


def _ulang(nilai: str | None) -> int:
    return int(nilai) if nilai and nilai.isdigit() and len(nilai) < 10 else 1


def _alamat_sel_ods(href: list[str], rumus: str | None) -> str | None:
    """The links of one cell (one per line), else the address of its HYPERLINK formula."""
    alamat = [satu.strip() for satu in href if satu.strip() and not satu.strip().startswith(_BUKAN_ALAMAT)]
    if alamat:
        return "\n".join(dict.fromkeys(alamat))
    return _alamat_rumus(rumus) if rumus else None


def _isi_ods(peta: dict[str, str], baris: int, ulang_baris: int, kolom: int, ulang_kolom: int, alamat: str) -> None:
    for nomor_baris in range(baris, min(baris + ulang_baris, 1_048_576)):
        for nomor_kolom in range(kolom, min(kolom + ulang_kolom, 16_384)):
            if len(peta) >= SEL_MAKS:
                return
            peta[cell_ref(nomor_kolom + 1, nomor_baris + 1)] = alamat
