"""The consistency check behind ``python -m etl periksa``: do the stored numbers still agree with
the evidence behind them?

Every load writes a report version, its activity rows and the recomputed monthly values in one
transaction, so they can only disagree after something outside the app touched the database
(a hand edit, a restore of a partial copy, a disk fault). The check recomputes everything from
the rows, independently of the loader, and lists each drift in words an admin can act on.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from analytics.angka import format_angka
from analytics.kategori import KECEPATAN, KODE_KATEGORI
from analytics.periods import hours_after_month_end, month_label
from db.models import (
    Aktivitas,
    Kategori,
    Laporan,
    LonjakanBulanan,
    NilaiBulanan,
    NilaiBulananLebar,
    RingkasanPeriode,
    Satker,
    TautanBersama,
    TautanGandaBulanan,
    TautanGandaRingkasan,
    Unggahan,
)
from db.nilai_bulanan import hitung_ulang_nilai_bulanan
from db.nilai_turunan import hitung_ulang_turunan, kolom_lebar
from db.tautan_ganda import hitung_ulang_tautan_ganda

JenisPenyimpangan = Literal["versi", "unggahan", "aktivitas", "nilai", "berkas", "turunan"]
SatkerBulan = tuple[int, dt.date]
TOLERANSI = 1e-6


@dataclass(frozen=True)
class Penyimpangan:
    """One disagreement: its kind, where (satker and month, when it has one) and what, in words."""

    jenis: JenisPenyimpangan
    pesan: str
    satker_id: int | None = None
    periode: dt.date | None = None


@dataclass
class HasilPeriksa:
    """What was checked and every drift found."""

    laporan: int = 0
    satker_bulan: int = 0
    aktivitas: int = 0
    nilai_bulanan: int = 0
    penyimpangan: list[Penyimpangan] = field(default_factory=list)

    @property
    def konsisten(self) -> bool:
        return not self.penyimpangan


@dataclass(frozen=True)
class _Versi:
    id: int
    unggahan_id: int
    versi: int
    status: str
    digantikan_oleh_id: int | None
    dikirim_pada: dt.datetime


class _Nama:
    """Satker and kategori names for the messages."""

    def __init__(self, session: Session) -> None:
        self.satker = dict(session.execute(select(Satker.id, Satker.nama)).all())
        self.kategori = {
            kode: label or nama
            for kode, label, nama in session.execute(select(Kategori.kode, Kategori.label, Kategori.nama_tampilan))
        }

    def tempat(self, satker_id: int, periode: dt.date) -> str:
        return f"{self.satker.get(satker_id, f'satker #{satker_id}')} {month_label(periode)}"


def periksa_konsistensi(session: Session) -> HasilPeriksa:
    """Check report versions, uploads, activity rows and monthly values; nothing is written."""
    nama = _Nama(session)
    hasil = HasilPeriksa()
    versi = _versi_per_satker_bulan(session)
    hasil.laporan = sum(len(daftar) for daftar in versi.values())
    hasil.satker_bulan = len(versi)
    aktif = _periksa_versi(versi, nama, hasil)
    _periksa_unggahan(session, hasil)
    _periksa_aktivitas(session, nama, hasil)
    _periksa_nilai(session, versi, aktif, nama, hasil)
    _periksa_berkas(session, hasil)
    _periksa_turunan(session, hasil)
    return hasil


def _turunan(session: Session) -> dict[str, set[tuple[object, ...]]]:
    def rows(*columns: Any) -> set[tuple[object, ...]]:
        return {tuple(row) for row in session.execute(select(*columns))}

    return {
        "tautan_bersama": rows(TautanBersama.periode, TautanBersama.url),
        "tautan_ganda_bulanan": rows(
            TautanGandaBulanan.satker_id,
            TautanGandaBulanan.periode,
            TautanGandaBulanan.kategori_kode,
            TautanGandaBulanan.jumlah,
        ),
        "tautan_ganda_ringkasan": rows(
            TautanGandaRingkasan.tingkat,
            TautanGandaRingkasan.awal,
            TautanGandaRingkasan.satker_id,
            TautanGandaRingkasan.kategori_kode,
            TautanGandaRingkasan.jumlah,
        ),
        "nilai_bulanan_lebar": rows(
            NilaiBulananLebar.satker_id, NilaiBulananLebar.periode, *(kolom_lebar(kode) for kode in KODE_KATEGORI)
        ),
        "ringkasan_periode": rows(
            RingkasanPeriode.satker_id, *(c for c in RingkasanPeriode.__table__.columns if c.name != "satker_id")
        ),
        "lonjakan_bulanan": rows(
            LonjakanBulanan.satker_id,
            LonjakanBulanan.periode,
            LonjakanBulanan.kategori_kode,
            LonjakanBulanan.nilai,
            LonjakanBulanan.median_riwayat,
        ),
    }


def hitung_ulang_semua_turunan(session: Session) -> None:
    """Recount every derived table from scratch (shared links and their period sums, pivoted
    values and their period sums, jumps)."""
    for table in (
        TautanBersama,
        TautanGandaBulanan,
        TautanGandaRingkasan,
        NilaiBulananLebar,
        RingkasanPeriode,
        LonjakanBulanan,
    ):
        session.execute(delete(table))
    hitung_ulang_tautan_ganda(session, set(session.scalars(select(Laporan.periode).distinct())))
    hitung_ulang_turunan(
        session, [(s, p) for s, p in session.execute(select(NilaiBulanan.satker_id, NilaiBulanan.periode).distinct())]
    )


def _periksa_turunan(session: Session, hasil: HasilPeriksa) -> None:
    """The tables the loader keeps up to date one upload at a time must equal a recount from
    scratch (done in a savepoint that is rolled back). Satker whose monthly values already
    drifted are left out: their derived rows follow the values once those are recomputed."""
    drifted = {p.satker_id for p in hasil.penyimpangan if p.jenis == "nilai"}
    stored = _turunan(session)
    savepoint = session.begin_nested()
    hitung_ulang_semua_turunan(session)
    session.flush()
    expected = _turunan(session)
    savepoint.rollback()
    for table in ("nilai_bulanan_lebar", "ringkasan_periode", "lonjakan_bulanan"):
        stored[table] = {row for row in stored[table] if row[0] not in drifted}
        expected[table] = {row for row in expected[table] if row[0] not in drifted}
    for table, rows in stored.items():
        extra, missing = rows - expected[table], expected[table] - rows
        if extra or missing:
            hasil.penyimpangan.append(
                Penyimpangan(
                    "turunan",
                    f"Tabel {table} berbeda dari hitungan ulang: {format_angka(len(missing))} baris "
                    f"kurang, {format_angka(len(extra))} baris lebih. Jalankan dengan --perbaiki.",
                )
            )


def perbaiki_nilai(session: Session, hasil: HasilPeriksa) -> int:
    """Recompute the monthly values of every satker-month with a value drift; returns how many.

    Only values and the tables derived from them are derived data (those are recounted from
    scratch when they drifted); a broken version history is reported, never guessed at.
    """
    pairs = {
        (p.satker_id, p.periode)
        for p in hasil.penyimpangan
        if p.jenis == "nilai" and p.satker_id is not None and p.periode is not None
    }
    hitung_ulang_nilai_bulanan(session, pairs)
    if any(p.jenis == "turunan" for p in hasil.penyimpangan):
        hitung_ulang_semua_turunan(session)
    return len(pairs)


def _versi_per_satker_bulan(session: Session) -> dict[SatkerBulan, list[_Versi]]:
    versi: dict[SatkerBulan, list[_Versi]] = defaultdict(list)
    rows = session.execute(
        select(
            Laporan.satker_id,
            Laporan.periode,
            Laporan.id,
            Laporan.unggahan_id,
            Laporan.versi,
            Laporan.status,
            Laporan.digantikan_oleh_id,
            Laporan.dikirim_pada,
        ).order_by(Laporan.satker_id, Laporan.periode, Laporan.versi)
    )
    for satker_id, periode, *rest in rows:
        versi[(satker_id, periode)].append(_Versi(*rest))
    return versi


def _periksa_versi(
    versi: dict[SatkerBulan, list[_Versi]], nama: _Nama, hasil: HasilPeriksa
) -> dict[SatkerBulan, _Versi]:
    """Versions 1..n without gaps, exactly one active (the newest), each older one pointing at the next."""
    aktif: dict[SatkerBulan, _Versi] = {}
    for (satker_id, periode), daftar in versi.items():
        tempat = nama.tempat(satker_id, periode)

        def lapor(pesan: str, satker_id: int = satker_id, periode: dt.date = periode) -> None:
            hasil.penyimpangan.append(Penyimpangan("versi", pesan, satker_id, periode))

        nomor = [v.versi for v in daftar]
        if nomor != list(range(1, len(daftar) + 1)):
            lapor(f"{tempat}: nomor versi {', '.join(map(str, nomor))}, seharusnya 1 sampai {len(daftar)} tanpa celah.")
        yang_aktif = [v for v in daftar if v.status == "aktif"]
        if len(yang_aktif) != 1:
            lapor(f"{tempat}: {len(yang_aktif)} versi aktif, seharusnya tepat satu.")
        elif yang_aktif[0] is not daftar[-1]:
            lapor(f"{tempat}: versi aktif adalah versi {yang_aktif[0].versi}, bukan versi terbaru {daftar[-1].versi}.")
        if yang_aktif:
            aktif[(satker_id, periode)] = yang_aktif[-1]
        for lama, baru in itertools.pairwise(daftar):
            if lama.status != "digantikan" or lama.digantikan_oleh_id != baru.id:
                lapor(f"{tempat}: versi {lama.versi} tidak tercatat digantikan oleh versi {baru.versi}.")
        if daftar[-1].digantikan_oleh_id is not None:
            lapor(f"{tempat}: versi terbaru {daftar[-1].versi} tercatat digantikan.")
    return aktif


def _periksa_unggahan(session: Session, hasil: HasilPeriksa) -> None:
    """Every monthly-report upload is exactly one report version: no half-stored submission."""
    per_unggahan = dict(
        session.execute(
            select(Unggahan.id, func.count(Laporan.id))
            .outerjoin(Laporan, Laporan.unggahan_id == Unggahan.id)
            .where(Unggahan.jenis == "laporan_bulanan")
            .group_by(Unggahan.id)
        ).all()
    )
    for unggahan_id, jumlah in sorted(per_unggahan.items()):
        if jumlah != 1:
            hasil.penyimpangan.append(
                Penyimpangan(
                    "unggahan",
                    f"Unggahan #{unggahan_id} (laporan bulanan) punya {jumlah} versi laporan, seharusnya tepat satu.",
                )
            )
    lain = session.scalars(
        select(Laporan.id).join(Unggahan, Unggahan.id == Laporan.unggahan_id).where(Unggahan.jenis != "laporan_bulanan")
    ).all()
    for laporan_id in lain:
        hasil.penyimpangan.append(
            Penyimpangan("unggahan", f"Laporan #{laporan_id} menunjuk unggahan yang bukan laporan bulanan.")
        )


def _periksa_aktivitas(session: Session, nama: _Nama, hasil: HasilPeriksa) -> None:
    """Activity rows belong to a stored report (the database has no foreign key to say so) and
    repeat its satker and month (evidence queries rely on it)."""
    hasil.aktivitas = session.scalar(select(func.count()).select_from(Aktivitas)) or 0
    yatim = session.execute(
        select(Aktivitas.laporan_id, func.count())
        .where(~Aktivitas.laporan_id.in_(select(Laporan.id)))
        .group_by(Aktivitas.laporan_id)
    )
    for laporan_id, jumlah in yatim:
        hasil.penyimpangan.append(
            Penyimpangan(
                "aktivitas",
                f"{format_angka(jumlah)} baris kegiatan menunjuk laporan #{laporan_id} yang "
                "tidak ada; baris itu tidak dihitung di peringkat mana pun.",
            )
        )
    salah = session.execute(
        select(Laporan.satker_id, Laporan.periode, Laporan.versi, func.count())
        .join(Aktivitas, Aktivitas.laporan_id == Laporan.id)
        .where((Aktivitas.satker_id != Laporan.satker_id) | (Aktivitas.periode != Laporan.periode))
        .group_by(Laporan.satker_id, Laporan.periode, Laporan.versi)
    )
    for satker_id, periode, versi, jumlah in salah:
        hasil.penyimpangan.append(
            Penyimpangan(
                "aktivitas",
                f"{nama.tempat(satker_id, periode)} versi {versi}: {format_angka(jumlah)} baris "
                "kegiatan mencatat satker atau bulan lain daripada laporannya.",
                satker_id,
                periode,
            )
        )


def _periksa_nilai(
    session: Session,
    versi: dict[SatkerBulan, list[_Versi]],
    aktif: dict[SatkerBulan, _Versi],
    nama: _Nama,
    hasil: HasilPeriksa,
) -> None:
    """Monthly values of reported months equal the active version's row counts and the first upload's speed."""
    kode_hitungan = list(
        session.scalars(select(Kategori.kode).where(Kategori.nama_sheet.is_not(None)).order_by(Kategori.urutan))
    )
    jumlah: dict[tuple[int, str], int] = {
        (laporan_id, kode): n
        for laporan_id, kode, n in session.execute(
            select(Aktivitas.laporan_id, Aktivitas.kategori_kode, func.count())
            .join(Laporan, Laporan.id == Aktivitas.laporan_id)
            .where(Laporan.status == "aktif")
            .group_by(Aktivitas.laporan_id, Aktivitas.kategori_kode)
        )
    }
    tersimpan: dict[SatkerBulan, dict[str, tuple[float, str, int | None]]] = defaultdict(dict)
    for satker_id, periode, kode, nilai, sumber, laporan_id in session.execute(
        select(
            NilaiBulanan.satker_id,
            NilaiBulanan.periode,
            NilaiBulanan.kategori_kode,
            NilaiBulanan.nilai,
            NilaiBulanan.sumber,
            NilaiBulanan.laporan_id,
        )
    ):
        tersimpan[(satker_id, periode)][kode] = (nilai, sumber, laporan_id)
        hasil.nilai_bulanan += 1

    def lapor(pair: SatkerBulan, pesan: str) -> None:
        hasil.penyimpangan.append(Penyimpangan("nilai", f"{nama.tempat(*pair)}: {pesan}", *pair))

    for pair, laporan in sorted(aktif.items()):
        ada = tersimpan.get(pair, {})
        harapan = {kode: float(jumlah.get((laporan.id, kode), 0)) for kode in kode_hitungan}
        harapan[KECEPATAN] = hours_after_month_end(pair[1], min(v.dikirim_pada for v in versi[pair]))
        for kode, nilai in harapan.items():
            if (
                pesan := _selisih_nilai(nama.kategori.get(kode, kode), kode, nilai, ada.get(kode), laporan)
            ) is not None:
                lapor(pair, pesan)
        for kode in sorted(set(ada) - set(harapan)):
            lapor(pair, f"nilai bulanan untuk kategori tak dikenal “{kode}”.")
    for pair, ada in sorted(tersimpan.items()):
        if pair not in aktif and any(sumber == "laporan" for _, sumber, _ in ada.values()):
            lapor(pair, "ada nilai bulanan dari laporan, padahal tidak ada versi laporan yang aktif.")


def _selisih_nilai(
    label: str, kode: str, nilai: float, ada: tuple[float, str, int | None] | None, laporan: _Versi
) -> str | None:
    """What is wrong with one stored monthly value (value, source, report id) against ``nilai``
    computed from the active version ``laporan``, or None."""
    if ada is None:
        return f"nilai bulanan {label} tidak ada (seharusnya {_angka(nilai)})."
    disimpan, sumber, laporan_id = ada
    if sumber != "laporan":
        return f"nilai bulanan {label} berasal dari rekap, padahal ada laporan bulanan."
    if abs(disimpan - nilai) > TOLERANSI:
        sebab = "waktu unggahan pertama" if kode == KECEPATAN else f"baris kegiatan versi aktif (versi {laporan.versi})"
        return f"nilai bulanan {label} {_angka(disimpan)}, tetapi {sebab} memberi {_angka(nilai)}."
    if laporan_id != laporan.id:
        return f"nilai bulanan {label} menunjuk laporan lain daripada versi aktif {laporan.versi}."
    return None


def _angka(nilai: float) -> str:
    return format_angka(nilai, 0 if float(nilai).is_integer() else 2)


def _periksa_berkas(session: Session, hasil: HasilPeriksa) -> None:
    """SQLite's own check of the database file (pages, indexes), cheap enough to run every time."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    pesan = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if pesan != ["ok"]:
        for baris in pesan[:20]:
            hasil.penyimpangan.append(Penyimpangan("berkas", f"Berkas database rusak: {baris}"))
