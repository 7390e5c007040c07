"""The activity rows of a category sheet as operators fill them (the careful path).

A sheet's columns come from :mod:`etl.tata_letak` (header under title rows, any order, extra
columns and JUMLAH/TOTAL rows ignored); each cell is read the way operators write it: Tanggal by
:func:`etl.tanggal.baca_tanggal`, Platform by :class:`etl.platform_alias.TabelPlatform` (the
link's host decides), Tautan by :func:`analytics.tautan.bersihkan_tautan` (one activity per
link) and, when the cell's text is no address, the address of its hyperlink. Every fix is a
warning naming the cell (its ``kode`` from :mod:`etl.perbaikan`); what stays ambiguous is an
error naming the cell and the accepted forms. Two links of the same post (same
:func:`analytics.tautan.kanonik`) in one sheet count once.

The common, template-shaped sheet never comes here: etl.rules_laporan.plain_sheet takes it whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from analytics.periods import month_label, month_start, next_month
from analytics.tautan import TautanBersih, TautanDitolak, bersihkan_tautan, kanonik_dan_platform
from etl import perbaikan
from etl.cells import CellError, is_blank, parse_text, shown
from etl.platform_alias import KodePlatform, TabelPlatform, tabel_bawaan
from etl.problems import Masalah, error, warning
from etl.tanggal import baca_tanggal
from etl.tata_letak import SelGabungan, TataLetak, baris_diabaikan, cari_tata_letak, isi_sel_gabungan

Kegiatan = tuple[int, dt.date, str, str | None, str, str]
"""One activity read from a row: (row, tanggal, judul, platform, url as written, canonical url)."""

_KODE_PLATFORM = {KodePlatform.ALIAS: perbaikan.PLATFORM_ALIAS}  # the other kinds: the host decided


def _tanpa_hyperlink(sheet: str) -> Mapping[str, str]:
    return {}


def _tanpa_gabungan(sheet: str) -> Sequence[SelGabungan]:
    return ()


@dataclass
class KonteksBaris:
    """What reading rows needs beyond the rows: the report's month (None when Identitas has no
    readable Periode), the platform alias table, and the hyperlinks behind a sheet's cells
    (sheet → cell → address; called only when a Tautan cell's text is no address)."""

    periode: dt.date | None
    tabel: TabelPlatform = field(default_factory=tabel_bawaan)
    hyperlink: Callable[[str], Mapping[str, str]] = _tanpa_hyperlink
    gabungan: Callable[[str], Sequence[SelGabungan]] = _tanpa_gabungan
    """The merged ranges of a sheet (etl.tata_letak.isi_sel_gabungan)."""


def baca_sheet(
    sheet: str, rows: list[list[Any]], konteks: KonteksBaris, tata: TataLetak | None = None
) -> tuple[list[Kegiatan], list[Masalah]]:
    """Every activity of a category sheet and every problem; no activity when any is an error."""
    tata = tata or cari_tata_letak(sheet, rows)
    masalah = list(tata.masalah)
    if tata.ada_kesalahan:
        return [], masalah
    rows, diisi = isi_sel_gabungan(tata, rows, konteks.gabungan(sheet))
    masalah += diisi
    abaikan, diabaikan = baris_diabaikan(tata, rows, lambda sel: sel in konteks.hyperlink(sheet))
    masalah += diabaikan
    kegiatan: list[Kegiatan] = []
    for nomor, sel in tata.baris_data(rows):
        if nomor not in abaikan and not all(map(is_blank, sel)):
            kegiatan += baca_baris(sheet, nomor, sel, tata, konteks, masalah)
    if any(m.tingkat == "error" for m in masalah):
        return [], masalah
    return _sekali_per_kiriman(sheet, tata, kegiatan, masalah), masalah


def _sekali_per_kiriman(
    sheet: str, tata: TataLetak, kegiatan: list[Kegiatan], masalah: list[Masalah]
) -> list[Kegiatan]:
    """The first activity of each post (canonical link); later ones become a warning."""
    pertama: dict[str, Kegiatan] = {}
    hasil = []
    for satu in kegiatan:
        nomor, url, kunci = satu[0], satu[4], satu[5]
        if kunci not in pertama:
            pertama[kunci] = satu
            hasil.append(satu)
            continue
        nomor_awal, url_awal = pertama[kunci][0], pertama[kunci][4]
        tempat = "di sel yang sama" if nomor_awal == nomor else f"dengan baris {nomor_awal}"
        pesan = (
            f"Tautan sama {tempat}; dihitung sekali."
            if url == url_awal
            else f"Tautan menunjuk kiriman yang sama {tempat} (“{shown(url_awal)}”, hanya berbeda "
            "parameter berbagi atau bentuk alamat); dihitung sekali."
        )
        masalah.append(warning(sheet, tata.sel("tautan", nomor), pesan, perbaikan.TAUTAN_SAMA))
    return hasil


def baca_baris(
    sheet: str, nomor: int, sel: list[Any], tata: TataLetak, konteks: KonteksBaris, masalah: list[Masalah]
) -> list[Kegiatan]:
    """The activities of one row (Tanggal, Judul / Uraian, Platform, Tautan as
    :meth:`TataLetak.ambil` gives them), one per link; problems are appended to ``masalah``."""
    nilai_tanggal, nilai_judul, nilai_platform, nilai_tautan = sel
    sebelum = len(masalah)
    tanggal = _tanggal(sheet, tata.sel("tanggal", nomor), nilai_tanggal, konteks.periode, masalah)
    try:
        judul = parse_text(nilai_judul, "Judul / Uraian")
    except CellError as salah:
        judul = ""
        masalah.append(error(sheet, tata.sel("judul", nomor), str(salah)))
    tautan = _tautan(sheet, tata.sel("tautan", nomor), nilai_tautan, konteks, masalah)
    if tautan is None:
        return []
    sel_platform = tata.sel("platform", nomor) if "platform" in tata.kolom else ""
    hasil = []
    for url in tautan.tautan:
        kunci, dari_host = kanonik_dan_platform(url)
        try:
            terbaca = konteks.tabel.tentukan_dari_host(nilai_platform, dari_host)
        except CellError as salah:
            masalah.append(error(sheet, sel_platform, str(salah)))
            return []
        if terbaca.kode is not None and sel_platform:
            pesan = warning(
                sheet, sel_platform, terbaca.pesan, _KODE_PLATFORM.get(terbaca.kode, perbaikan.PLATFORM_HOST)
            )
            if pesan not in masalah[sebelum:]:
                masalah.append(pesan)
        hasil.append((nomor, tanggal, judul, terbaca.platform, url, kunci))
    if any(m.tingkat == "error" for m in masalah[sebelum:]):
        return []
    return hasil


def _tanggal(sheet: str, sel: str, nilai: Any, periode: dt.date | None, masalah: list[Masalah]) -> dt.date:
    try:
        terbaca = baca_tanggal(nilai, periode)
    except CellError as salah:
        masalah.append(error(sheet, sel, str(salah)))
        return dt.date.min
    tanggal = terbaca.tanggal
    if periode is not None and month_start(tanggal) != periode:
        akhir = next_month(periode) - dt.timedelta(days=1)
        masalah.append(
            error(
                sheet,
                sel,
                f"Tanggal {tanggal:%d/%m/%Y} di luar periode {month_label(periode)}. Isi tanggal antara "
                f"{periode:%d/%m/%Y} dan {akhir:%d/%m/%Y}, atau laporkan kegiatan ini di laporan "
                f"{month_label(month_start(tanggal))}.",
            )
        )
    elif terbaca.diperbaiki:
        masalah.append(warning(sheet, sel, terbaca.pesan, perbaikan.TANGGAL))
    return tanggal


_KODE_TAUTAN = {
    "skema": perbaikan.TAUTAN_SKEMA,
    "tak_terlihat": perbaikan.TAUTAN_TAK_TERLIHAT,
    "pisah": perbaikan.TAUTAN_PISAH,
    "tanda_baca": perbaikan.TAUTAN_TANDA_BACA,
}


def _tautan(sheet: str, sel: str, nilai: Any, konteks: KonteksBaris, masalah: list[Masalah]) -> TautanBersih | None:
    """The cleaned links of a Tautan cell; a cell whose text is no address (“Link”, “klik disini”)
    uses the address of its hyperlink."""
    try:
        bersih = bersihkan_tautan(nilai)
    except TautanDitolak as ditolak:
        alamat = konteks.hyperlink(sheet).get(sel)
        if alamat is None:
            masalah.append(error(sheet, sel, str(ditolak)))
            return None
        try:
            bersih = bersihkan_tautan(alamat)
        except TautanDitolak as juga:
            masalah.append(error(sheet, sel, f"Hyperlink sel ini tidak dapat dipakai: {juga}"))
            return None
        tampil = f"“{shown(nilai)}”" if not is_blank(nilai) else "kosong"
        masalah.append(
            warning(
                sheet,
                sel,
                f"Sel menampilkan {tampil}; dipakai alamat hyperlink-nya: {', '.join(bersih.tautan)}.",
                perbaikan.TAUTAN_HYPERLINK,
            )
        )
    for satu in bersih.perbaikan:
        masalah.append(warning(sheet, sel, satu.pesan, _KODE_TAUTAN[satu.kode.value]))
    return bersih
