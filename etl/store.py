"""Writing validated workbooks, each inside the caller's single transaction.

Monthly reports are versioned, never overwritten: a new file supersedes the active version,
which stays with its rows and its file's SHA-256. The same file as the active version is a
no-op reported as ``unchanged``. A report's activity rows are written ahead, before the write
lock is taken (:func:`tulis_baris_lebih_dulu`), and become part of the database only when the
report is stored in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from analytics.angka import format_angka
from analytics.kategori import KECEPATAN
from analytics.periods import hours_after_month_end, month_label, to_wib
from db.bulk import buang_baris_disiapkan, bulk_insert, salin_baris_disiapkan, siapkan_baris
from db.models import Aktivitas, AuditLog, Laporan, NilaiBulanan, Penghargaan, Unggahan, utc_now
from db.nilai_bulanan import hitung_ulang_nilai_bulanan
from db.nilai_turunan import hitung_ulang_turunan
from db.tautan_ganda import perbarui_tautan_ganda
from db.transaksi import kunci_bulan, kunci_penghargaan
from etl.problems import cell_ref, warning
from etl.results import LoadResult, Upload
from etl.rules_laporan import AKTIVITAS_FIELDS, LaporanBulanan
from etl.rules_rekap import PenghargaanRecord, RekapPolda
from etl.workbook_format import SHEET_PENGHARGAAN, SHEET_REKAP

AKTIVITAS = Aktivitas.__table__


# Core statements built once, with the values bound at run time: storing a report is a dozen
# small statements, and the ORM's unit of work and its first compile in every worker process of
# a folder load cost more than running them.
_TULIS_UNGGAHAN = insert(Unggahan).returning(Unggahan.id)
_TULIS_LAPORAN = insert(Laporan).returning(Laporan.id)
_TULIS_AUDIT = insert(AuditLog)
_VERSI = (
    select(Laporan.id, Laporan.versi, Laporan.status, Laporan.dikirim_pada, Unggahan.sha256)
    .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
    .where(Laporan.satker_id == bindparam("satker_id"), Laporan.periode == bindparam("periode"))
    .order_by(Laporan.versi)
    .with_for_update(of=Laporan)
)
_DIGANTIKAN = (
    update(Laporan)
    .where(Laporan.id == bindparam("lama"))
    .values(status="digantikan", digantikan_oleh_id=bindparam("baru"))
)
_NOMOR_LAPORAN = select(func.nextval(func.pg_get_serial_sequence("laporan", "id")))


def _unggahan(session: Session, jenis: str, upload: Upload) -> int:
    """Record the accepted file; returns its id."""
    return (
        session.connection()
        .execute(
            _TULIS_UNGGAHAN,
            {
                "jenis": jenis,
                "nama_file": upload.file_name,
                "sha256": upload.sha256,
                "ukuran_byte": upload.size,
                "diunggah_oleh_id": upload.uploader_id,
                "diunggah_pada": upload.received_at,
            },
        )
        .scalar_one()
    )


def _audit(session: Session, upload: Upload, aksi: str, unggahan_id: int | None, **detail: object) -> None:
    session.connection().execute(
        _TULIS_AUDIT,
        {
            "pengguna_id": upload.uploader_id,
            "pelaku": upload.actor,
            "aksi": aksi,
            "unggahan_id": unggahan_id,
            "detail": {"file": upload.file_name, "sha256": upload.sha256, **detail},
        },
    )


@dataclass(frozen=True)
class BarisLebihDulu:
    """A report's activity rows written before its month is locked (:func:`tulis_baris_lebih_dulu`).

    ``laporan_id``: PostgreSQL, the rows are in ``aktivitas`` already, in this transaction, under
    this report id taken from the report table's sequence. None: SQLite, the rows wait in the
    connection's staging table (db.bulk.siapkan_baris) for the report's id.
    """

    laporan_id: int | None


def tulis_baris_lebih_dulu(session: Session, laporan: LaporanBulanan) -> BarisLebihDulu:
    """Write a report's activity rows before the write lock is taken (db.transaksi.sesi_tulis):
    binding them is most of the time of storing a report, and meanwhile another upload may store
    its own. PostgreSQL writes them in this transaction, invisible to others until it commits
    with their report. SQLite, one writer at a time, binds them into a staging table, from which
    :func:`store_laporan` copies them under the lock in half the time.
    """
    assert laporan.satker_id is not None and laporan.periode is not None
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        siapkan_baris(connection, AKTIVITAS, AKTIVITAS_FIELDS, laporan.aktivitas)
        return BarisLebihDulu(None)
    laporan_id = connection.execute(_NOMOR_LAPORAN).scalar_one()
    bulk_insert(connection, AKTIVITAS, AKTIVITAS_FIELDS, laporan.aktivitas, _tetap(laporan, laporan_id))
    return BarisLebihDulu(laporan_id)


def _tetap(laporan: LaporanBulanan, laporan_id: int) -> dict[str, int | dt.date]:
    """The columns every activity row of a report shares."""
    assert laporan.satker_id is not None and laporan.periode is not None
    return {"laporan_id": laporan_id, "satker_id": laporan.satker_id, "periode": laporan.periode}


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
    connection = session.connection()
    versions = connection.execute(_VERSI, {"satker_id": satker_id, "periode": periode}).all()
    active = next((v for v in versions if v.status == "aktif"), None)
    if active is not None and active.sha256 == upload.sha256:
        result.status, result.versi, result.laporan_id = "unchanged", active.versi, active.id
        result.message = (
            f"Berkas sama persis dengan versi {active.versi} yang diunggah {to_wib(active.dikirim_pada):%d/%m/%Y %H:%M} "
            "WIB; tidak ada perubahan."
        )
        _audit(session, upload, "unggah_tidak_berubah", None, laporan_id=active.id)
        _buang(session, baris)  # written ahead for a report that is not stored after all
        return
    unggahan_id = _unggahan(session, "laporan_bulanan", upload)
    versi = (versions[-1].versi + 1) if versions else 1
    values = {
        "unggahan_id": unggahan_id,
        "satker_id": satker_id,
        "periode": periode,
        "versi": versi,
        "status": "aktif",
        "dikirim_pada": upload.received_at,
        "nama_operator": laporan.nama_operator,
    }
    if baris.laporan_id is not None:
        values["id"] = baris.laporan_id
    new_id = connection.execute(_TULIS_LAPORAN, values).scalar_one()
    if active is not None:
        connection.execute(_DIGANTIKAN, {"lama": active.id, "baru": new_id})
    if baris.laporan_id is None:
        salin_baris_disiapkan(connection, AKTIVITAS, AKTIVITAS_FIELDS, _tetap(laporan, new_id))
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


def _buang(session: Session, baris: BarisLebihDulu) -> None:
    if baris.laporan_id is None:
        buang_baris_disiapkan(session.connection(), AKTIVITAS)
    else:
        session.execute(delete(Aktivitas).where(Aktivitas.laporan_id == baris.laporan_id))


def _already_loaded(session: Session, jenis: str, upload: Upload, result: LoadResult) -> bool:
    earlier = session.scalar(
        select(Unggahan).where(Unggahan.jenis == jenis, Unggahan.sha256 == upload.sha256).order_by(Unggahan.id).limit(1)
    )
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
    reported = {
        (satker_id, periode)
        for satker_id, periode in session.execute(
            select(Laporan.satker_id, Laporan.periode).where(Laporan.status == "aktif").distinct()
        )
    } & pairs
    unggahan_id = _unggahan(session, "rekap", upload)
    rows, totals, now = [], Counter[str](), utc_now()
    for row in rekap.rows:
        if (row.satker_id, row.periode) in reported:
            result.problems.append(
                warning(
                    SHEET_REKAP,
                    cell_ref(1, row.baris),
                    f"{row.satker} "
                    f"{month_label(row.periode)} sudah punya laporan bulanan; baris rekap ini "
                    "tidak dipakai.",
                )
            )
            continue
        common = {
            "satker_id": row.satker_id,
            "periode": row.periode,
            "sumber": "rekap",
            "unggahan_id": unggahan_id,
            "diperbarui_pada": now,
            "is_demo": False,
        }
        for kode, value in row.counts.items():
            rows.append({**common, "kategori_kode": kode, "nilai": float(value)})
            totals[kode] += value
        if row.dikirim_pada is not None:
            rows.append(
                {**common, "kategori_kode": KECEPATAN, "nilai": hours_after_month_end(row.periode, row.dikirim_pada)}
            )
    used = pairs - reported
    for pair in used:
        session.execute(
            delete(NilaiBulanan).where(
                NilaiBulanan.sumber == "rekap", NilaiBulanan.satker_id == pair[0], NilaiBulanan.periode == pair[1]
            )
        )
    if rows:
        session.execute(insert(NilaiBulanan), rows)
    hitung_ulang_turunan(session, used)
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
    for record in records:
        exists = session.scalar(
            select(func.count())
            .select_from(Penghargaan)
            .where(
                Penghargaan.acara == record.acara,
                Penghargaan.tahun == record.tahun,
                Penghargaan.kategori_kode == record.kategori_kode,
                Penghargaan.peringkat == record.peringkat,
                Penghargaan.satker_id == record.satker_id,
            )
        )
        if exists:
            result.problems.append(
                warning(SHEET_PENGHARGAAN, cell_ref(1, record.baris), "Penghargaan ini sudah tercatat; dilewati.")
            )
            continue
        session.add(
            Penghargaan(
                acara=record.acara,
                tahun=record.tahun,
                kategori_kode=record.kategori_kode,
                peringkat=record.peringkat,
                satker_id=record.satker_id,
                unggahan_id=unggahan_id,
            )
        )
        added[record.kategori_kode] += 1
    result.status, result.counts = "loaded", dict(added)
    result.message = f"{sum(added.values())} penghargaan dicatat."
    _audit(session, upload, "muat_penghargaan", unggahan_id, dicatat=sum(added.values()))


def preview_of(
    session: Session, payload: LaporanBulanan | RekapPolda | list[PenghargaanRecord], sha256: str
) -> tuple[dict[str, int], str]:
    """What storing a validated workbook would add (kategori code → rows) and do, in words; nothing is written."""
    if isinstance(payload, LaporanBulanan):
        assert payload.satker_id is not None and payload.periode is not None
        versions = session.execute(
            select(Laporan.versi, Laporan.status, Laporan.dikirim_pada, Unggahan.sha256)
            .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
            .where(Laporan.satker_id == payload.satker_id, Laporan.periode == payload.periode)
            .order_by(Laporan.versi)
        ).all()
        active = next((v for v in versions if v.status == "aktif"), None)
        judul = f"Laporan {payload.satker} {month_label(payload.periode)}"
        if active is not None and active.sha256 == sha256:
            return (
                payload.counts(),
                f"{judul}: berkas sama persis dengan versi {active.versi} yang tersimpan; menyimpan tidak mengubah apa pun.",
            )
        if active is None:
            return (
                payload.counts(),
                f"{judul} akan disimpan sebagai versi 1 ({format_angka(len(payload.aktivitas))} kegiatan).",
            )
        return payload.counts(), (
            f"{judul} akan disimpan sebagai versi {versions[-1].versi + 1} dan menggantikan versi {active.versi} "
            f"(diunggah {to_wib(active.dikirim_pada):%d/%m/%Y %H:%M} WIB). Kecepatan laporan tetap dihitung dari unggahan pertama."
        )
    if isinstance(payload, RekapPolda):
        totals: Counter[str] = Counter()
        for row in payload.rows:
            totals.update(row.counts)
        return dict(totals), f"Rekap Polda: {format_angka(len(payload.rows))} baris satker-bulan siap dimuat."
    return dict(
        Counter(record.kategori_kode for record in payload)
    ), f"Hasil penghargaan: {format_angka(len(payload))} baris siap dimuat."
