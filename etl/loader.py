"""Loading one workbook: a command that validates everything, then writes all or nothing.

``load_workbook`` loads one upload (the upload page); ``etl.batch.load_files`` runs the same
two steps for many files (the command line). ``validate_workbook`` runs the file safety checks,
opens the workbook, detects its kind from the sheets and validates it completely, touching no
database; ``store_validated`` then writes it in one transaction. A rejected workbook changes
nothing but the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from analytics.angka import format_angka
from analytics.izin import PESAN_AKSI, Aksi, Pelaku, boleh
from analytics.nama import SatkerDirectory
from analytics.periods import WIB
from db.audit import catat
from db.engine import Engine, Session
from db.platform_alias import alias_tambahan
from db.queries import KategoriInfo, list_kategori, satker_name_index
from db.transaksi import (
    GANGGUAN_DATABASE,
    dengan_ulangan,
    gangguan_sementara,
    kunci_tulis,
    sebab_gangguan,
    sesi_baca,
    sesi_tulis,
)
from etl.extent import SIMPAN_ULANG, check_extent
from etl.file_safety import BATAS_BAWAAN, BatasBerkas, check_file
from etl.isolasi import MB, BatasProses, ProsesGagal, batas_baca, jalankan_terisolasi
from etl.platform_alias import TabelPlatform, tabel_bawaan, tabel_dengan_tambahan
from etl.problems import Masalah, error
from etl.reader import Workbook, WorkbookUnreadable, open_workbook
from etl.results import Kind, LoadResult, Upload
from etl.rules_laporan import LaporanBulanan, validate_laporan
from etl.rules_rekap import PenghargaanRecord, RekapPolda, validate_penghargaan, validate_rekap
from etl.rules_target import SHEET_KELOMPOK, SHEET_TARGET, TargetKelompok, validate_target_kelompok
from etl.store import (
    preview_store,
    store_laporan,
    store_penghargaan,
    store_rekap,
    store_target_kelompok,
    tulis_baris_lebih_dulu,
)
from etl.workbook_format import KATEGORI_SHEETS, SHEET_IDENTITAS, SHEET_PENGHARGAAN, SHEET_REKAP

_log = logging.getLogger(__name__)


def detect_kind(workbook: Workbook) -> Kind | None:
    """The workbook's kind from its sheet names (README "Format buku kerja": Identitas, Rekap,
    Penghargaan, Target / Kelompok). Identitas with a kategori sheet is a monthly report whatever
    else it holds: operators add their own "Rekap" or "Target" sheet, which is ignored with a warning."""
    names = set(workbook.sheet_names)
    if SHEET_IDENTITAS in names and names & set(KATEGORI_SHEETS.values()):
        return "laporan_bulanan"
    if SHEET_REKAP in names:
        return "rekap"
    if SHEET_PENGHARGAAN in names:
        return "penghargaan"
    if names & {SHEET_TARGET, SHEET_KELOMPOK}:
        return "target_kelompok"
    if SHEET_IDENTITAS in names or names & set(KATEGORI_SHEETS.values()):
        return "laporan_bulanan"
    return None


def _unknown_kind(workbook: Workbook) -> Masalah:
    found = ", ".join(f"“{name}”" for name in workbook.sheet_names) or "tidak ada"
    return error(
        "",
        "",
        f"Jenis buku kerja {workbook.file_name} tidak dikenali (sheet: {found}). Laporan bulanan memerlukan sheet "
        f"“{SHEET_IDENTITAS}”, rekap Polda sheet “{SHEET_REKAP}”, dan hasil penghargaan sheet "
        f"“{SHEET_PENGHARGAAN}”, target dan kelompok sheet “{SHEET_TARGET}” atau “{SHEET_KELOMPOK}”. "
        "Gunakan templat dari aplikasi.",
    )


@dataclass
class Validated:
    """A completely validated workbook: its kind, what it contributes, and every problem."""

    kind: Kind | None
    problems: list[Masalah]
    payload: LaporanBulanan | RekapPolda | list[PenghargaanRecord] | TargetKelompok | None = None


def _check_uploader(laporan: LaporanBulanan, uploader: Pelaku | None) -> list[Masalah]:
    """The server-side rule: an operator loads only their own satker's reports (the command line,
    ``uploader`` None, acts as an admin)."""
    if uploader is None:
        return []
    if not boleh(uploader, "unggah_laporan"):
        return [error("", "", f"Akun {uploader.username} tidak berwenang {PESAN_AKSI['unggah_laporan']}.")]
    if uploader.peran == "operator" and laporan.satker_id is None:
        return [
            error(
                SHEET_IDENTITAS,
                "B2",
                "Satker laporan tidak dapat dipastikan; operator hanya boleh mengunggah laporan satkernya sendiri.",
            )
        ]
    if not boleh(uploader, "unggah_laporan", laporan.satker_id):
        return [
            error(
                SHEET_IDENTITAS,
                "B2",
                f"Akun {uploader.username} hanya boleh mengunggah laporan satkernya "
                f"sendiri, bukan {laporan.satker}. Periksa isian Satker atau masuk dengan akun satker tersebut.",
            )
        ]
    return []


def _not_allowed(uploader: Pelaku | None, aksi: Aksi) -> list[Masalah]:
    if uploader is None or boleh(uploader, aksi):
        return []
    return [error("", "", f"Akun {uploader.username} tidak berwenang {PESAN_AKSI[aksi]}; hanya admin yang boleh.")]


@dataclass(frozen=True)
class Reference:
    """The reference data validation needs: known satker names, the categories, and the platform
    aliases (shipped and added by an admin).

    Plain values, so that validation is pure and can run in another process.
    """

    directory: SatkerDirectory
    kategori: list[KategoriInfo]
    platform: TabelPlatform = field(default_factory=tabel_bawaan)


def load_reference(session: Session) -> Reference:
    return Reference(
        SatkerDirectory(satker_name_index(session)),
        list_kategori(session),
        tabel_dengan_tambahan(alias_tambahan(session)),
    )


def validate_workbook(
    reference: Reference,
    data: bytes,
    file_name: str,
    uploader: Pelaku | None,
    today: dt.date,
    batas: BatasBerkas = BATAS_BAWAAN,
) -> Validated:
    """Everything that can be checked before writing, without touching the database.

    How far each sheet reaches is checked before the reader opens it (etl.extent): the reader
    materialises a sheet's whole rectangle, and one stray cell far away would take all memory.
    """
    problems = check_file(data, file_name, batas)
    if problems:
        return Validated(None, problems)
    problems, readable = check_extent(data, file_name, batas)
    if problems:
        return Validated(None, problems)
    del data  # the reader gets the checked bytes only
    try:
        return _validate_kind(reference, open_workbook(readable, file_name, batas), uploader, today)
    except WorkbookUnreadable as unreadable:
        return Validated(None, unreadable.problems)


def _validate_kind(reference: Reference, workbook: Workbook, uploader: Pelaku | None, today: dt.date) -> Validated:
    """The rules of the workbook's kind, for an uploader allowed to load that kind."""
    kind = detect_kind(workbook)
    if kind == "laporan_bulanan":
        laporan, problems = validate_laporan(workbook, reference.directory, today, reference.platform)
        return Validated(kind, problems + _check_uploader(laporan, uploader), laporan)
    if kind == "rekap":
        if refused := _not_allowed(uploader, "muat_rekap"):
            return Validated(kind, refused)
        rekap, problems = validate_rekap(workbook, reference.directory, reference.kategori, today)
        return Validated(kind, problems, rekap)
    if kind == "penghargaan":
        if refused := _not_allowed(uploader, "muat_penghargaan"):
            return Validated(kind, refused)
        awards, problems = validate_penghargaan(workbook, reference.directory, reference.kategori, today)
        return Validated(kind, problems, awards)
    if kind == "target_kelompok":
        if refused := _not_allowed(uploader, "ubah_pengaturan"):
            return Validated(kind, refused)
        sheets, problems = validate_target_kelompok(workbook, reference.directory, reference.kategori)
        return Validated(kind, problems, sheets)
    return Validated(None, [_unknown_kind(workbook)])


def validate_terisolasi(
    reference: Reference,
    data: bytes,
    file_name: str,
    uploader: Pelaku | None,
    today: dt.date,
    batas: BatasBerkas = BATAS_BAWAAN,
    batas_proses: BatasProses | None = None,
    fork_langsung: bool = False,
) -> Validated:
    """:func:`validate_workbook` in a child process with memory, CPU and time limits (etl.isolasi):
    a reader that crashes, runs out of memory or never ends rejects the file instead of ending the
    server. A bug in validation itself (the child raised) is raised here as :class:`etl.isolasi.GalatAnak`.
    ``fork_langsung``: the child is a fork of this process (the command line), not of the forkserver."""
    batas_proses = batas_proses or batas_baca()
    try:
        return jalankan_terisolasi(
            validate_workbook,
            reference,
            data,
            file_name,
            uploader,
            today,
            batas,
            batas=batas_proses,
            fork_langsung=fork_langsung,
        )
    except ProsesGagal as gagal:
        _log.warning("pembacaan %s dihentikan: %s", file_name, gagal)
        return Validated(None, [error("", "", pesan_proses_gagal(file_name, gagal, batas_proses))])


def pesan_proses_gagal(file_name: str, gagal: ProsesGagal, batas: BatasProses) -> str:
    """The rejection of a file whose reading was stopped: out of memory, out of time, or crashed."""
    if gagal.sebab == "memori":
        sebab = f"membacanya memerlukan lebih dari {format_angka(batas.memori_byte // MB)} MB memori"
    elif gagal.sebab == "waktu":
        sebab = f"membacanya memakan waktu terlalu lama (batas {format_angka(batas.cpu_detik)} detik)"
    else:
        sebab = "pembaca buku kerja berhenti di tengah jalan"
    return (
        f"Berkas {file_name} tidak dapat diperiksa: {sebab}. Tidak ada yang disimpan. {SIMPAN_ULANG} Jika masih "
        "ditolak, buka berkas di Excel, salin data ke templat baru dari aplikasi, simpan sebagai .xlsx, lalu unggah."
    )


def _audit_rejection(engine: Engine, result: LoadResult, upload: Upload) -> None:
    """Record a rejected file; when the database is in trouble the entry is only logged, so the
    user still gets the file's errors."""
    try:
        dengan_ulangan(lambda: _write_rejection(engine, result, upload))
    except GANGGUAN_DATABASE as gangguan:
        if not gangguan_sementara(gangguan):
            raise
        _log.warning("penolakan %s tidak tercatat di log audit: %s", upload.file_name, gangguan)


def _write_rejection(engine: Engine, result: LoadResult, upload: Upload) -> None:
    with sesi_tulis(engine) as session:
        catat(
            session,
            upload.pelaku,
            "unggah_ditolak",
            file=result.file,
            sha256=upload.sha256,
            jenis=result.kind,
            satker=result.satker,
            periode=result.periode,
            kesalahan=len(result.errors),
            contoh=[f"{p.lokasi}: {p.message}" for p in result.errors[:5]],
        )


def load_workbook(
    engine: Engine,
    data: bytes,
    file_name: str,
    uploader: Pelaku | None = None,
    now: dt.datetime | None = None,
    batas: BatasBerkas = BATAS_BAWAAN,
    terisolasi: bool = False,
) -> LoadResult:
    """Validate and store one workbook; never raises for a bad file, it returns ``rejected``.

    ``uploader`` is the logged-in user (None for the command line, which acts as an admin);
    an operator may only load monthly reports of their own satker. ``now`` is the time the
    file was received (UTC); for the first accepted report of a month it sets kecepatan_laporan.
    Nor does it raise when the database is busy or unreachable: the result is then ``rejected``
    with ``coba_lagi`` set and a message to send the file again. ``terisolasi`` reads the file in a
    child process with limits (:func:`validate_terisolasi`): the server's upload page does.
    """
    now = now or dt.datetime.now(dt.UTC)
    upload = Upload(file_name, len(data), hashlib.sha256(data).hexdigest(), uploader, now, data)
    try:
        reference = dengan_ulangan(lambda: _reference(engine))
    except GANGGUAN_DATABASE as gangguan:
        if not gangguan_sementara(gangguan):
            raise
        return _refused(Validated(None, []), upload, gangguan)
    validasi = validate_terisolasi if terisolasi else validate_workbook
    validated = validasi(reference, data, file_name, uploader, now.astimezone(WIB).date(), batas)
    return store_validated(engine, validated, upload)


def _reference(engine: Engine) -> Reference:
    with sesi_baca(engine) as session:
        return load_reference(session)


def pesan_coba_lagi(gangguan: BaseException) -> str:
    """The message of an upload refused because of the database, not the file."""
    return (
        f"Berkas belum tersimpan karena {sebab_gangguan(gangguan)}. Tidak ada yang tersimpan setengah jalan. "
        "Unggah ulang berkas yang sama beberapa saat lagi; bila ternyata sudah tersimpan, hasilnya "
        "“tidak berubah”."
    )


def _refused(validated: Validated, upload: Upload, gangguan: BaseException) -> LoadResult:
    _log.warning("unggahan %s belum tersimpan: %s", upload.file_name, gangguan)
    result = _first_result(validated, upload)
    result.coba_lagi, result.message = True, pesan_coba_lagi(gangguan)
    result.problems.append(error("", "", result.message))
    return result


def _first_result(validated: Validated, upload: Upload) -> LoadResult:
    result = LoadResult(
        file=upload.file_name, status="rejected", kind=validated.kind, problems=list(validated.problems)
    )
    if isinstance(validated.payload, LaporanBulanan):
        result.satker = validated.payload.satker
        result.periode = f"{validated.payload.periode:%Y-%m}" if validated.payload.periode else None
    return result


def check_workbook(
    engine: Engine,
    data: bytes,
    file_name: str,
    uploader: Pelaku | None,
    now: dt.datetime | None = None,
    batas: BatasBerkas = BATAS_BAWAAN,
    terisolasi: bool = False,
) -> LoadResult:
    """Validate without storing: the upload page's preview before the user confirms.

    Status ``valid`` (with the counts the file would add and what storing it would do) or
    ``rejected`` (recorded in the audit log, like a rejected load). Storing afterwards goes
    through :func:`load_workbook`, which validates again. ``terisolasi`` as for :func:`load_workbook`.
    """
    now = now or dt.datetime.now(dt.UTC)
    upload = Upload(file_name, len(data), hashlib.sha256(data).hexdigest(), uploader, now)
    validasi = validate_terisolasi if terisolasi else validate_workbook
    with sesi_baca(engine) as session:
        reference = load_reference(session)
        validated = validasi(reference, data, file_name, uploader, now.astimezone(WIB).date(), batas)
        result = _first_result(validated, upload)
        if result.errors or validated.payload is None:
            _audit_rejection(engine, result, upload)
            return result
        result.status = "valid"
        result.counts, result.message = preview_store(session, validated.payload, upload.sha256)
    return result


def store_validated(
    engine: Engine,
    validated: Validated,
    upload: Upload,
    hitung_tanda: bool = True,
    giliran: Callable[[], dt.datetime] | None = None,
) -> LoadResult:
    """Write a validated workbook in one transaction, or record its rejection in the audit log.

    Passing database trouble is retried (``db.transaksi``); when it lasts, the result is
    ``rejected`` with ``coba_lagi`` and nothing was written.
    ``hitung_tanda`` False leaves recounting the month's shared links to the caller (a folder load
    does it once at the end). ``giliran``, for a folder load that commits its files in order,
    waits until this file may commit and returns that moment, the file's time of arrival; a
    report's activity rows are written before waiting (etl.store.tulis_baris_lebih_dulu). It must
    return at once, with the same time, when called again."""
    result = _first_result(validated, upload)
    if result.errors or validated.payload is None:
        if giliran is not None:
            upload = replace(upload, received_at=giliran())
        _audit_rejection(engine, result, upload)
        return result
    try:
        return dengan_ulangan(lambda: _store_once(engine, validated, upload, hitung_tanda, giliran))
    except GANGGUAN_DATABASE as gangguan:
        if not gangguan_sementara(gangguan):
            raise
        return _refused(validated, upload, gangguan)


def _store_once(
    engine: Engine, validated: Validated, upload: Upload, hitung_tanda: bool, giliran: Callable[[], dt.datetime] | None
) -> LoadResult:
    """One attempt, from a fresh result: a retried attempt must not see what a failed one filled in.

    A monthly report's rows are written before the write lock is taken, and a folder load's
    turn is awaited after that: the rows of the next file are written while this one is stored.
    """
    payload = validated.payload
    with sesi_tulis(engine) as session:
        baris = tulis_baris_lebih_dulu(session, payload) if isinstance(payload, LaporanBulanan) else None
        if giliran is not None:
            upload = replace(upload, received_at=giliran())
        kunci_tulis(session)
        result = _first_result(validated, upload)
        if isinstance(payload, LaporanBulanan):
            assert baris is not None
            store_laporan(session, payload, upload, result, baris, hitung_tanda)
        elif isinstance(payload, RekapPolda):
            store_rekap(session, payload, upload, result)
        elif isinstance(payload, TargetKelompok):
            store_target_kelompok(session, payload, upload, result)
        else:
            assert payload is not None
            store_penghargaan(session, payload, upload, result)
    return result
