"""The checks on raw upload bytes refuse hostile or broken files with Indonesian messages, on real files.

Every file here is built by the test: workbooks with openpyxl, ZIP variants with zipfile, OLE2
compound files by hand (``compound_file``), so the detection code parses real structures.
"""

from __future__ import annotations

import doctest
import io
import random
import struct
import time
import zipfile

import pytest
from openpyxl import Workbook

import etl.file_safety as file_safety
from etl.file_safety import BatasBerkas, check_file
from etl.problems import Masalah

# --- Builders -----------------------------------------------------------------------------------


def xlsx_bytes() -> bytes:
    """A real workbook as Excel would accept it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Identitas"
    sheet.append(["Isian", "Nilai"])
    sheet.append(["Satker", "Polres Contoh"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, extra: dict[str, bytes] | None = None, replace: dict | None = None) -> bytes:
    """The same archive with entries added or replaced."""
    extra, replace = extra or {}, replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info)))
        for name, content in extra.items():
            target.writestr(name, content)
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            # ODF wants mimetype first and stored; harmless for the other archives.
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=compression)
    return out.getvalue()


ODS_CONTENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
    b'<office:body><office:spreadsheet><table:table table:name="Identitas"/></office:spreadsheet>'
    b"</office:body></office:document-content>"
)


def ods_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    entries = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": ODS_CONTENT}
    return zip_bytes({**entries, **(extra or {})})


_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def compound_file(tree: dict[str, bytes | dict]) -> bytes:
    """A minimal valid OLE2 compound file (version 3, 512-byte sectors, one FAT sector).

    ``tree`` maps names to stream bytes or to nested dicts (storages). Streams are padded to 4 KB
    so they live in regular sectors and no mini stream is needed.
    """
    entries: list[dict] = [{"name": "Root Entry", "type": 5, "kids": []}]

    def add(parent: int, subtree: dict[str, bytes | dict]) -> None:
        for name, value in subtree.items():
            index = len(entries)
            entries[parent]["kids"].append(index)
            if isinstance(value, dict):
                entries.append({"name": name, "type": 1, "kids": []})
                add(index, value)
            else:
                entries.append({"name": name, "type": 2, "kids": [], "data": value.ljust(4096, b"\0")})

    add(0, tree)
    dir_sectors = -(-len(entries) * 128 // 512)
    next_sector = 1 + dir_sectors  # sector 0 is the FAT
    fat = [_FATSECT] + [i + 2 if i + 2 <= dir_sectors else _END for i in range(dir_sectors)]
    body = b""
    for entry in entries:
        data = entry.get("data", b"")
        count = -(-len(data) // 512)
        entry["start"] = next_sector if count else _END
        fat += [next_sector + i + 1 if i + 1 < count else _END for i in range(count)]
        next_sector += count
        body += data.ljust(count * 512, b"\0")
    assert len(fat) <= 128, "helper supports one FAT sector only"
    fat_sector = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    for entry in entries:  # the kids of a storage are chained through right siblings
        for kid, following in zip(entry["kids"], [*entry["kids"][1:], _NOSTREAM], strict=False):
            entries[kid]["right"] = following
    directory = b"".join(_dir_entry(entry) for entry in entries).ljust(dir_sectors * 512, b"\0")
    header = (
        file_safety.MAGIC_OLE2
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *[_FREE] * 108)
    )
    return header + fat_sector + directory + body


def _dir_entry(entry: dict) -> bytes:
    """One 128-byte directory entry (all black, no left siblings: olefile walks it like any tree)."""
    name = (entry["name"] + "\0").encode("utf-16-le")
    child = entry["kids"][0] if entry["kids"] else _NOSTREAM
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB", len(name), entry["type"], 1)
        + struct.pack("<III", _NOSTREAM, entry.get("right", _NOSTREAM), child)
        + b"\0" * 16
        + struct.pack("<IQQIQ", 0, 0, 0, entry.get("start", _END), len(entry.get("data", b"")))
    )


def biff(*records: tuple[int, bytes]) -> bytes:
    """A BIFF stream: BOF, the given records, EOF."""
    all_records = [(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0)), *records, (0x000A, b"")]
    return b"".join(struct.pack("<HH", kind, len(payload)) + payload for kind, payload in all_records)


def boundsheet(name: str, sheet_type: int) -> tuple[int, bytes]:
    return 0x0085, struct.pack("<IBBBB", 0, 0, sheet_type, len(name), 0) + name.encode("latin-1")


def xls_bytes(*records: tuple[int, bytes], extra: dict | None = None) -> bytes:
    return compound_file({"Workbook": biff(boundsheet("Identitas", 0), *records), **(extra or {})})


# --- Assertions ---------------------------------------------------------------------------------


def only_file_errors(problems: list[Masalah]) -> list[str]:
    """The messages, after checking every problem is a whole-file error."""
    assert problems, "expected the file to be refused"
    for problem in problems:
        assert (problem.sheet, problem.cell, problem.tingkat) == ("", "", "error")
    return [problem.message for problem in problems]


def refused_with(data: bytes, name: str, phrase: str, batas: BatasBerkas = file_safety.BATAS_BAWAAN) -> str:
    """The one message containing ``phrase``; it must also name the file."""
    messages = only_file_errors(check_file(data, name, batas))
    matching = [message for message in messages if phrase in message]
    assert len(matching) == 1, messages
    assert name in matching[0]
    return matching[0]


# --- Accepted files -----------------------------------------------------------------------------


def test_valid_xlsx_is_accepted() -> None:
    assert check_file(xlsx_bytes(), "laporan.xlsx") == []


def test_valid_ods_is_accepted() -> None:
    assert check_file(ods_bytes(), "laporan.ods") == []


def test_plain_xls_is_accepted_even_when_named_xlsx() -> None:
    data = xls_bytes()
    assert check_file(data, "laporan.xls") == []
    assert check_file(data, "laporan.xlsx") == []


def test_content_decides_over_an_unknown_extension() -> None:
    assert check_file(xlsx_bytes(), "laporan") == []
    assert check_file(xlsx_bytes(), "laporan.dat") == []


# --- Size ---------------------------------------------------------------------------------------


def test_empty_file() -> None:
    message = refused_with(b"", "laporan.xlsx", "kosong")
    assert "0 byte" in message


def test_oversized_file_states_both_sizes_with_decimal_comma() -> None:
    data = xlsx_bytes()
    limit = BatasBerkas(max_bytes=1000)
    message = refused_with(data, "laporan.xlsx", "melebihi batas", limit)
    assert file_safety.ukuran(len(data)) in message and "," in file_safety.ukuran(len(data))
    assert "1.000 byte" in message
    assert "bagi laporan menjadi beberapa berkas" in message
    assert len(check_file(data, "laporan.xlsx", limit)) == 1  # the workbook itself is fine


def test_default_limit_message_matches_the_documented_example() -> None:
    size = 26_528_973  # 25,3 MB
    assert file_safety._pesan_terlalu_besar("laporan.xlsx", size, 20 * 1024 * 1024) == (
        "Berkas laporan.xlsx berukuran 25,3 MB, melebihi batas 20 MB. Hapus baris kosong atau gambar "
        "lalu simpan ulang, atau bagi laporan menjadi beberapa berkas."
    )


def test_size_formatting_examples() -> None:
    result = doctest.testmod(file_safety)
    assert result.attempted > 0 and result.failed == 0


# --- Not a workbook -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "laporan.xlsx", "PDF"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(20), "laporan.xlsx", "PNG"),
        (b"No;Tanggal;Judul\n1;2024-01-05;Patroli siber\n", "laporan.xlsx", "teks"),
        (b"<html><body><table><tr><td>1</td></tr></table></body></html>", "laporan.xls", "HTML"),
        (random.Random(1).randbytes(600), "laporan.xlsx", "tidak dikenali"),
    ],
    ids=["pdf", "png", "csv-named-xlsx", "html-named-xls", "random"],
)
def test_other_content_is_not_a_workbook(data: bytes, name: str, what: str) -> None:
    message = refused_with(data, name, "bukan buku kerja Excel")
    assert what in message
    assert "Buku Kerja Excel (*.xlsx)" in message
    assert ".xlsx, .xls, .ods" in message


def test_csv_name_gets_the_save_as_hint() -> None:
    message = refused_with(b"No,Tanggal\n1,2024-01-05\n", "laporan.csv", "bukan buku kerja Excel")
    assert "Simpan sebagai" in message and "Excel Workbook" in message


def test_foreign_extension_mentions_the_accepted_ones() -> None:
    message = refused_with(b"%PDF-1.4\n", "laporan.pdf", "bukan buku kerja Excel")
    assert ".xlsx, .xls, .ods" in message


def test_word_document_zip_is_not_a_workbook() -> None:
    docx = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert "dokumen Word" in refused_with(docx, "laporan.xlsx", "bukan buku kerja Excel")


def test_plain_zip_of_files_is_not_a_workbook() -> None:
    archive = zip_bytes({"laporan/catatan.txt": b"isi"})
    assert "ekstrak" in refused_with(archive, "laporan.zip", "bukan buku kerja Excel")


def test_other_ole2_document_is_not_a_workbook() -> None:
    doc = compound_file({"WordDocument": b"\xec\xa5", "1Table": b""})
    refused_with(doc, "laporan.xls", "bukan buku kerja Excel")


# --- Damaged files ------------------------------------------------------------------------------


def test_truncated_zip_is_damaged() -> None:
    data = xlsx_bytes()
    message = refused_with(data[: len(data) // 2], "laporan.xlsx", "berkas rusak")
    assert "Buku Kerja Excel (*.xlsx)" in message


def test_zip_with_corrupt_small_entry_is_damaged() -> None:
    data = bytearray(ods_bytes())
    start = data.index(b"application/vnd.oasis")  # the stored mimetype bytes: break its CRC
    data[start] ^= 0xFF
    refused_with(bytes(data), "laporan.ods", "berkas rusak")


def test_truncated_ole2_is_damaged() -> None:
    data = xls_bytes()
    refused_with(data[:700], "laporan.xls", "berkas rusak")


# --- Zip bombs ----------------------------------------------------------------------------------


def claims_size(archive: bytes, size: int) -> bytes:
    """A one-entry archive whose central directory (and local header) claim ``size`` uncompressed."""
    data = bytearray(archive)
    struct.pack_into("<I", data, data.index(b"PK\x01\x02") + 24, size)
    struct.pack_into("<I", data, data.index(b"PK\x03\x04") + 22, size)
    return bytes(data)


def test_zip_claiming_300_mb_uncompressed_is_refused_without_inflating() -> None:
    bomb = claims_size(zip_bytes({"xl/workbook.xml": b"<workbook/>"}), 300 * 1024 * 1024)
    started = time.perf_counter()
    messages = only_file_errors(check_file(bomb, "laporan.xlsx"))
    assert time.perf_counter() - started < 0.5
    assert any("300 MB, melebihi batas 200 MB" in message for message in messages), messages
    assert any("rasio" in message for message in messages), messages


def test_highly_compressed_entry_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(11):  # 11 MB of zeros: above the 10 MB floor, about 1000:1
                entry.write(bytes(1024 * 1024))
    message = refused_with(out.getvalue(), "laporan.xlsx", "rasio")
    assert "xl/worksheets/sheet1.xml" in message and "11 MB" in message


def test_total_uncompressed_size_uses_the_limit() -> None:
    data = xlsx_bytes()
    message = refused_with(data, "laporan.xlsx", "setelah dibuka", BatasBerkas(max_uncompressed_bytes=2048))
    assert "melebihi batas 2 KB" in message


def test_too_many_entries() -> None:
    entries = {"xl/workbook.xml": b"<workbook/>", **{f"xl/media/image{i}.png": b"" for i in range(30)}}
    message = refused_with(zip_bytes(entries), "laporan.xlsx", "bagian", BatasBerkas(max_archive_entries=20))
    assert "31 bagian" in message and "batas 20" in message


# --- Macros -------------------------------------------------------------------------------------


def test_xlsx_with_vba_project_is_refused() -> None:
    data = rezip(xlsx_bytes(), extra={"xl/vbaProject.bin": compound_file({"VBA": {"dir": b""}})})
    message = refused_with(data, "laporan.xlsx", "makro")
    assert "Buku Kerja Excel (*.xlsx)" in message


def test_macro_enabled_content_type_is_refused() -> None:
    source = xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        types = archive.read("[Content_Types].xml")
    enabled = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    assert enabled != types
    data = rezip(source, replace={"[Content_Types].xml": enabled})
    assert "bermakro" in refused_with(data, "laporan.xlsx", "makro")


@pytest.mark.parametrize("suffix", [".xlsm", ".xlsb", ".xltm"])
def test_macro_extension_is_refused(suffix: str) -> None:
    message = refused_with(xlsx_bytes(), f"laporan{suffix}", "makro")
    assert suffix in message


def test_ods_with_basic_macros_is_refused() -> None:
    data = ods_bytes({"Basic/Standard/Module1.xml": b"<script:module/>", "Basic/script-lc.xml": b"<x/>"})
    assert "LibreOffice" in refused_with(data, "laporan.ods", "makro")


def test_xls_with_vba_storage_is_refused() -> None:
    data = xls_bytes(extra={"_VBA_PROJECT_CUR": {"VBA": {"dir": b"\x01"}, "PROJECT": b"ID="}})
    assert "VBA" in refused_with(data, "laporan.xls", "makro")


def test_xls_with_excel4_macro_sheet_is_refused() -> None:
    data = xls_bytes(boundsheet("Macro1", 1))
    assert "Excel 4.0" in refused_with(data, "laporan.xls", "makro")


# --- Passwords ----------------------------------------------------------------------------------


def encrypted_ooxml() -> bytes:
    """The OLE2 wrapper Excel writes around a password-protected .xlsx."""
    return compound_file(
        {
            "\x06DataSpaces": {"Version": b"\x3c\0\0\0"},
            "EncryptionInfo": struct.pack("<HHI", 4, 4, 0x40),
            "EncryptedPackage": struct.pack("<Q", 1234) + bytes(64),
        }
    )


def test_password_protected_xlsx_is_refused() -> None:
    message = refused_with(encrypted_ooxml(), "laporan.xlsx", "hapus kata sandi lalu unggah ulang")
    assert "Encrypt with Password" in message
    assert len(check_file(encrypted_ooxml(), "laporan.xlsx")) == 1


def test_password_protected_xlsm_reports_password_and_macros() -> None:
    messages = only_file_errors(check_file(encrypted_ooxml(), "laporan.xlsm"))
    assert len(messages) == 2
    assert any("hapus kata sandi lalu unggah ulang" in message for message in messages)
    assert any("makro" in message for message in messages)


def test_password_protected_xls_is_refused() -> None:
    filepass = (0x002F, struct.pack("<HHH", 1, 1, 2) + bytes(48))
    data = compound_file({"Workbook": biff(filepass, boundsheet("Identitas", 0))})
    refused_with(data, "laporan.xls", "hapus kata sandi lalu unggah ulang")


# --- Never raises -------------------------------------------------------------------------------

_RANDOM = random.Random(0)
_PREFIXES = [b"", file_safety.MAGIC_ZIP, file_safety.MAGIC_OLE2, b"%PDF"]
RANDOM_INPUTS = [_PREFIXES[index % 4] + _RANDOM.randbytes(_RANDOM.randrange(0, 3000)) for index in range(200)]


@pytest.mark.parametrize("data", RANDOM_INPUTS, ids=[f"random{i}" for i in range(200)])
def test_random_bytes_never_raise(data: bytes) -> None:
    problems = check_file(data, "acak.xlsx")
    assert all(isinstance(problem, Masalah) for problem in problems)


def _mutations(seed: int) -> list[bytes]:
    """Valid files with random bytes overwritten: reaches deep into the ZIP and OLE2 parsers."""
    rng = random.Random(seed)
    sources = [xlsx_bytes(), ods_bytes(), xls_bytes(), encrypted_ooxml()]
    mutated = []
    for index in range(40):
        data = bytearray(sources[index % len(sources)])
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(8, len(data))] = rng.randrange(256)
        mutated.append(bytes(data))
    return mutated


def test_mutated_real_files_never_raise() -> None:
    for data in _mutations(0):
        assert all(isinstance(problem, Masalah) for problem in check_file(data, "acak.xlsx"))


def test_failure_inside_a_check_becomes_a_damaged_file_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> list[Masalah]:
        raise RuntimeError("bug")

    monkeypatch.setattr(file_safety, "_check_zip", broken)
    refused_with(xlsx_bytes(), "laporan.xlsx", "berkas rusak")
