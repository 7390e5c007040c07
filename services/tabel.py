"""The rows of the tables the pages show (and the downloads write): one dict per row with the
columns in Indonesian, numbers in Indonesian formats where the page shows text, '–' for empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from analytics.angka import format_angka, format_nilai, satuan_dan_desimal
from analytics.kepatuhan import LABEL_STATUS, StatusKepatuhan, sisa_waktu
from analytics.perbandingan import BarisPolda
from analytics.peringkat import BarisPeringkat
from analytics.periods import month_label, to_wib
from analytics.ringkasan import tanda_gerak
from analytics.target import LABEL_PITA, TANPA_TARGET, Capaian
from db.akun import InfoPengguna
from db.audit import CatatanAudit
from db.master import InfoSatker
from db.queries import KategoriInfo
from db.queries_kepatuhan import Kiriman
from db.queries_peringkat import PenghargaanResmi
from db.queries_satker import BarisVersi, BuktiAktivitas, NilaiSatker, VersiLaporan
from etl.problems import Masalah
from services.pengingat import DaftarPengingat

KOLOM = ("Peringkat", "Satker", "Nilai", "Pangsa (%)", "Peringkat sebelumnya", "Gerak", "Tanda")
KOLOM_CAPAIAN = ("Target", "Capaian (%)", "Pita")
"""Columns added after Nilai when the ranking is shown with attainment."""


def _kolom_capaian(capaian: Capaian | None) -> dict[str, Any]:
    if capaian is None:
        return dict.fromkeys(KOLOM_CAPAIAN)
    return {
        "Target": capaian.target.nilai,
        "Capaian (%)": capaian.persen,
        "Pita": LABEL_PITA[capaian.pita or TANPA_TARGET],
    }


def susun_kolom(dengan_capaian: bool) -> tuple[str, ...]:
    """The ranking table's columns, with the attainment columns after Nilai when asked."""
    return (*KOLOM[:3], *KOLOM_CAPAIAN, *KOLOM[3:]) if dengan_capaian else KOLOM


def baris_tabel(baris: Sequence[BarisPeringkat], capaian: Mapping[int, Capaian] | None = None) -> list[dict[str, Any]]:
    """One dict per satker with the table's columns; numbers stay numbers. With ``capaian``
    (satker id → attainment) the attainment columns follow Nilai."""
    rows = []
    for row in baris:
        item: dict[str, Any] = {"Peringkat": row.rank, "Satker": row.satker, "Nilai": row.value}
        if capaian is not None:
            item |= _kolom_capaian(capaian.get(row.satker_id))
        item |= {
            "Pangsa (%)": None if row.share is None else round(100 * row.share, 2),
            "Peringkat sebelumnya": row.previous_rank,
            "Gerak": tanda_gerak(row),
            "Tanda": "; ".join(row.flags),
        }
        rows.append(item)
    return rows


def baris_tampilan(
    baris: Sequence[BarisPeringkat], satuan: str = "", desimal: int = 0, capaian: Mapping[int, Capaian] | None = None
) -> list[dict[str, str | int]]:
    """The table as the page shows it: Indonesian number formats, '–' for empty cells, the band's
    name (ui.pita shades it)."""
    shown = []
    for row in baris_tabel(baris, capaian):
        item: dict[str, str | int] = {"Peringkat": row["Peringkat"], "Satker": row["Satker"]}
        item["Nilai"] = format_nilai(row["Nilai"], satuan, desimal)
        if capaian is not None:
            item["Target"] = "–" if row["Target"] is None else format_nilai(row["Target"], satuan, desimal)
            item["Capaian (%)"] = "–" if row["Capaian (%)"] is None else format_angka(row["Capaian (%)"], 1)
            item["Pita"] = row["Pita"]
        item["Pangsa (%)"] = "–" if row["Pangsa (%)"] is None else format_angka(row["Pangsa (%)"], 1)
        item["Peringkat sebelumnya"] = "–" if row["Peringkat sebelumnya"] is None else str(row["Peringkat sebelumnya"])
        item["Gerak"], item["Tanda"] = row["Gerak"], row["Tanda"]
        shown.append(item)
    return shown


def tabel_riwayat(
    nilai: Sequence[NilaiSatker], kategori: Sequence[KategoriInfo], bulan: Sequence[dt.date]
) -> list[dict[str, str]]:
    """A satker's monthly values as rows of months × kategori columns; '–' where no value,
    '*' after a value from a recap backfill."""
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


def tabel_versi(versi: Sequence[VersiLaporan]) -> list[dict[str, Any]]:
    """Submitted report versions as the page lists them."""
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


def tabel_masalah(masalah: Sequence[Masalah]) -> list[dict[str, str]]:
    """Errors then warnings with where each is: the upload page's table."""
    ordered = sorted(masalah, key=lambda m: m.tingkat != "error")
    return [
        {"Tingkat": "Kesalahan" if m.tingkat == "error" else "Peringatan", "Lokasi": m.lokasi, "Pesan": m.message}
        for m in ordered
    ]


def tabel_jumlah(jumlah: Mapping[str, int], kategori: Sequence[KategoriInfo]) -> list[dict[str, Any]]:
    """kategori code → count as rows in display order, with the kategori labels."""
    return [{"Kategori": k.label, "Jumlah": jumlah.get(k.kode, 0)} for k in kategori if k.kode in jumlah]


def tabel_penghargaan(resmi: Sequence[PenghargaanResmi], kategori: Sequence[KategoriInfo]) -> list[dict[str, Any]]:
    """Official award results with the kategori labels (a code no longer known as itself)."""
    label = {k.kode: k.label for k in kategori}
    return [
        {
            "Acara": p.acara,
            "Kategori": label.get(p.kategori_kode, p.kategori_kode),
            "Peringkat": p.peringkat,
            "Satker": p.satker,
        }
        for p in resmi
    ]


def tabel_bukti(bukti: Sequence[BuktiAktivitas]) -> list[dict[str, Any]]:
    """Activity rows with where each came from."""
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


def tabel_baris_versi(baris: Sequence[BarisVersi], sheet: dict[str, str]) -> list[dict[str, Any]]:
    """The activity rows of one report version, by sheet and row as the operator sent them;
    ``sheet`` maps kategori codes to their sheet names."""
    return [
        {
            "Sheet": sheet.get(b.kategori_kode, b.kategori_kode),
            "Baris": b.baris,
            "Tanggal": b.tanggal,
            "Judul / Uraian": b.judul or "",
            "Platform": b.platform or "",
            "Tautan": b.url,
        }
        for b in baris
    ]


URUTAN_STATUS = {"belum_melapor": 0, "menunggu": 1, "terlambat": 2, "tepat_waktu": 3}


def tabel_kepatuhan(
    kiriman: Sequence[Kiriman], status: Mapping[int, StatusKepatuhan], batas: dt.datetime, sekarang: dt.datetime
) -> list[dict[str, Any]]:
    """One month's submissions, missing ones first, then late,
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


def tabel_audit(catatan: Sequence[CatatanAudit]) -> list[dict[str, str]]:
    """Audit entries as the Log Audit page and its downloads show them."""
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


def tabel_pengguna(pengguna: Sequence[InfoPengguna]) -> list[dict[str, str]]:
    """Accounts for the Pengguna page; never a password hash."""
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


def tabel_satker(satker: Sequence[InfoSatker]) -> list[dict[str, str]]:
    """Satker with their name history, for the master-data page."""
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


def tabel_polda(baris: Sequence[BarisPolda], satuan: str = "") -> list[dict[str, Any]]:
    """The Polda comparison as the page shows it."""
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


def tabel_pengingat(daftar: DaftarPengingat) -> list[dict[str, str]]:
    """The satker still missing a month's report, with the operator of their last report."""
    return [{"Satker": p.satker, "Operator laporan terakhir": p.operator or "–"} for p in daftar.satker]
