"""Writing validated workbooks, each inside the caller's single transaction.

Monthly reports are versioned, never overwritten: a new file supersedes the active version,
which stays with its rows and its file's SHA-256. The same file as the active version is a
no-op reported as ``unchanged``. A report's activity rows are written ahead, before the write
lock is taken (:func:`tulis_baris_lebih_dulu`), and become part of the database only when the
report is stored in the same transaction. The statements themselves are in ``db.unggahan``;
here are the decisions and what they are called in the messages.
"""

from __future__ import annotations

from collections import Counter

from analytics.angka import format_angka
from analytics.kategori import KECEPATAN
from analytics.periods import hours_after_month_end, month_label, to_wib
from db.audit import catat
from db.berkas_asli import tulis_berkas_asli
from db.engine import Session
from db.kelompok import simpan_kelompok
from db.nilai_bulanan import hitung_ulang_nilai_bulanan
from db.target import simpan_target
from db.tautan_ganda import perbarui_tautan_ganda
from db.transaksi import kunci_bulan, kunci_penghargaan
from db.unggahan import (
    BarisLebihDulu,
    NilaiRekap,
    ada_penghargaan,
    baca_satker_bulan_berlaporan,
    baca_versi,
    buang_baris_lebih_dulu,
    cari_unggahan_sama,
    ganti_nilai_rekap,
    tulis_penghargaan,
    tulis_unggahan,
    tulis_versi_laporan,
)
from db.unggahan import tulis_baris_lebih_dulu as tulis_baris
from etl.problems import cell_ref, warning
from etl.results import LoadResult, Upload
from etl.rules_laporan import AKTIVITAS_FIELDS, LaporanBulanan
from etl.rules_rekap import PenghargaanRecord, RekapPolda
from etl.rules_target import TargetKelompok
from etl.workbook_format import SHEET_PENGHARGAAN, SHEET_REKAP


def _unggahan(session: Session, jenis: str, upload: Upload) -> int:
    """Record the accepted file, with its bytes when the upload carries them; returns its id."""
    unggahan_id = tulis_unggahan(
        session, jenis, upload.file_name, upload.sha256, upload.size, upload.uploader_id, upload.received_at
    )
    if upload.data is not None:
        tulis_berkas_asli(session, unggahan_id, upload.data)
    return unggahan_id


def _audit(session: Session, upload: Upload, aksi: str, unggahan_id: int | None, **detail: object) -> None:
    catat(session, upload.pelaku, aksi, unggahan_id, file=upload.file_name, sha256=upload.sha256, **detail)


def tulis_baris_lebih_dulu(session: Session, laporan: LaporanBulanan) -> BarisLebihDulu:
    """Write a report's activity rows before the write lock is taken (db.unggahan.tulis_baris_lebih_dulu):
    meanwhile another upload may store its own; :func:`store_laporan` then stores the report."""
    assert laporan.satker_id is not None and laporan.periode is not None
    return tulis_baris(session, laporan.satker_id, laporan.periode, AKTIVITAS_FIELDS, laporan.aktivitas)


def store_laporan(
    session: Session,
    laporan: LaporanBulanan,
    upload: Upload,
    result: LoadResult,
    baris: BarisLebihDulu,
    hitung_tanda: bool = True,
) -> None:
    """Store a new version of a satker's monthly report (or nothing, if it is the same file),
    its activity rows ``baris`` written ahead by :func:`tulis_baris_lebih_dulu`.

    The standing of this report's links (old version and new) among the month's shared links is
    updated here unless ``hitung_tanda`` is False, for a folder load that recounts every month
    it touched once at the end.
    """
    assert laporan.satker_id is not None and laporan.periode is not None
    satker_id, periode = laporan.satker_id, laporan.periode
    kunci_bulan(session, [periode])  # before reading the versions: see db.transaksi
    result.counts = laporan.counts()
    versions = baca_versi(session, satker_id, periode, kunci=True)
    active = next((v for v in versions if v.status == "aktif"), None)
    if active is not None and active.sha256 == upload.sha256:
        result.status, result.versi, result.laporan_id = "unchanged", active.versi, active.id
        result.message = (
            f"Berkas sama persis dengan versi {active.versi} yang diunggah "
            f"{to_wib(active.dikirim_pada):%d/%m/%Y %H:%M} WIB; tidak ada perubahan."
        )
        _audit(session, upload, "unggah_tidak_berubah", None, laporan_id=active.id)
        buang_baris_lebih_dulu(session, baris)  # written ahead for a report that is not stored after all
        return
    unggahan_id = _unggahan(session, "laporan_bulanan", upload)
    versi = (versions[-1].versi + 1) if versions else 1
    new_id = tulis_versi_laporan(
        session,
        unggahan_id,
        satker_id,
        periode,
        versi,
        upload.received_at,
        laporan.nama_operator,
        baris,
        AKTIVITAS_FIELDS,
        active.id if active is not None else None,
    )
    hitung_ulang_nilai_bulanan(session, [(satker_id, periode)])
    if hitung_tanda:
        perbarui_tautan_ganda(session, periode, satker_id, [new_id] + ([active.id] if active is not None else []))
    result.status, result.versi, result.laporan_id = "loaded", versi, new_id
    total = format_angka(len(laporan.aktivitas))
    replaced = f"; menggantikan versi {active.versi}" if active else ""
    result.message = (
        f"Laporan {laporan.satker} {month_label(periode)} versi {versi} tersimpan ({total} kegiatan{replaced})."
    )
    _audit(session, upload, "unggah_laporan", unggahan_id, laporan_id=new_id, versi=versi, counts=result.counts)


def _already_loaded(session: Session, jenis: str, upload: Upload, result: LoadResult) -> bool:
    earlier = cari_unggahan_sama(session, jenis, upload.sha256)
    if earlier is None:
        return False
    result.status = "unchanged"
    result.message = (
        f"Berkas ini sudah dimuat pada {to_wib(earlier.diunggah_pada):%d/%m/%Y %H:%M} WIB ({earlier.nama_file}); "
        "tidak ada perubahan."
    )
    return True


def store_rekap(session: Session, rekap: RekapPolda, upload: Upload, result: LoadResult) -> None:
    """Backfill monthly values from the recap; months that have a monthly report keep the report's values."""
    kunci_bulan(session, {row.periode for row in rekap.rows})
    if _already_loaded(session, "rekap", upload, result):
        return
    pairs = {(row.satker_id, row.periode) for row in rekap.rows}
    reported = baca_satker_bulan_berlaporan(session) & pairs
    unggahan_id = _unggahan(session, "rekap", upload)
    nilai: list[NilaiRekap] = []
    totals: Counter[str] = Counter()
    for row in rekap.rows:
        if (row.satker_id, row.periode) in reported:
            pesan = (
                f"{row.satker} {month_label(row.periode)} sudah punya laporan bulanan; baris rekap ini tidak dipakai."
            )
            result.problems.append(warning(SHEET_REKAP, cell_ref(1, row.baris), pesan))
            continue
        for kode, value in row.counts.items():
            nilai.append((row.satker_id, row.periode, kode, float(value)))
            totals[kode] += value
        if row.dikirim_pada is not None:
            nilai.append((row.satker_id, row.periode, KECEPATAN, hours_after_month_end(row.periode, row.dikirim_pada)))
    used = pairs - reported
    ganti_nilai_rekap(session, unggahan_id, used, nilai)
    result.status, result.counts = "loaded", dict(totals)
    result.message = f"Rekap dimuat: {len(used)} baris satker-bulan, {len(reported)} dilewati karena sudah ada laporan."
    _audit(session, upload, "muat_rekap", unggahan_id, baris=len(used), dilewati=len(reported))


def store_penghargaan(session: Session, records: list[PenghargaanRecord], upload: Upload, result: LoadResult) -> None:
    """Record official award results; a result already recorded is skipped with a warning."""
    kunci_penghargaan(session)
    if _already_loaded(session, "penghargaan", upload, result):
        return
    unggahan_id = _unggahan(session, "penghargaan", upload)
    added: Counter[str] = Counter()
    for r in records:
        if ada_penghargaan(session, r.acara, r.tahun, r.kategori_kode, r.peringkat, r.satker_id):
            result.problems.append(
                warning(SHEET_PENGHARGAAN, cell_ref(1, r.baris), "Penghargaan ini sudah tercatat; dilewati.")
            )
            continue
        tulis_penghargaan(session, r.acara, r.tahun, r.kategori_kode, r.peringkat, r.satker_id, unggahan_id)
        added[r.kategori_kode] += 1
    result.status, result.counts = "loaded", dict(added)
    result.message = f"{sum(added.values())} penghargaan dicatat."
    _audit(session, upload, "muat_penghargaan", unggahan_id, dicatat=sum(added.values()))


def store_target_kelompok(session: Session, sheets: TargetKelompok, upload: Upload, result: LoadResult) -> None:
    """Store the targets (a key already stored gets the sheet's value) and the groups (a group named
    in the sheet gets exactly the sheet's members; groups not named stay as they are)."""
    added, changed = simpan_target(session, upload.pelaku, [row.target for row in sheets.targets])
    for group in sheets.kelompok:
        simpan_kelompok(session, upload.pelaku, group.nama, group.anggota)
    result.status = "loaded"
    result.counts = {"target": len(sheets.targets), "kelompok": len(sheets.kelompok)}
    result.message = _ringkas_target_kelompok(sheets) + f" tersimpan ({added} target baru, {changed} target diubah)."
    _audit(session, upload, "muat_target_kelompok", None, target=len(sheets.targets), kelompok=len(sheets.kelompok))


def _ringkas_target_kelompok(sheets: TargetKelompok) -> str:
    members = sum(len(group.anggota) for group in sheets.kelompok)
    return (
        f"{format_angka(len(sheets.targets))} target dan {format_angka(len(sheets.kelompok))} kelompok "
        f"({format_angka(members)} anggota)"
    )


def preview_store(
    session: Session, payload: LaporanBulanan | RekapPolda | list[PenghargaanRecord] | TargetKelompok, sha256: str
) -> tuple[dict[str, int], str]:
    """What storing a validated workbook would add (kategori code → rows) and do, in words; nothing is written."""
    if isinstance(payload, TargetKelompok):
        counts = {"target": len(payload.targets), "kelompok": len(payload.kelompok)}
        return counts, f"{_ringkas_target_kelompok(payload)} siap disimpan; kelompok yang disebut diganti anggotanya."
    if isinstance(payload, LaporanBulanan):
        return payload.counts(), _pratinjau_laporan(session, payload, sha256)
    if isinstance(payload, RekapPolda):
        totals: Counter[str] = Counter()
        for row in payload.rows:
            totals.update(row.counts)
        return dict(totals), f"Rekap Polda: {format_angka(len(payload.rows))} baris satker-bulan siap dimuat."
    awards = dict(Counter(record.kategori_kode for record in payload))
    return awards, f"Hasil penghargaan: {format_angka(len(payload))} baris siap dimuat."


def _pratinjau_laporan(session: Session, laporan: LaporanBulanan, sha256: str) -> str:
    assert laporan.satker_id is not None and laporan.periode is not None
    versions = baca_versi(session, laporan.satker_id, laporan.periode)
    active = next((v for v in versions if v.status == "aktif"), None)
    judul = f"Laporan {laporan.satker} {month_label(laporan.periode)}"
    if active is not None and active.sha256 == sha256:
        return (
            f"{judul}: berkas sama persis dengan versi {active.versi} yang tersimpan; menyimpan tidak mengubah apa pun."
        )
    if active is None:
        return f"{judul} akan disimpan sebagai versi 1 ({format_angka(len(laporan.aktivitas))} kegiatan)."
    return (
        f"{judul} akan disimpan sebagai versi {versions[-1].versi + 1} dan menggantikan versi {active.versi} "
        f"(diunggah {to_wib(active.dikirim_pada):%d/%m/%Y %H:%M} WIB). "
        "Kecepatan laporan tetap dihitung dari unggahan pertama."
    )
