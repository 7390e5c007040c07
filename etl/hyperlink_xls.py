"""Hyperlinks of a legacy .xls workbook (BIFF8), for :func:`etl.hyperlink.baca_hyperlink`.

Read from the ``Workbook`` stream: the sheet list (BOUNDSHEET8 records), then in each sheet's
records the HLINK records whose moniker is a URL moniker, and FORMULA records whose formula is
``HYPERLINK("…", …)`` with a string constant as first argument. Links to files and to places in
the workbook are left out. Excel 5/95 files (a ``Book`` stream) have no HLINK records.
Record layouts: [MS-XLS] 2.4.140 HLink, 2.4.127 Formula, 2.4.28 BoundSheet8; [MS-OSHARED]
2.3.7 Hyperlink Object.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

import olefile

from etl.problems import cell_ref

STREAM_MAKS = 64 * 1024 * 1024
SEL_MAKS = 200_000

_EOF, _FILEPASS, _BOUNDSHEET, _HLINK, _FORMULA = 0x000A, 0x002F, 0x0085, 0x01B8, 0x0006
_URL_MONIKER = bytes.fromhex("E0C9EA79F9BACE118C8200AA004BA90B")  # {79EAC9E0-BAF9-11CE-8C82-00AA004BA90B}
_PTG_STR, _PTG_ATTR, _ATTR_SPASI, _PTG_FUNC_VAR, _HYPERLINK = 0x17, 0x19, 0x40, (0x22, 0x42, 0x62), 359
_ADA_MONIKER, _ADA_LOKASI, _ADA_NAMA, _ADA_FRAME, _MONIKER_TEKS = 0x01, 0x08, 0x10, 0x80, 0x100


def baca_xls(data: bytes, diminta: set[str] | None) -> dict[str, dict[str, str]]:
    """Sheet name → cell → address, for the sheets asked for (all when ``diminta`` is None)."""
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("Workbook"):
            return {}
        stream = ole.openstream("Workbook").read(STREAM_MAKS)
    hasil = {}
    for nama, posisi in _daftar_sheet(stream):
        if diminta is None or nama in diminta:
            peta = _baca_sheet(stream, posisi)
            if peta:
                hasil[nama] = peta
    return hasil


def _rekaman(stream: bytes, posisi: int) -> Iterator[tuple[int, bytes]]:
    """(record type, payload) from ``posisi`` up to and including the next EOF record."""
    while posisi >= 0 and posisi + 4 <= len(stream):
        tipe, panjang = struct.unpack_from("<HH", stream, posisi)
        yield tipe, stream[posisi + 4 : posisi + 4 + panjang]
        if tipe == _EOF:
            return
        posisi += 4 + panjang


def _daftar_sheet(stream: bytes) -> list[tuple[str, int]]:
    """(name, stream offset) of every worksheet; none when the file is encrypted."""
    daftar = []
    for tipe, isi in _rekaman(stream, 0):
        if tipe == _FILEPASS:
            return []
        if tipe == _BOUNDSHEET and len(isi) >= 8 and isi[5] == 0:  # dt 0: a worksheet
            daftar.append((_teks_pendek(isi, 6), struct.unpack_from("<I", isi, 0)[0]))
    return daftar


def _teks_pendek(isi: bytes, posisi: int) -> str:
    """A ShortXLUnicodeString: character count, a flags byte (bit 0: UTF-16, else one byte per
    character), the characters."""
    jumlah, tinggi = isi[posisi], isi[posisi + 1] & 1
    if tinggi:
        return isi[posisi + 2 : posisi + 2 + jumlah * 2].decode("utf-16-le", "replace")
    return isi[posisi + 2 : posisi + 2 + jumlah].decode("latin-1")


def _baca_sheet(stream: bytes, posisi: int) -> dict[str, str]:
    tautan: dict[str, str] = {}
    rumus: dict[str, str] = {}
    for tipe, isi in _rekaman(stream, posisi):
        if tipe == _HLINK and len(isi) >= 32:
            alamat = _alamat_hlink(isi)
            if alamat:
                baris_awal, baris_akhir, kolom_awal, kolom_akhir = struct.unpack_from("<HHHH", isi, 0)
                for baris in range(baris_awal, baris_akhir + 1):
                    for kolom in range(kolom_awal, min(kolom_akhir, 255) + 1):
                        if len(tautan) < SEL_MAKS:
                            tautan[cell_ref(kolom + 1, baris + 1)] = alamat
        elif tipe == _FORMULA and len(isi) > 22:
            alamat = _alamat_rumus(isi)
            if alamat and len(rumus) < SEL_MAKS:
                baris, kolom = struct.unpack_from("<HH", isi, 0)
                rumus[cell_ref(min(kolom, 255) + 1, baris + 1)] = alamat
    return {**rumus, **tautan}


def _teks_hyperlink(isi: bytes, posisi: int) -> tuple[str, int]:
    """A HyperlinkString (character count with its terminating NUL, UTF-16) and the offset after it."""
    (jumlah,) = struct.unpack_from("<I", isi, posisi)
    akhir = posisi + 4 + jumlah * 2
    if akhir > len(isi):
        raise ValueError("HyperlinkString melewati akhir rekaman")
    return isi[posisi + 4 : akhir].decode("utf-16-le", "replace").split("\x00", 1)[0], akhir


def _alamat_hlink(isi: bytes) -> str | None:
    """The URL of an HLINK record (with its #location), None for a file or an internal place."""
    (bendera,) = struct.unpack_from("<I", isi, 28)
    posisi = 32
    try:
        if bendera & _ADA_NAMA:
            _, posisi = _teks_hyperlink(isi, posisi)
        if bendera & _ADA_FRAME:
            _, posisi = _teks_hyperlink(isi, posisi)
        if not bendera & _ADA_MONIKER:
            return None  # a place inside the workbook only
        if bendera & _MONIKER_TEKS:
            url, posisi = _teks_hyperlink(isi, posisi)
        else:
            if isi[posisi : posisi + 16] != _URL_MONIKER:
                return None  # a file moniker: a document on the operator's computer
            (panjang,) = struct.unpack_from("<I", isi, posisi + 16)
            data_url = isi[posisi + 20 : posisi + 20 + panjang]
            url = data_url.decode("utf-16-le", "replace").split("\x00", 1)[0]
            posisi += 20 + panjang
        lokasi = _teks_hyperlink(isi, posisi)[0] if bendera & _ADA_LOKASI else ""
    except (struct.error, ValueError):
        return None  # a truncated record
    url = url.strip()
    if lokasi.strip() and "#" not in url:
        url += "#" + lokasi.strip()
    return url or None


def _alamat_rumus(isi: bytes) -> str | None:
    """The address of ``HYPERLINK("…")`` or ``HYPERLINK("…", "…")``: the whole formula is one or
    two string constants (ptgStr, spaces between them allowed) and the call of HYPERLINK
    (ptgFuncVar 359). Anything else
    (a cell reference, a concatenation, HYPERLINK inside IFERROR) is not read from a .xls."""
    (panjang,) = struct.unpack_from("<H", isi, 20)
    rgce = isi[22 : 22 + panjang]
    teks: list[str] = []
    posisi = 0
    while posisi + 3 <= len(rgce) and rgce[posisi] in (_PTG_STR, _PTG_ATTR):
        if rgce[posisi] == _PTG_ATTR:  # only a space between arguments (ptgAttrSpace)
            if rgce[posisi + 1] != _ATTR_SPASI:
                return None
            posisi += 4
            continue
        teks.append(_teks_pendek(rgce, posisi + 1))
        posisi += 3 + rgce[posisi + 1] * (2 if rgce[posisi + 2] & 1 else 1)
    panggil = rgce[posisi:]
    if not 1 <= len(teks) <= 2 or len(panggil) != 4 or panggil[0] not in _PTG_FUNC_VAR or panggil[1] != len(teks):
        return None
    if struct.unpack_from("<H", panggil, 2)[0] & 0x7FFF != _HYPERLINK:
        return None
    alamat = teks[0].strip()
    return alamat if alamat and not alamat.startswith(("#", ".", "/")) else None
