"""The addresses behind cells (etl.hyperlink): hyperlinks and HYPERLINK formulas in .xlsx (openpyxl,
xlsxwriter, LibreOffice), .ods and .xls, and files that are damaged or built to hurt.

Workbooks are built here: the app's template edited with openpyxl as an operator would, xlsxwriter
files, LibreOffice conversions (skipped without LibreOffice, a failure under CI), and parts written
by hand where a case needs XML no writer produces (ranges, prefixed namespaces, repeated ODS rows).
"""

from __future__ import annotations

import datetime as dt
import doctest
import io
import random
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.workbook import Workbook
from python_calamine import CalamineWorkbook

import etl.hyperlink
from analytics.nama import SatkerDirectory, normalize_name
from etl.hyperlink import SEL_MAKS, baca_hyperlink
from etl.reader import open_workbook
from etl.rules_laporan import validate_laporan
from testdata.workbooks import activity, laporan, save
from tests.tools import require_program, run_program

LINK, TB = "Link Amplifikasi", "TB News"
IG = "https://www.instagram.com/p/C7xYz12AbCd/?igsh=MWd2c2Z4&utm_source=ig_web_copy_link"
X = "https://x.com/DivHumas_Polri/status/1790000000000000001"
BERITA = "https://tribratanews.jatim.polri.go.id/berita/12345/judul?a=1&b=2"


def _tautan_di_sel(book: Workbook) -> None:
    """Tautan cells as operators leave them: a word whose hyperlink holds the address."""
    book[LINK]["E2"] = "Link"
    book[LINK]["E2"].hyperlink = IG
    book[LINK]["E3"] = "klik disini"
    book[LINK]["E3"].hyperlink = X
    book[LINK]["E4"] = "lihat"
    book[LINK]["E4"].hyperlink = "#Identitas!A1"  # a place inside the workbook: not an address
    book[TB]["E2"] = f'=HYPERLINK("{BERITA}","Link")'
    book[TB]["E3"] = '=hyperlink("https://a.id/kutip?q=""polri""", "kecil")'  # "" is a quote
    book[TB]["E4"] = '=IFERROR(HYPERLINK("https://a.id/dalam"),"-")'
    book[TB]["E5"] = '=HYPERLINK("https://a.id/"&A5,"sambung")'  # not a constant: unknown
    book[TB]["E6"] = "=HYPERLINK(F6)"


HARAPAN = {
    LINK: {"E2": IG, "E3": X},
    TB: {"E2": BERITA, "E3": 'https://a.id/kutip?q="polri"', "E4": "https://a.id/dalam"},
}


@pytest.fixture(scope="module")
def laporan_bertautan() -> bytes:
    rows = {LINK: [activity(day, "") for day in (2, 3, 4)], TB: [activity(day, "") for day in (2, 3, 4, 5, 6)]}
    return laporan(rows, edit=_tautan_di_sel)


def test_hyperlinks_and_formulas_of_a_report_edited_with_openpyxl(laporan_bertautan: bytes) -> None:
    assert baca_hyperlink(laporan_bertautan) == HARAPAN


def test_only_the_sheets_asked_for_are_read(laporan_bertautan: bytes) -> None:
    assert baca_hyperlink(laporan_bertautan, [TB]) == {TB: HARAPAN[TB]}
    assert baca_hyperlink(laporan_bertautan, ["Tidak Ada", "Identitas"]) == {}


def test_the_cells_text_is_what_calamine_reads_and_the_address_is_ours(laporan_bertautan: bytes) -> None:
    rows = open_workbook(laporan_bertautan, "laporan.xlsx").rows(LINK)
    assert [row[4] for row in rows[1:4]] == ["Link", "klik disini", "lihat"]


TERPOTONG = "https://tribratanews.batu.jatim.polri.go.id/berita/kapolres-batu-pimp…"
BERITA_SATU = "https://tribratanews.batu.jatim.polri.go.id/berita/kapolres-batu-pimpin-apel-pagi"
BERITA_DUA = "https://tribratanews.batu.jatim.polri.go.id/berita/kapolres-batu-pimpin-patroli-malam"


def _laporan_terpotong(teks: str, hyperlink: dict[str, str]) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
    """Validate a report whose two TB News rows show ``teks``, with the given hyperlinks; the rows
    as (row, url) and every problem of TB News as (cell, message)."""

    def edit(book: Workbook) -> None:
        for sel, alamat in hyperlink.items():
            book[TB][sel].hyperlink = alamat

    data = laporan({TB: [activity(2, teks, "Website"), activity(3, teks, "Website")]}, edit=edit)
    direktori = SatkerDirectory({normalize_name("Polres Kediri Kota"): (1, "Polres Kediri Kota")})
    hasil, masalah = validate_laporan(open_workbook(data, "laporan.xlsx"), direktori, dt.date(2024, 6, 3))
    return [(baris[1], baris[5]) for baris in hasil.aktivitas], [(m.cell, m.message) for m in masalah if m.sheet == TB]


@pytest.mark.parametrize("teks", [TERPOTONG, TERPOTONG.replace("…", "...")])
def test_a_cell_showing_a_cut_off_link_uses_its_hyperlink(teks: str) -> None:
    baris, masalah = _laporan_terpotong(teks, {"E2": BERITA_SATU, "E3": BERITA_DUA})
    assert baris == [(2, BERITA_SATU), (3, BERITA_DUA)]  # two articles, not one link counted once
    assert masalah == [
        ("E2", f"Sel menampilkan “{teks[:57]}…”; dipakai alamat hyperlink-nya: {BERITA_SATU}."),
        ("E3", f"Sel menampilkan “{teks[:57]}…”; dipakai alamat hyperlink-nya: {BERITA_DUA}."),
    ]


def test_a_cut_off_link_without_a_hyperlink_is_refused_saying_to_copy_the_full_address() -> None:
    baris, masalah = _laporan_terpotong(TERPOTONG, {"E3": BERITA_DUA})
    assert baris == []
    assert [sel for sel, _ in masalah] == ["E2", "E3"]
    assert "terpotong" in masalah[0][1] and "Salin alamat lengkapnya" in masalah[0][1]
    assert masalah[1][1].startswith("Sel menampilkan")


def test_a_workbook_without_hyperlinks_gives_nothing() -> None:
    data = laporan({LINK: [activity(day, f"https://a.id/{day}") for day in range(1, 31)]})
    assert baca_hyperlink(data) == {}


def test_xlsxwriter_urls_formulas_and_internal_links() -> None:
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as book:
        book.add_worksheet("Identitas")
        sheet = book.add_worksheet("SPIT Konten & Lain")  # & is escaped in workbook.xml
        sheet.write_url("E2", IG, string="Link")
        sheet.write_url("E3", "internal:Identitas!A1", string="ke Identitas")
        sheet.write_formula("E4", f'=HYPERLINK("{X}","Link")', None, "Link")
        sheet.write_url("E5", "https://a.id/bagian#judul-2", string="lihat")
    assert baca_hyperlink(buffer.getvalue()) == {
        "SPIT Konten & Lain": {"E2": IG, "E4": X, "E5": "https://a.id/bagian#judul-2"}
    }


def test_many_hyperlinks_across_the_pieces_the_sheet_is_read_in() -> None:
    """20,000 links make a sheet part of several megabytes: tags that straddle two pieces are
    found exactly once."""
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer) as book:
        sheet = book.add_worksheet(LINK)
        for row in range(1, 20_001):
            sheet.write_string(row, 2, "x" * 60)
            if row % 2:
                sheet.write_url(row, 4, f"https://www.instagram.com/p/{row:011d}/", string="Link")
            else:
                sheet.write_formula(row, 4, f'=HYPERLINK("https://x.com/a/status/{row}","Link")', None, "Link")
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as arsip:
        assert arsip.getinfo("xl/worksheets/sheet1.xml").file_size > 2 * 1024 * 1024  # three pieces or more
    peta = baca_hyperlink(data)[LINK]
    assert len(peta) == 20_000
    assert peta["E2"] == "https://www.instagram.com/p/00000000001/" and peta["E20000"].endswith("/00000019999/")
    assert peta["E3"] == "https://x.com/a/status/2" and peta["E20001"] == "https://x.com/a/status/20000"


# --- Parts written by hand: what writers produce less often --------------------------------------

_CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"""
_REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _xlsx(sheets: dict[str, tuple[str, bytes, bytes | None]], workbook_part: str = "xl/workbook.xml") -> bytes:
    """A package with sheets (name → (part, sheet XML, relationships XML or None))."""
    entries = "".join(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(sheets, start=1))
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{_REL_TYPE}/worksheet" Target="/{part}"/>'
        for n, (part, _, _) in enumerate(sheets.values(), start=1)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as arsip:
        arsip.writestr("[Content_Types].xml", _CONTENT_TYPES)
        arsip.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL_TYPE}/officeDocument" Target="{workbook_part}"/></Relationships>',
        )
        arsip.writestr(
            workbook_part,
            f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{_REL_TYPE}"><sheets>{entries}</sheets></workbook>',
        )
        folder, name = workbook_part.rsplit("/", 1)
        arsip.writestr(
            f"{folder}/_rels/{name}.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships">{rels}</Relationships>',
        )
        for part, xml, part_rels in sheets.values():
            arsip.writestr(part, xml)
            if part_rels is not None:
                folder, name = part.rsplit("/", 1)
                arsip.writestr(f"{folder}/_rels/{name}.rels", part_rels)
    return buffer.getvalue()


def _rels(*targets: tuple[str, str]) -> bytes:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{_REL_TYPE}/hyperlink" Target="{target}" TargetMode="External"/>'
        for rid, target in targets
    )
    return f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'.encode()


def test_ranges_prefixes_quotes_locations_and_a_sheet_order_of_its_own() -> None:
    sheet = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheetData>'
        b'<x:row r="2"><x:c r="E2" t="str"><x:f>HYPERLINK("https://a.id/f?x=1&amp;y=2";"Link")</x:f><x:v>Link</x:v></x:c></x:row>'
        b"</x:sheetData><x:hyperlinks><x:hyperlink ref='E3:F4' rel:id='rId7'/>"
        b'<x:hyperlink ref="E5" rel:id="rId8" location="bagian"/><x:hyperlink ref="E6" location="Identitas!A1"/>'
        b"</x:hyperlinks></x:worksheet>"
    )
    kosong = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    data = _xlsx(
        {
            "Identitas": ("xl/worksheets/sheet9.xml", kosong, None),
            TB: (
                "xl/worksheets/sheet1.xml",
                sheet,
                _rels(("rId7", "https://a.id/r?a=1&amp;b=2"), ("rId8", "https://a.id/l")),
            ),
        },
        workbook_part="xl/buku.xml",
    )
    assert baca_hyperlink(data) == {
        TB: {
            "E2": "https://a.id/f?x=1&y=2",
            "E3": "https://a.id/r?a=1&b=2",
            "F3": "https://a.id/r?a=1&b=2",
            "E4": "https://a.id/r?a=1&b=2",
            "F4": "https://a.id/r?a=1&b=2",
            "E5": "https://a.id/l#bagian",
        }
    }


def test_a_range_over_the_whole_sheet_is_cut_at_the_cell_limit() -> None:
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="'
        + _REL_TYPE.encode()
        + b'"><sheetData/><hyperlinks><hyperlink ref="A1:XFD1048576" r:id="rId1"/></hyperlinks></worksheet>'
    )
    awal = time.perf_counter()
    peta = baca_hyperlink(_xlsx({TB: ("xl/worksheets/sheet1.xml", sheet, _rels(("rId1", "https://a.id/")))}))[TB]
    assert len(peta) == SEL_MAKS and peta["A1"] == "https://a.id/"
    assert time.perf_counter() - awal < 30


# --- OpenDocument -------------------------------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"'
)


def _ods(tables: str) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}><office:body>'
        f"<office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as arsip:
        arsip.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        arsip.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
            'opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type'
            '="text/xml"/></manifest:manifest>',
            zipfile.ZIP_DEFLATED,
        )
        arsip.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _sel(teks: str = "", href: str | None = None, **atribut: str) -> str:
    attrs = "".join(f' table:{kunci.replace("_", "-")}="{nilai}"' for kunci, nilai in atribut.items())
    isi = f'<text:a xlink:href="{escape(href)}">{teks}</text:a>' if href else teks
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{isi}</text:p></table:table-cell>'


def test_ods_repeated_rows_and_cells_covered_cells_and_several_links_in_one_cell() -> None:
    baris = [
        (
            f'<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/>'
            f"{_sel('Link', IG)}</table:table-row>"
        ),  # E1 and E2
        (
            f"<table:table-row><table:table-cell/><table:covered-table-cell/>{_sel('a', 'https://a.id/c')}"
            f'<table:table-cell table:number-columns-repeated="1000000000"/></table:table-row>'
        ),  # C3
        (
            '<table:table-row table:number-rows-repeated="1048570">'
            '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        ),
        (
            "<table:table-row>" + '<table:table-cell table:number-columns-repeated="4"/>'
            '<table:table-cell><text:p><text:a xlink:href="https://a.id/1">satu</text:a> dan '
            '<text:a xlink:href="https://a.id/2">dua</text:a></text:p>'
            '<text:p><text:a xlink:href="#Sheet1.A1">x</text:a>'
            "</text:p></table:table-cell></table:table-row>"
        ),  # E1048574: two links
        (
            f"<table:table-row>{_sel('klik', formula='of:=HYPERLINK(&quot;https://a.id/f&quot;;&quot;klik&quot;)')}"
            "</table:table-row>"
        ),  # A1048575
    ]
    data = _ods(
        f'<table:table table:name="Identitas"><table:table-row>{_sel("Satker")}</table:table-row></table:table>'
        f'<table:table table:name="{TB}">{"".join(baris)}</table:table>'
    )
    assert CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names == ["Identitas", TB]  # a real ODS to calamine
    assert baca_hyperlink(data) == {
        TB: {
            "E1": IG,
            "E2": IG,
            "C3": "https://a.id/c",
            "E1048574": "https://a.id/1\nhttps://a.id/2",
            "A1048575": "https://a.id/f",
        }
    }
    assert baca_hyperlink(data, ["Identitas"]) == {}


# --- LibreOffice ----------------------------------------------------------------------------------

_FORMAT = {"ods": "calc8", "xls": "MS Excel 97", "xlsx": "Calc MS Excel 2007 XML"}


@pytest.fixture(scope="module")
def libreoffice(laporan_bertautan: bytes, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The report saved by LibreOffice as .ods, .xls (Excel 97) and .xlsx, one soffice run each."""
    soffice = require_program("soffice", "libreoffice", install="pasang paket libreoffice-calc-nogui")
    folder = tmp_path_factory.mktemp("hyperlink")
    sumber = folder / "laporan.xlsx"
    sumber.write_bytes(laporan_bertautan)
    hasil = {}
    for ext, filter_ in _FORMAT.items():
        keluar = folder / ext
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            f"{ext}:{filter_}",
            "--outdir",
            str(keluar),
            str(sumber),
        ]
        proses = run_program(command, 180, f"LibreOffice (konversi ke .{ext})")
        target = Path(keluar / f"laporan.{ext}")
        if not target.is_file():
            pytest.fail(f"LibreOffice gagal menulis {target.name}: {proses.stdout}\n{proses.stderr}")
        hasil[ext] = target.read_bytes()
    return hasil


@pytest.mark.parametrize("ext", list(_FORMAT))
def test_files_saved_by_libreoffice_give_the_same_addresses(libreoffice: dict[str, bytes], ext: str) -> None:
    harapan = HARAPAN
    if ext == "xls":  # a .xls formula is read only when it is HYPERLINK of constants, not inside IFERROR
        harapan = {**HARAPAN, TB: {sel: alamat for sel, alamat in HARAPAN[TB].items() if sel != "E4"}}
    assert baca_hyperlink(libreoffice[ext]) == harapan
    assert baca_hyperlink(libreoffice[ext], [LINK]) == {LINK: HARAPAN[LINK]}


# --- Damaged and hostile files --------------------------------------------------------------------

_BOM_ENTITAS = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + n]), (b"&" + bytes([97 + n]) + b";") * 10) for n in range(9))
    + b']><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">&j;</Relationships>'
)


def test_an_entity_bomb_in_a_relationships_part_does_not_blow_up() -> None:
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="'
        + _REL_TYPE.encode()
        + b'"><sheetData/><hyperlinks><hyperlink ref="E2" r:id="rId1"/></hyperlinks></worksheet>'
    )
    awal = time.perf_counter()
    assert baca_hyperlink(_xlsx({TB: ("xl/worksheets/sheet1.xml", sheet, _BOM_ENTITAS)})) == {}
    assert time.perf_counter() - awal < 5


def test_a_sheet_full_of_unclosed_hyperlink_tags_is_read_in_bounded_time() -> None:
    sheet = b"<worksheet><sheetData>" + b"<hyperlink " * 400_000 + b'<hyperlink ref="E2" r:id="rId1"/></worksheet>'
    awal = time.perf_counter()
    peta = baca_hyperlink(_xlsx({TB: ("xl/worksheets/sheet1.xml", sheet, _rels(("rId1", "https://a.id/")))}))
    assert peta == {TB: {"E2": "https://a.id/"}}
    assert time.perf_counter() - awal < 30


def test_one_damaged_sheet_leaves_the_others_readable(laporan_bertautan: bytes) -> None:
    rusak = bytearray(laporan_bertautan)
    with zipfile.ZipFile(io.BytesIO(laporan_bertautan)) as arsip:
        info = next(i for i in arsip.infolist() if b"HYPERLINK" in arsip.read(i))  # the TB News part
    awal_data = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    rusak[awal_data + 10 : awal_data + info.compress_size - 10] = bytes(info.compress_size - 20)
    assert baca_hyperlink(bytes(rusak)) == {LINK: HARAPAN[LINK]}


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
BUKAN_BUKU = [b"", b"PK\x03\x04", OLE2 + bytes(600), b"%PDF-1.4", b"PK\x03\x04" + bytes(100)]


@pytest.mark.parametrize("data", BUKAN_BUKU)
def test_what_is_not_a_workbook_gives_nothing(data: bytes) -> None:
    assert baca_hyperlink(data) == {}


def _berkas_kecil() -> dict[str, bytes]:
    book = openpyxl.Workbook()
    book.active.title = TB
    book.active["E2"] = "Link"
    book.active["E2"].hyperlink = IG
    book.active["E3"] = f'=HYPERLINK("{X}","x")'
    return {
        "xlsx": save(book),
        "ods": _ods(f'<table:table table:name="{TB}"><table:table-row>{_sel("a", IG)}</table:table-row></table:table>'),
    }


_KECIL = _berkas_kecil()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(_KECIL)),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    st.integers(0, 10**6),
)
def test_damaged_bytes_never_raise(jenis: str, ubah: list[tuple[int, int]], potong: int) -> None:
    data = bytearray(_KECIL[jenis])
    for posisi, nilai in ubah:
        data[posisi % len(data)] = nilai
    hasil = baca_hyperlink(bytes(data[: max(4, len(data) - potong % len(data))]))
    assert isinstance(hasil, dict)
    assert all(isinstance(alamat, str) for peta in hasil.values() for alamat in peta.values())


def test_damaged_files_saved_by_libreoffice_never_raise(libreoffice: dict[str, bytes]) -> None:
    acak = random.Random(16)
    for ext, asli in libreoffice.items():
        for _ in range(150):
            data = bytearray(asli)
            for _ in range(acak.randint(1, 20)):
                data[acak.randrange(len(data))] = acak.randrange(256)
            hasil = baca_hyperlink(bytes(data[: acak.randint(8, len(data))]))
            assert isinstance(hasil, dict), ext


def test_docstring_examples() -> None:
    hasil = doctest.testmod(etl.hyperlink)
    assert hasil.attempted > 0 and hasil.failed == 0
