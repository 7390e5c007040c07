"""Layout of a category sheet as operators leave it (etl.tata_letak): header row, columns by name,
extra columns, JUMLAH/TOTAL rows and the signature block under them."""

from __future__ import annotations

import datetime as dt
import doctest
from typing import Any

import pytest

import etl.tata_letak
from etl.tata_letak import BARIS_JUDUL_MAKS, baris_diabaikan, bidang_judul, cari_tata_letak, isi_sel_gabungan
from etl.workbook_format import ACTIVITY_HEADER

SHEET = "Link Amplifikasi"
TEMPLAT = list(ACTIVITY_HEADER)
DATA = [1, dt.datetime(2024, 5, 2), "Patroli", "Instagram", "https://www.instagram.com/p/A1/"]


def _masalah(rows: list[list[Any]]) -> list[tuple[str, str, str]]:
    return [(m.tingkat, m.cell, m.message) for m in cari_tata_letak(SHEET, rows).masalah]


def test_the_template_header_is_taken_as_it_is() -> None:
    tata = cari_tata_letak(SHEET, [TEMPLAT, DATA])
    assert (tata.baris_judul, tata.baku, tata.masalah) == (1, True, ())
    assert dict(tata.kolom) == {"no": 1, "tanggal": 2, "judul": 3, "platform": 4, "tautan": 5}
    assert cari_tata_letak(SHEET, [["no", "TANGGAL", "judul/uraian", "Platform ", "tautan", ""], DATA]).baku


# (header row as written, field → column)
JUDUL = [
    (
        ["Tautan", "Platform", "Tanggal", "No", "Judul / Uraian"],
        {"tautan": 1, "platform": 2, "tanggal": 3, "no": 4, "judul": 5},
    ),
    (
        ["NO.", "Hari/Tanggal", "Uraian", "Media", "Link"],
        {"no": 1, "tanggal": 2, "judul": 3, "platform": 4, "tautan": 5},
    ),
    (["No", "Tgl", "Keterangan", "Platform", "URL"], {"no": 1, "tanggal": 2, "judul": 3, "platform": 4, "tautan": 5}),
    (
        ["#", "TANGGAL KEGIATAN", "JUDUL BERITA", "MEDIA SOSIAL", "TAUTAN/LINK"],
        {"no": 1, "tanggal": 2, "judul": 3, "platform": 4, "tautan": 5},
    ),
    (["Tanggal", "Link Postingan"], {"tanggal": 1, "tautan": 2}),
    (["", "Tgl.", "", "Link Berita"], {"tanggal": 2, "tautan": 4}),
]


@pytest.mark.parametrize(("judul", "kolom"), JUDUL)
def test_columns_are_found_by_name_in_any_order(judul: list[str], kolom: dict[str, int]) -> None:
    tata = cari_tata_letak(SHEET, [judul])
    assert (dict(tata.kolom), tata.baris_judul, tata.baku, tata.masalah) == (kolom, 1, False, ())


@pytest.mark.parametrize(
    ("teks", "bidang"),
    [
        ("Judul / Uraian", "judul"),
        ("judul/uraian", "judul"),
        ("Tautan", "tautan"),
        ("Link", "tautan"),
        ("url", "tautan"),
        ("Tautan/Link", "tautan"),
        ("Uraian", "judul"),
        ("Judul", "judul"),
        ("Keterangan", "judul"),
        ("Tgl", "tanggal"),
        ("Hari / Tanggal", "tanggal"),
        ("Media", "platform"),
        ("No", "no"),
        ("Nomor", "no"),
        ("Akun", None),
        ("Jumlah Like", None),
        ("", None),
        (None, None),
        (45415, None),
        ("Waktu", None),
    ],
)
def test_bidang_judul(teks: object, bidang: str | None) -> None:
    assert bidang_judul(teks) == bidang


def test_title_and_blank_rows_above_the_header_are_ignored_with_a_warning() -> None:
    rows = [
        ["LAPORAN LINK AMPLIFIKASI POLRES KEDIRI KOTA", "", "", "", ""],
        ["BULAN MEI 2024"] + [""] * 4,
        [""] * 5,
        TEMPLAT,
        DATA,
    ]
    tata = cari_tata_letak(SHEET, rows)
    assert (tata.baris_judul, tata.baku, dict(tata.kolom)["tautan"]) == (4, False, 5)
    pesan = "Baris 1–3 di atas judul kolom (baris 4) diabaikan: “LAPORAN LINK AMPLIFIKASI POLRES KEDIRI KOTA”."
    assert _masalah(rows) == [("warning", "A1", pesan)]
    assert list(tata.baris_data(rows)) == [(5, DATA[1:])]


def test_a_title_cell_naming_the_sheet_is_not_taken_for_the_header() -> None:
    rows = [["Link Amplifikasi"], [""], ["No", "Tanggal", "Uraian", "Platform", "Link"]]
    assert cari_tata_letak(SHEET, rows).baris_judul == 3


def test_the_header_may_sit_under_eleven_rows_but_not_further() -> None:
    judul_di = cari_tata_letak(SHEET, [["Judul"]] * (BARIS_JUDUL_MAKS - 1) + [TEMPLAT])
    assert judul_di.baris_judul == BARIS_JUDUL_MAKS and not judul_di.ada_kesalahan
    terlalu_jauh = cari_tata_letak(SHEET, [["Judul"]] * BARIS_JUDUL_MAKS + [TEMPLAT])
    assert terlalu_jauh.ada_kesalahan
    (kesalahan,) = terlalu_jauh.masalah
    assert kesalahan.cell == "A1" and kesalahan.message.startswith("Judul kolom tidak ditemukan di 12 baris pertama.")


def test_extra_columns_are_ignored_with_a_warning_naming_their_cell() -> None:
    rows = [["No", "Tanggal", "Akun", "Judul / Uraian", "Platform", "Tautan", "Jumlah Like"]]
    tata = cari_tata_letak(SHEET, rows)
    assert dict(tata.kolom) == {"no": 1, "tanggal": 2, "judul": 4, "platform": 5, "tautan": 6}
    assert _masalah(rows) == [
        ("warning", "C1", "Kolom “Akun” bukan kolom templat dan diabaikan."),
        ("warning", "G1", "Kolom “Jumlah Like” bukan kolom templat dan diabaikan."),
    ]
    assert tata.ambil([1, "2024-05-02", "@humas", "Patroli", "IG", "https://a.id/1", 17]) == [
        "2024-05-02",
        "Patroli",
        "IG",
        "https://a.id/1",
    ]
    assert tata.ambil([1, "2024-05-02"]) == ["2024-05-02", "", "", ""]


def test_a_second_column_for_an_optional_field_is_ignored_with_a_warning() -> None:
    rows = [["No", "Tanggal", "Judul", "Keterangan", "Platform", "Tautan"]]
    pesan = "Kolom “Keterangan” juga berarti Judul / Uraian; yang dipakai kolom C1, kolom ini diabaikan."
    assert _masalah(rows) == [("warning", "D1", pesan)]


def test_two_link_columns_are_refused_since_either_could_be_the_evidence() -> None:
    rows = [[""], ["No", "Tanggal", "Uraian", "Link IG", "Link FB"]]
    pesan = (
        "Ada 2 kolom Tautan (D2, E2); sisakan satu agar jelas mana yang dihitung, "
        "atau beri judul lain pada kolom tambahan."
    )
    assert _masalah(rows)[-1] == ("error", "E2", pesan)


@pytest.mark.parametrize(
    ("judul", "sel", "kolom"),
    [
        (["No", "Tanggal", "Judul / Uraian", "Platform", "Bukti Kegiatan"], "E1", "Tautan"),
        (["No", "Tanggal", "Judul / Uraian", "Platform"], "E1", "Tautan"),
        (["No", "Hari", "Judul / Uraian", "Platform", "Tautan"], "B1", "Tanggal"),
        (["Uraian", "Link"], "C1", "Tanggal"),
    ],
)
def test_a_missing_required_column_is_an_error_at_the_header_row(judul: list[str], sel: str, kolom: str) -> None:
    (kesalahan,) = [m for m in cari_tata_letak(SHEET, [judul]).masalah if m.tingkat == "error"]
    assert kesalahan.cell == sel
    awal = f"Kolom {kolom} tidak ditemukan di baris judul kolom (baris 1). Beri judul “{kolom}”"
    assert kesalahan.message.startswith(awal)


@pytest.mark.parametrize("rows", [[], [[""] * 5] * 3, [DATA, DATA], [["Patroli", 3]]])
def test_no_header_at_all_is_an_error_at_a1_naming_the_columns(rows: list[list[Any]]) -> None:
    tata = cari_tata_letak(SHEET, rows)
    assert [(m.tingkat, m.cell) for m in tata.masalah] == [("error", "A1")]
    assert "“No”, “Tanggal”, “Judul / Uraian”, “Platform”, “Tautan”" in tata.masalah[0].message


# --- Total rows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "baris",
    [
        ["JUMLAH", "", "", "", ""],
        ["", "Jumlah", "", "", 25],
        ["", "", "TOTAL :", "", "25"],
        ["Jumlah Total", "", "", "", ""],
        ["", "", "Grand Total", "", 25.0],
        ["", "", "Sub Total", "", "-"],
        ["Jml", "", "", "", ""],
        ["", "", "Jumlah Link Amplifikasi", "", "=SUM(A2:A4)"],
        ["total kegiatan", None, None, None, None],
    ],
)
def test_total_rows_are_ignored_with_a_warning(baris: list[Any]) -> None:
    rows = [TEMPLAT, DATA, baris]
    abaikan, masalah = baris_diabaikan(cari_tata_letak(SHEET, rows), rows)
    assert abaikan == {3}
    (peringatan,) = masalah
    assert peringatan.tingkat == "warning" and peringatan.cell.endswith("3")
    assert "dianggap baris jumlah dan diabaikan" in peringatan.message


@pytest.mark.parametrize(
    "baris",
    [
        ["", dt.datetime(2024, 5, 3), "Jumlah", "", ""],  # a date: a row to validate
        ["", "", "Jumlah", "", "https://a.id/jumlah"],  # a link: a row to validate
        ["", "", "Jumlah peserta vaksinasi meningkat tajam", "", ""],  # a sentence, not a label
        ["", "", "Patroli", "", ""],
    ],
)
def test_rows_that_are_not_total_rows_stay(baris: list[Any]) -> None:
    rows = [TEMPLAT, DATA, baris]
    assert baris_diabaikan(cari_tata_letak(SHEET, rows), rows) == (frozenset(), [])


def test_the_signature_block_under_the_total_row_is_ignored_too() -> None:
    rows = [
        ["LAPORAN"],
        TEMPLAT,
        DATA,
        DATA,
        ["JUMLAH", "", "", "", 2],
        [""] * 5,
        ["", "", "", "Kediri, 3 Juni 2024", ""],
        ["", "", "", "a.n. KAPOLRES KEDIRI KOTA", ""],
        ["", "", "", "AKBP Budi Santoso, S.H., M.H.", ""],
    ]
    abaikan, masalah = baris_diabaikan(cari_tata_letak(SHEET, rows), rows)
    assert abaikan == {5, 7, 8, 9}
    pesan = "Baris 7–9 di bawah baris jumlah (tanpa tanggal dan tautan, misalnya “Kediri, 3 Juni 2024”) diabaikan."
    assert (masalah[-1].cell, masalah[-1].message) == ("D7", pesan)


@pytest.mark.parametrize(
    "baris",
    [
        ["", "5 Mei 2024", "Jumlah Pengunjung Pantai Meningkat", "Website", "Link"],
        ["", "06/05/2024", "Total Giat Patroli", "Instagram", "klik disini"],
    ],
)
def test_a_title_starting_with_jumlah_on_a_row_with_a_typed_date_is_data(baris: list[Any]) -> None:
    rows = [TEMPLAT, DATA, baris]
    assert baris_diabaikan(cari_tata_letak(SHEET, rows), rows) == (frozenset(), [])


def test_a_title_starting_with_total_whose_link_is_a_hyperlink_is_data() -> None:
    rows = [TEMPLAT, DATA, ["", "", "Total Giat Patroli", "Instagram", "klik disini"]]
    tata = cari_tata_letak(SHEET, rows)
    assert baris_diabaikan(tata, rows, lambda sel: sel == "E3") == (frozenset(), [])
    assert baris_diabaikan(tata, rows)[0] == {3}  # without the hyperlink: a total row


@pytest.mark.parametrize(
    ("kolom", "nama"),
    [(5, "Budi Santoso, S.I.K., M.Si"), (5, "Budi Santoso, S.Sos., M.Hum"), (2, "AKBP Budi Santoso, S.H.")],
)
def test_the_signature_block_may_sit_in_the_date_or_the_link_column(kolom: int, nama: str) -> None:
    def baris(teks: str) -> list[Any]:
        return [teks if posisi == kolom else "" for posisi in range(1, 6)]

    rows = [TEMPLAT, DATA, ["JUMLAH", "", "", "", 1], baris("Batu, 31 Mei 2024"), baris("KAPOLRES BATU"), baris(nama)]
    abaikan, masalah = baris_diabaikan(cari_tata_letak(SHEET, rows), rows)
    assert abaikan == {3, 4, 5, 6}
    assert masalah[-1].message.startswith("Baris 4–6 di bawah baris jumlah")


def test_a_dated_row_with_a_title_after_the_total_row_is_data_left_to_validate() -> None:
    rows = [TEMPLAT, DATA, ["JUMLAH", "", "", "", 1], ["", dt.datetime(2024, 5, 9), "Patroli", "", ""]]
    abaikan, _ = baris_diabaikan(cari_tata_letak(SHEET, rows), rows)
    assert abaikan == {3}


def test_rows_after_a_total_row_are_data_again_when_data_follows() -> None:
    rows = [TEMPLAT, DATA, ["Jumlah minggu 1", "", "", "", 1], ["", "", "catatan", "", ""], DATA]
    abaikan, _ = baris_diabaikan(cari_tata_letak(SHEET, rows), rows)
    assert abaikan == {3}


def test_a_date_merged_down_several_rows_is_given_to_each_of_them() -> None:
    rows = [TEMPLAT, DATA, [2, "", "Patroli", "", "https://a.id/2"], [3, "", "Patroli", "", "https://a.id/3"]]
    diisi, masalah = isi_sel_gabungan(cari_tata_letak(SHEET, rows), rows, [((1, 1), (3, 1))])
    assert [baris[1] for baris in diisi[1:]] == [DATA[1]] * 3
    assert [(m.tingkat, m.cell) for m in masalah] == [("warning", "B2")]
    assert rows[2][1] == ""  # the rows read are left as they were


def test_a_merged_platform_is_given_to_each_row_but_a_merged_link_never() -> None:
    rows = [TEMPLAT, DATA, [2, dt.datetime(2024, 5, 3), "Patroli", "", ""]]
    diisi, masalah = isi_sel_gabungan(cari_tata_letak(SHEET, rows), rows, [((1, 3), (2, 3)), ((1, 4), (2, 4))])
    assert diisi[2][3:] == ["Instagram", ""]
    assert [m.cell for m in masalah] == ["D2"]


@pytest.mark.parametrize(
    "gabungan",
    [
        [((0, 0), (0, 4))],  # a title across the header row
        [((1, 1), (1, 3))],  # across columns in one row
        [((2, 1), (3, 1))],  # its first cell is blank
    ],
)
def test_other_merged_ranges_change_nothing(gabungan: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    rows = [TEMPLAT, DATA, [2, "", "", "", ""], [3, "", "", "", ""]]
    assert isi_sel_gabungan(cari_tata_letak(SHEET, rows), rows, gabungan) == (rows, [])


@pytest.mark.parametrize(
    "nomor",
    [[1, 2, 3, 4, 5], ["(1)", "(2)", "(3)", "(4)", "(5)"], ["1.", "2.", "3.", "4.", "5."], [1.0, 2.0, 3.0, "", ""]],
)
def test_a_row_of_column_numbers_under_the_header_is_ignored(nomor: list[Any]) -> None:
    rows = [TEMPLAT, nomor, DATA]
    abaikan, masalah = baris_diabaikan(cari_tata_letak(SHEET, rows), rows)
    assert abaikan == {2}
    assert [(m.cell, m.message) for m in masalah] == [
        ("A2", "Baris 2 hanya berisi nomor kolom (1, 2, 3, …) dan diabaikan.")
    ]


@pytest.mark.parametrize("baris", [[1, 2, "", "", ""], [1, 3, 5, 7, 9], [7, "", "", "", "https://a.id/7"]])
def test_a_row_of_a_few_numbers_is_not_taken_for_column_numbers(baris: list[Any]) -> None:
    rows = [TEMPLAT, baris, DATA]
    assert 2 not in baris_diabaikan(cari_tata_letak(SHEET, rows), rows)[0]


def test_docstring_examples() -> None:
    hasil = doctest.testmod(etl.tata_letak)
    assert hasil.attempted > 0 and hasil.failed == 0
