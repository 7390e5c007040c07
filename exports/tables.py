"""Ranking tables: the rows shown on the page and the CSV / XLSX downloads (data in, bytes out).

Text that ends up in a file is neutralised against formula injection: in XLSX every text cell is
stored as text (never a formula); in CSV a value starting with ``= + - @``, tab or CR gets a
leading apostrophe. CSV uses ``;`` and a decimal comma, as Excel expects on Indonesian PCs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from analytics.angka import format_angka, satuan_dan_desimal
from analytics.kepatuhan import LABEL_STATUS, sisa_waktu
from analytics.peringkat import BarisPeringkat
from analytics.periods import month_label, to_wib
from analytics.ringkasan import tanda_gerak

KOLOM = ("Peringkat", "Satker", "Nilai", "Pangsa (%)", "Peringkat sebelumnya", "Gerak", "Tanda")
AWALAN_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")
LEBAR_KOLOM = {
    "Peringkat": 11,
    "Satker": 34,
    "Nilai": 14,
    "Pangsa (%)": 12,
    "Peringkat sebelumnya": 14,
    "Gerak": 8,
    "Tanda": 70,
}


def teks_aman(teks: str) -> str:
    """A text value safe to open in a spreadsheet.

    >>> teks_aman("=HYPERLINK(\\"x\\")"), teks_aman("Polres Batu")
    ('\\'=HYPERLINK("x")', 'Polres Batu')
    """
    return "'" + teks if teks.startswith(AWALAN_BERBAHAYA) else teks


def baris_tabel(baris: Sequence[BarisPeringkat]) -> list[dict[str, Any]]:
    """One dict per satker with the table's columns; numbers stay numbers."""
    return [
        {
            "Peringkat": row.rank,
            "Satker": row.satker,
            "Nilai": row.value,
            "Pangsa (%)": None if row.share is None else round(100 * row.share, 2),
            "Peringkat sebelumnya": row.previous_rank,
            "Gerak": tanda_gerak(row),
            "Tanda": "; ".join(row.flags),
        }
        for row in baris
    ]


def baris_tampilan(baris: Sequence[BarisPeringkat], satuan: str = "", desimal: int = 0) -> list[dict[str, str | int]]:
    """The table as the page shows it: Indonesian number formats, '–' for empty cells."""
    akhiran = f" {satuan}" if satuan else ""
    return [
        {
            "Peringkat": row["Peringkat"],
            "Satker": row["Satker"],
            "Nilai": format_angka(row["Nilai"], desimal) + akhiran,
            "Pangsa (%)": "–" if row["Pangsa (%)"] is None else format_angka(row["Pangsa (%)"], 1),
            "Peringkat sebelumnya": "–" if row["Peringkat sebelumnya"] is None else str(row["Peringkat sebelumnya"]),
            "Gerak": row["Gerak"],
            "Tanda": row["Tanda"],
        }
        for row in baris_tabel(baris)
    ]


def csv_tabel(kolom: Sequence[str], baris: Iterable[Mapping[str, Any]]) -> bytes:
    """CSV for Excel on Indonesian PCs: UTF-8 with BOM, ``;`` separator, decimal comma; text that
    could be read as a formula gets a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(kolom)
    for row in baris:
        writer.writerow(
            [
                str(value).replace(".", ",")
                if isinstance(value, float)
                else teks_aman(value)
                if isinstance(value, str)
                else ("" if value is None else value)
                for value in (row.get(name) for name in kolom)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def ke_csv(baris: Sequence[BarisPeringkat]) -> bytes:
    """The ranking table as CSV (see :func:`csv_tabel`)."""
    return csv_tabel(KOLOM, baris_tabel(baris))


def _isi_sheet(
    sheet: Worksheet,
    kolom: Sequence[str],
    baris: Iterable[Mapping[str, Any]],
    formats: Mapping[str, str],
    lebar: Mapping[str, int],
) -> None:
    """Bold coloured frozen header, autofilter, number formats per column, and every text cell
    stored as text (never evaluated as a formula)."""
    sheet.append(list(kolom))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E8C")
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in baris:
        sheet.append([row.get(name) for name in kolom])
        for name, cell in zip(kolom, sheet[sheet.max_row], strict=True):
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif name in formats:
                cell.number_format = formats[name]
    for index, name in enumerate(kolom, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = lebar.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(kolom))}{max(sheet.max_row, 1)}"


def _simpan(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ke_xlsx(lembar: Mapping[str, Sequence[BarisPeringkat]], desimal: Mapping[str, int] | None = None) -> bytes:
    """One sheet per ranking (sheet name → rows): bold frozen header, autofilter, number formats."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for nama, baris in lembar.items():
        nilai_format = "#,##0" if not (desimal or {}).get(nama) else "#,##0.00"
        formats = {"Nilai": nilai_format, "Pangsa (%)": "0.00"}
        _isi_sheet(workbook.create_sheet(_sheet_title(nama)), KOLOM, baris_tabel(baris), formats, LEBAR_KOLOM)
    return _simpan(workbook)


def xlsx_tabel(
    judul: str, kolom: Sequence[str], baris: Sequence[Mapping[str, Any]], lebar: Mapping[str, int] | None = None
) -> bytes:
    """Any table as a one-sheet workbook with the same header style as the ranking workbook."""
    workbook = Workbook()
    _isi_sheet(workbook.active, kolom, baris, {}, lebar or {})
    workbook.active.title = _sheet_title(judul)
    return _simpan(workbook)


def _sheet_title(nama: str) -> str:
    """Excel sheet names: at most 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in nama)
    return cleaned[:31]


def tabel_riwayat(nilai: Sequence[Any], kategori: Sequence[Any], bulan: Sequence[Any]) -> list[dict[str, str]]:
    """A satker's monthly values as rows of months × kategori columns; '–' where no value,
    '*' after a value from a recap backfill. ``nilai`` holds ``db.queries_satker.NilaiSatker``."""
    by_key = {(n.periode, n.kategori_kode): n for n in nilai}
    rows = []
    for periode in bulan:
        row = {"Bulan": month_label(periode)}
        for info in kategori:
            entry = by_key.get((periode, info.kode))
            _, desimal = satuan_dan_desimal(info.kode)
            row[info.label] = (
                "–" if entry is None else format_angka(entry.nilai, desimal) + ("*" if entry.sumber == "rekap" else "")
            )
        rows.append(row)
    return rows


def tabel_versi(versi: Sequence[Any]) -> list[dict[str, Any]]:
    """Submitted report versions (``db.queries_satker.VersiLaporan``) as the page lists them."""
    return [
        {
            "Periode": month_label(v.periode),
            "Versi": v.versi,
            "Status": "aktif" if v.status == "aktif" else "digantikan",
            "Dikirim (WIB)": f"{to_wib(v.dikirim_pada):%d-%m-%Y %H:%M}",
            "Operator": v.nama_operator,
            "Berkas": v.nama_file,
            "Baris kegiatan": v.jumlah_baris,
            "SHA-256": v.sha256[:12] + "…",
            "Diunggah oleh": v.diunggah_oleh
            or ("DATA CONTOH" if v.nama_file.startswith("DATA-CONTOH_") else "baris perintah"),
        }
        for v in versi
    ]


def tabel_masalah(masalah: Sequence[Any]) -> list[dict[str, str]]:
    """Errors then warnings (``etl.problems.Masalah``) with where each is: the upload page's table."""
    ordered = sorted(masalah, key=lambda m: m.tingkat != "error")
    return [
        {"Tingkat": "Kesalahan" if m.tingkat == "error" else "Peringatan", "Lokasi": m.lokasi, "Pesan": m.message}
        for m in ordered
    ]


def tabel_jumlah(jumlah: Mapping[str, int], label: Mapping[str, str]) -> list[dict[str, Any]]:
    """kategori code → count as rows in display order (``label`` gives the order and names)."""
    return [{"Kategori": nama, "Jumlah": jumlah.get(kode, 0)} for kode, nama in label.items() if kode in jumlah]


def tabel_bukti(bukti: Sequence[Any]) -> list[dict[str, Any]]:
    """Activity rows (``db.queries_satker.BuktiAktivitas``) with where each came from."""
    return [
        {
            "Tanggal": b.tanggal,
            "Judul / Uraian": b.judul,
            "Platform": b.platform or "",
            "Tautan": b.url,
            "Tautan ganda": b.tautan_ganda,
            "Berkas": f"{b.nama_file} (v{b.versi}), baris {b.baris}",
        }
        for b in bukti
    ]


URUTAN_STATUS = {"belum_melapor": 0, "menunggu": 1, "terlambat": 2, "tepat_waktu": 3}


def tabel_kepatuhan(
    kiriman: Sequence[Any], status: Mapping[int, str], batas: dt.datetime, sekarang: dt.datetime
) -> list[dict[str, Any]]:
    """One month's submissions (``db.queries_kepatuhan.Kiriman``), missing ones first, then late,
    then on time, each by upload time."""
    ordered = sorted(
        kiriman, key=lambda k: (URUTAN_STATUS[status[k.satker_id]], k.pertama_dikirim or sekarang, k.satker)
    )
    return [
        {
            "Satker": k.satker,
            "Status": LABEL_STATUS[status[k.satker_id]],
            "Unggahan pertama (WIB)": "–"
            if k.pertama_dikirim is None
            else f"{to_wib(k.pertama_dikirim):%d-%m-%Y %H:%M}",
            "Terhadap batas waktu": "–" if k.pertama_dikirim is None else _terhadap_batas(batas, k.pertama_dikirim),
            "Jumlah versi": k.jumlah_versi,
        }
        for k in ordered
    ]


def _terhadap_batas(batas: dt.datetime, dikirim: dt.datetime) -> str:
    """'2 hari 3 jam lebih awal' or '5 jam terlambat'."""
    teks = sisa_waktu(batas, dikirim)
    if teks.startswith("tersisa "):
        return teks.removeprefix("tersisa ") + " lebih awal"
    return teks.removeprefix("lewat ") + " terlambat"


KOLOM_AUDIT = ("Waktu (WIB)", "Pelaku", "Aksi", "Rincian", "Berkas")
LEBAR_AUDIT = {"Waktu (WIB)": 18, "Pelaku": 20, "Aksi": 24, "Rincian": 90, "Berkas": 36}


def tabel_audit(catatan: Sequence[Any]) -> list[dict[str, str]]:
    """Audit entries (``db.audit.CatatanAudit``) as the Log Audit page and its downloads show them."""
    return [
        {
            "Waktu (WIB)": f"{to_wib(c.waktu):%d-%m-%Y %H:%M:%S}",
            "Pelaku": c.pelaku,
            "Aksi": c.aksi,
            "Rincian": "; ".join(f"{kunci}: {nilai}" for kunci, nilai in c.detail.items()),
            "Berkas": c.nama_file or "",
        }
        for c in catatan
    ]


def tabel_pengguna(pengguna: Sequence[Any]) -> list[dict[str, str]]:
    """Accounts (``db.akun.InfoPengguna``) for the Pengguna page; never a password hash."""
    sekarang = dt.datetime.now(dt.UTC)
    return [
        {
            "Nama pengguna": p.username,
            "Nama": p.nama,
            "Peran": p.peran,
            "Satker": p.satker or "–",
            "Polda": p.polda or "Nasional",
            "Status": "nonaktif"
            if not p.aktif
            else f"terkunci sampai {to_wib(p.terkunci_sampai):%H.%M} WIB"
            if p.terkunci_sampai and p.terkunci_sampai > sekarang
            else "aktif",
            "Akun contoh": "ya" if p.is_demo else "",
        }
        for p in pengguna
    ]


def tabel_satker(satker: Sequence[Any]) -> list[dict[str, str]]:
    """Satker (``db.master.InfoSatker``) with their name history, for the master-data page."""
    return [
        {
            "Polda": s.polda,
            "Satker": s.nama,
            "Tipe": s.tipe,
            "Status": "aktif" if s.aktif else "nonaktif",
            "Riwayat nama": " → ".join(
                nama if berlaku.year <= 1900 else f"{nama} (sejak {berlaku:%d-%m-%Y})" for nama, berlaku in s.riwayat
            ),
        }
        for s in satker
    ]


def tabel_polda(baris: Sequence[Any], satuan: str = "") -> list[dict[str, Any]]:
    """The Polda comparison (``analytics.perbandingan.BarisPolda``) as the page shows it."""
    nilai = "Rata-rata jam per laporan" if satuan == "jam" else "Rata-rata per satker"
    return [
        {
            "Peringkat": b.rank,
            "Polda": b.polda,
            "Satker": b.jumlah_satker,
            nilai: "–" if b.nilai is None else format_angka(b.nilai, 1 if satuan == "jam" else 2),
            "Total": "–" if satuan == "jam" else format_angka(b.total),
            "Laporan masuk": "–" if b.kepatuhan is None else f"{format_angka(100 * b.kepatuhan, 1)} %",
        }
        for b in baris
    ]
