"""The user-facing workbook formats (README "Format buku kerja"), in one place.

These names are documented for users (README) and stable; the template writer, the reader and
the validators all take them from here. A contract test checks them against the kategori
reference data.
"""

from __future__ import annotations

from analytics.kategori import KODE_HITUNG

SHEET_IDENTITAS = "Identitas"
SHEET_PETUNJUK = "Petunjuk"
SHEET_REKAP = "Rekap"
SHEET_PENGHARGAAN = "Penghargaan"
SHEET_KESALAHAN = "Kesalahan"  # added to annotated copies of rejected workbooks

# Identitas: labels in column A, values in column B.
IDENTITAS_HEADER = ("Isian", "Nilai")
IDENTITAS_ROWS = {"Satker": 2, "Periode": 3, "Operator": 4}

# Count kategori code → sheet name in the monthly template, in display order.
KATEGORI_SHEETS = dict(
    zip(
        KODE_HITUNG,
        (
            "Link Amplifikasi",
            "Amplifikasi Narasi Positif",
            "Narasi Berita Positif",
            "Input Portal Humas",
            "IPSE",
            "Trending Topik",
            "TB News",
            "SPIT Raw Data",
            "SPIT Konten",
        ),
        strict=True,
    )
)
ACTIVITY_HEADER = ("No", "Tanggal", "Judul / Uraian", "Platform", "Tautan")
COL_NO, COL_TANGGAL, COL_JUDUL, COL_PLATFORM, COL_TAUTAN = range(1, 6)  # 1-based columns

PLATFORMS = ("Instagram", "Facebook", "X", "TikTok", "YouTube", "Website", "WhatsApp", "Lainnya")
PLATFORM_ALIASES = {"twitter": "X"}

# Rekap Polda: Periode, Satker, the nine count categories' display names, Tanggal Kirim Laporan.
REKAP_FIRST_COLUMNS = ("Periode", "Satker")
REKAP_LAST_COLUMN = "Tanggal Kirim Laporan"

PENGHARGAAN_HEADER = ("Acara", "Tahun", "Kategori", "Peringkat", "Satker")

EXCEL_SUFFIXES = (".xlsx", ".xls", ".ods")
