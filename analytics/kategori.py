"""The kategori codes: the one place they are spelled out.

The codes are stable (the command line, page addresses, stored rows and the reference data
``db/reference_data/kategori.csv`` use them; a contract test checks this module against that
file). Display names, units and directions live in the reference data, editable labels in the
database.
"""

from __future__ import annotations

KECEPATAN = "kecepatan_laporan"
"""The one kategori that is not a count: hours from the end of the month to the first accepted
upload (lower is better)."""

KODE_HITUNG = (
    "link_amplifikasi",
    "amplifikasi_narasi_positif",
    "narasi_berita_positif",
    "input_portal_humas",
    "ipse",
    "trending_topik",
    "tb_news",
    "spit_raw_data",
    "spit_konten",
)
"""The nine kategori counted from activity rows, in display order; each has a report sheet."""

KODE_KATEGORI = (*KODE_HITUNG, KECEPATAN)
"""All ten kategori in display order."""

JUARA_UMUM = "juara_umum"
"""The overall ranking combined from the ten (analytics.juara_umum); not a kategori of its own."""
