"""The automatic fixes a monthly report received, counted for the operator (pure).

Every fix is a warning (:class:`etl.problems.Masalah`) naming its cell; its ``kode`` says what
kind of fix it was. :func:`ringkas_perbaikan` turns them into the short sentence the upload page
shows before the operator confirms, e.g. "3 tautan diberi https://, 2 platform dikenali dari
alamat tautan, 1 baris JUMLAH diabaikan".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from etl.problems import Masalah

TANGGAL = "tanggal"
PLATFORM_ALIAS = "platform_alias"
PLATFORM_HOST = "platform_host"
TAUTAN_SKEMA = "tautan_skema"
TAUTAN_TAK_TERLIHAT = "tautan_tak_terlihat"
TAUTAN_PISAH = "tautan_pisah"
TAUTAN_TANDA_BACA = "tautan_tanda_baca"
TAUTAN_HYPERLINK = "tautan_hyperlink"
TAUTAN_SAMA = "tautan_sama"
# Set by etl.tata_letak.
JUDUL_ATAS = "judul_atas"
KOLOM_LAIN = "kolom_lain"
BARIS_JUMLAH = "baris_jumlah"
PENUTUP = "penutup"
SEL_GABUNGAN = "sel_gabungan"
NOMOR_KOLOM = "nomor_kolom"

# kode → how one item is counted, in the order the summary lists them.
_FRASA = {
    TAUTAN_SKEMA: "tautan diberi https://",
    TAUTAN_HYPERLINK: "tautan diambil dari hyperlink sel",
    TAUTAN_TAK_TERLIHAT: "tautan dibersihkan dari karakter tak terlihat",
    TAUTAN_PISAH: "sel berisi beberapa tautan dipisah menjadi satu kegiatan per tautan",
    TAUTAN_TANDA_BACA: "tautan dilepas dari tanda kurung, kutip, atau tanda baca di ujungnya",
    TAUTAN_SAMA: "tautan ganda dihitung sekali",
    TANGGAL: "tanggal dibaca dari bentuk lain (nama bulan, tahun dua angka, …)",
    PLATFORM_ALIAS: "platform dikenali dari nama singkatannya",
    PLATFORM_HOST: "platform dikenali dari alamat tautan",
    BARIS_JUMLAH: "baris JUMLAH/TOTAL diabaikan",
    PENUTUP: "blok tanda tangan diabaikan",
    SEL_GABUNGAN: "sel gabungan diisi ke setiap barisnya",
    NOMOR_KOLOM: "baris nomor kolom diabaikan",
    JUDUL_ATAS: "judul di atas tabel diabaikan",
    KOLOM_LAIN: "kolom tambahan diabaikan",
}


def hitung_perbaikan(masalah: Iterable[Masalah]) -> dict[str, int]:
    """Warnings per kind of fix (only kinds of fix; other warnings are not counted).

    >>> from etl.problems import warning
    >>> hitung_perbaikan([warning("IPSE", "E2", "…", TAUTAN_SKEMA), warning("IPSE", "", "…")])
    {'tautan_skema': 1}
    """
    jumlah = Counter(m.kode for m in masalah if m.tingkat == "warning" and m.kode in _FRASA)
    return {kode: jumlah[kode] for kode in _FRASA if jumlah[kode]}


def ringkas_perbaikan(masalah: Iterable[Masalah]) -> str:
    """One sentence listing the fixes by kind, empty when there were none.

    >>> from etl.problems import warning
    >>> ringkas_perbaikan([warning("IPSE", f"E{n}", "…", TAUTAN_SKEMA) for n in (2, 3, 4)]
    ...                   + [warning("IPSE", "A9", "…", BARIS_JUMLAH)])
    '3 tautan diberi https://, 1 baris JUMLAH/TOTAL diabaikan'
    """
    return ", ".join(f"{n} {_FRASA[kode]}" for kode, n in hitung_perbaikan(masalah).items())
