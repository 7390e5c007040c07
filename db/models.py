"""SQLAlchemy 2.0 models for the whole domain.

The tables follow the data flow (README "Susunan kode"): reference data (Polda, satker, kategori),
what arrives (uploaded files, versioned monthly reports and their activity rows), what is
ranked (monthly values, one per satker × month × kategori), and what is recorded around it
(awards, users, settings, audit log).

Time stamps are stored in UTC (timezone-aware); months (``periode``) are stored as the first
day of the month so that ranges compare as dates on every engine.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from analytics.agenda import JENIS_ACARA
from analytics.target import LINGKUP
from analytics.tautan import kanonik

# Stable constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PERAN = ("admin", "pimpinan", "operator")
LINGKUP_TARGET = tuple(LINGKUP)
JENIS_AGENDA = tuple(JENIS_ACARA)
ARAH = ("lebih_tinggi", "lebih_rendah")
SUMBER_NILAI = ("laporan", "rekap")
JENIS_UNGGAHAN = ("laporan_bulanan", "rekap", "penghargaan")
STATUS_LAPORAN = ("aktif", "digantikan")


def utc_now() -> dt.datetime:
    """Current time in UTC, the only zone stored in the database."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime on every engine (SQLite keeps no zone on its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("waktu harus memakai zona waktu (UTC)")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Polda(Base):
    """A regional police command; the top of the Polda → satker hierarchy."""

    __tablename__ = "polda"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(120), unique=True)
    singkatan: Mapped[str] = mapped_column(String(40))
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    satker: Mapped[list[Satker]] = relationship(back_populates="polda")


class Satker(Base):
    """A district unit (Polres, Polresta, Polrestabes, Polres Pelabuhan).

    ``nama`` and ``tipe`` hold the current name; every name the unit ever had, with the date
    it took effect, lives in :class:`SatkerNama` so that old reports still match and old
    periods show the name of their time.
    """

    __tablename__ = "satker"

    id: Mapped[int] = mapped_column(primary_key=True)
    polda_id: Mapped[int] = mapped_column(ForeignKey("polda.id"), index=True)
    nama: Mapped[str] = mapped_column(String(120), unique=True)
    tipe: Mapped[str] = mapped_column(String(40))
    wilayah: Mapped[str] = mapped_column(String(200), default="")
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)

    polda: Mapped[Polda] = relationship(back_populates="satker")
    riwayat_nama: Mapped[list[SatkerNama]] = relationship(
        back_populates="satker", order_by="SatkerNama.berlaku_mulai", cascade="all, delete-orphan"
    )


class SatkerNama(Base):
    """One name of a satker, valid from ``berlaku_mulai`` until the next name's date."""

    __tablename__ = "satker_nama"
    __table_args__ = (UniqueConstraint("satker_id", "berlaku_mulai"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id", ondelete="CASCADE"), index=True)
    nama: Mapped[str] = mapped_column(String(120), index=True)
    tipe: Mapped[str] = mapped_column(String(40))
    berlaku_mulai: Mapped[dt.date] = mapped_column(Date)
    catatan: Mapped[str] = mapped_column(Text, default="")

    satker: Mapped[Satker] = relationship(back_populates="riwayat_nama")


class Kategori(Base):
    """One of the ten award categories, keyed by its stable code.

    ``label`` is the editable display name (IPSE's expansion is not public); ``nama_tampilan``
    is the official name it falls back to. ``nama_sheet`` is the template sheet that feeds a
    count category; kecepatan_laporan has none.
    """

    __tablename__ = "kategori"
    __table_args__ = (CheckConstraint(f"arah IN {ARAH!r}", name="arah"),)

    kode: Mapped[str] = mapped_column(String(40), primary_key=True)
    nama_tampilan: Mapped[str] = mapped_column(String(120))
    label: Mapped[str | None] = mapped_column(String(120), default=None)
    satuan: Mapped[str] = mapped_column(String(200))
    arah: Mapped[str] = mapped_column(String(20))
    urutan: Mapped[int] = mapped_column(Integer)
    nama_sheet: Mapped[str | None] = mapped_column(String(60), default=None)

    @property
    def label_tampil(self) -> str:
        return self.label or self.nama_tampilan


class Pengguna(Base):
    """A user account. Operators are bound to one satker; others to none."""

    __tablename__ = "pengguna"
    __table_args__ = (
        CheckConstraint(f"peran IN {PERAN!r}", name="peran"),
        CheckConstraint("peran <> 'operator' OR satker_id IS NOT NULL", name="operator_satker"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    nama: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    peran: Mapped[str] = mapped_column(String(20))
    satker_id: Mapped[int | None] = mapped_column(ForeignKey("satker.id"), default=None)
    polda_id: Mapped[int | None] = mapped_column(ForeignKey("polda.id"), default=None)
    aktif: Mapped[bool] = mapped_column(Boolean, default=True)
    gagal_login: Mapped[int] = mapped_column(Integer, default=0)
    terkunci_sampai: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    dibuat_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class Unggahan(Base):
    """One accepted file (any kind), with the evidence needed to trace it: name, SHA-256,
    size, who uploaded it and when. Rejected files are not stored; the audit log notes them."""

    __tablename__ = "unggahan"
    __table_args__ = (CheckConstraint(f"jenis IN {JENIS_UNGGAHAN!r}", name="jenis"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    jenis: Mapped[str] = mapped_column(String(20))
    nama_file: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    ukuran_byte: Mapped[int] = mapped_column(BigInteger, default=0)
    diunggah_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), default=None)
    diunggah_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class BerkasUnggahan(Base):
    """The original bytes of an accepted upload, exactly as sent (the evidence when a report is
    disputed; its SHA-256 and size are on ``unggahan``). A table of its own, so that reading
    uploads never reads their files; demo uploads have none."""

    __tablename__ = "berkas_unggahan"

    unggahan_id: Mapped[int] = mapped_column(ForeignKey("unggahan.id"), primary_key=True)
    isi: Mapped[bytes] = mapped_column(LargeBinary)


class Laporan(Base):
    """A versioned monthly report of one satker for one month (a *submission*).

    A newer version sets the older one's status to ``digantikan`` and points
    ``digantikan_oleh_id`` at itself; the older one and its activity rows stay as history.
    """

    __tablename__ = "laporan"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUS_LAPORAN!r}", name="status"),
        UniqueConstraint("satker_id", "periode", "versi"),
        Index("ix_laporan_periode_status", "periode", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unggahan_id: Mapped[int] = mapped_column(ForeignKey("unggahan.id", ondelete="CASCADE"), index=True)
    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"))
    periode: Mapped[dt.date] = mapped_column(Date)
    versi: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), default="aktif")
    digantikan_oleh_id: Mapped[int | None] = mapped_column(ForeignKey("laporan.id"), default=None)
    dikirim_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    nama_operator: Mapped[str] = mapped_column(String(120), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    unggahan: Mapped[Unggahan] = relationship()
    # No foreign key in the database (see Aktivitas): the join is declared here.
    aktivitas: Mapped[list[Aktivitas]] = relationship(
        back_populates="laporan",
        primaryjoin="Laporan.id == foreign(Aktivitas.laporan_id)",
        cascade="all, delete-orphan",
    )


def kunci_tautan(url: str) -> int:
    """A 32-bit key of a link (CRC-32): "who else claimed this link this month" compares these
    small numbers first; equal keys are always confirmed on the link itself.

    >>> kunci_tautan("https://humas.polri.go.id/1")
    114398457
    """
    return zlib.crc32(url.encode("utf-8"))


def _kanonik_default(context: Any) -> str:
    return kanonik(context.get_current_parameters()["url"])


def _kunci_tautan_default(context: Any) -> int:
    parameters = context.get_current_parameters()
    return kunci_tautan(parameters.get("url_kanonik") or kanonik(parameters["url"]))


class Aktivitas(Base):
    """One evidenced activity: one data row of a report sheet, kept with its source row.

    ``satker_id`` and ``periode`` repeat the report's own values so that evidence queries need
    no join. No column carries a foreign key: PostgreSQL checks one per inserted row with a
    trigger, which doubled the cost of storing a report's rows (and keys to satker and kategori
    tripled it). Rows are written only by the loader, in the transaction that creates their
    report; deleting demo data deletes its rows first; ``etl periksa`` reports rows whose report
    is missing. Neither the URL text nor its 32-bit key ``url_kunci`` has an index of its own:
    every row lands at a random place of such an index, which cost a third of storing a folder
    of reports. Bulk writers fill ``url_kanonik`` (analytics.tautan.kanonik) and ``url_kunci``
    (db.models.kunci_tautan of the canonical form) themselves.

    ``url`` is the link as the operator wrote it (shown and opened); ``url_kanonik`` is the
    identity of the post behind it: duplicates and links shared between satker compare that.

    A row is the report, the kategori sheet and the sheet row it came from; there is no serial
    id (numbering each row and indexing that number was a fifth of PostgreSQL's work storing a
    folder of reports). The primary key is the one index the table has: the report's rows by
    kategori, carrying each row's link key and satker, so that finding the links two satker share
    reads this index alone, not the rows; the sheet row at its end makes it unique.
    """

    __tablename__ = "aktivitas"
    __table_args__ = (PrimaryKeyConstraint("laporan_id", "kategori_kode", "url_kunci", "satker_id", "baris"),)

    laporan_id: Mapped[int] = mapped_column(Integer, autoincrement=False)
    satker_id: Mapped[int] = mapped_column(Integer, autoincrement=False)
    periode: Mapped[dt.date] = mapped_column(Date)
    kategori_kode: Mapped[str] = mapped_column(String(40))
    baris: Mapped[int] = mapped_column(Integer, autoincrement=False)
    tanggal: Mapped[dt.date] = mapped_column(Date)
    judul: Mapped[str] = mapped_column(Text, default="")
    platform: Mapped[str | None] = mapped_column(String(20), default=None)
    url: Mapped[str] = mapped_column(Text)  # as the operator wrote it: what users see and open
    url_kanonik: Mapped[str] = mapped_column(Text, default=_kanonik_default)  # the post's identity
    url_kunci: Mapped[int] = mapped_column(BigInteger, default=_kunci_tautan_default, autoincrement=False)

    laporan: Mapped[Laporan] = relationship(
        back_populates="aktivitas", primaryjoin="Laporan.id == foreign(Aktivitas.laporan_id)"
    )


class NilaiBulanan(Base):
    """The ranked value of one satker for one month and kategori, pre-aggregated.

    Counts come from the active report's activity rows (``sumber='laporan'``) or from a recap
    backfill (``sumber='rekap'``); kecepatan_laporan holds hours from the end of the month to
    the first accepted report.
    """

    __tablename__ = "nilai_bulanan"
    __table_args__ = (
        UniqueConstraint("satker_id", "periode", "kategori_kode"),
        CheckConstraint(f"sumber IN {SUMBER_NILAI!r}", name="sumber"),
        Index("ix_nilai_bulanan_periode_kategori", "periode", "kategori_kode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"))
    periode: Mapped[dt.date] = mapped_column(Date)
    kategori_kode: Mapped[str] = mapped_column(ForeignKey("kategori.kode"))
    nilai: Mapped[float] = mapped_column(Float)
    sumber: Mapped[str] = mapped_column(String(20))
    laporan_id: Mapped[int | None] = mapped_column(ForeignKey("laporan.id", ondelete="SET NULL"), default=None)
    unggahan_id: Mapped[int | None] = mapped_column(
        ForeignKey("unggahan.id", ondelete="CASCADE"), default=None, index=True
    )
    diperbarui_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class NilaiBulananLebar(Base):
    """``nilai_bulanan`` pivoted: one row per satker and month, one column per kategori code
    (None where that month has no value). Aggregating a year nationally reads 12 rows per satker
    instead of 120; kept in step with ``nilai_bulanan`` by db.nilai_turunan."""

    __tablename__ = "nilai_bulanan_lebar"
    __table_args__ = (Index("ix_nilai_bulanan_lebar_periode", "periode"),)

    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"), primary_key=True)
    periode: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    link_amplifikasi: Mapped[float | None] = mapped_column(Float, default=None)
    amplifikasi_narasi_positif: Mapped[float | None] = mapped_column(Float, default=None)
    narasi_berita_positif: Mapped[float | None] = mapped_column(Float, default=None)
    input_portal_humas: Mapped[float | None] = mapped_column(Float, default=None)
    ipse: Mapped[float | None] = mapped_column(Float, default=None)
    trending_topik: Mapped[float | None] = mapped_column(Float, default=None)
    tb_news: Mapped[float | None] = mapped_column(Float, default=None)
    spit_raw_data: Mapped[float | None] = mapped_column(Float, default=None)
    spit_konten: Mapped[float | None] = mapped_column(Float, default=None)
    kecepatan_laporan: Mapped[float | None] = mapped_column(Float, default=None)


class LonjakanBulanan(Base):
    """A month far above the satker's own history (analytics.integritas), found when values
    change rather than every time a ranking is read; kept by db.nilai_turunan."""

    __tablename__ = "lonjakan_bulanan"
    __table_args__ = (Index("ix_lonjakan_bulanan_periode", "periode"),)

    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"), primary_key=True)
    periode: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kategori_kode: Mapped[str] = mapped_column(String(40), primary_key=True)
    nilai: Mapped[float] = mapped_column(Float)
    median_riwayat: Mapped[float] = mapped_column(Float)


TINGKAT_RINGKASAN = ("triwulan", "tahun")


class _PotonganPeriode:
    """The key the per-period summaries share: one satker over a whole quarter or year
    (``tingkat``, ``awal``: its first month). The primary key leads with the period and SQLite
    stores the rows in that order (no rowid), so one period is one contiguous read."""

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (CheckConstraint(f"tingkat IN {TINGKAT_RINGKASAN!r}", name="tingkat"), {"sqlite_with_rowid": False})

    tingkat: Mapped[str] = mapped_column(String(10), primary_key=True, sort_order=-1)
    awal: Mapped[dt.date] = mapped_column(Date, primary_key=True, sort_order=-1)
    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"), primary_key=True, sort_order=-1)


class RingkasanPeriode(_PotonganPeriode, Base):
    """``nilai_bulanan_lebar`` summed per satker over whole quarters and years, so that ranking a
    year nationally reads 450 rows rather than 5,400. Per kategori code: ``KODE`` the sum of the
    monthly values (None when no month has one), ``KODE_bulan`` which months have a value (bit i =
    the i-th month of the period) and ``KODE_maks`` the largest monthly value. Kept in step with the
    monthly rows by db.nilai_turunan."""

    __tablename__ = "ringkasan_periode"

    link_amplifikasi: Mapped[float | None] = mapped_column(Float, default=None)
    amplifikasi_narasi_positif: Mapped[float | None] = mapped_column(Float, default=None)
    narasi_berita_positif: Mapped[float | None] = mapped_column(Float, default=None)
    input_portal_humas: Mapped[float | None] = mapped_column(Float, default=None)
    ipse: Mapped[float | None] = mapped_column(Float, default=None)
    trending_topik: Mapped[float | None] = mapped_column(Float, default=None)
    tb_news: Mapped[float | None] = mapped_column(Float, default=None)
    spit_raw_data: Mapped[float | None] = mapped_column(Float, default=None)
    spit_konten: Mapped[float | None] = mapped_column(Float, default=None)
    kecepatan_laporan: Mapped[float | None] = mapped_column(Float, default=None)
    link_amplifikasi_bulan: Mapped[int] = mapped_column(Integer, default=0)
    amplifikasi_narasi_positif_bulan: Mapped[int] = mapped_column(Integer, default=0)
    narasi_berita_positif_bulan: Mapped[int] = mapped_column(Integer, default=0)
    input_portal_humas_bulan: Mapped[int] = mapped_column(Integer, default=0)
    ipse_bulan: Mapped[int] = mapped_column(Integer, default=0)
    trending_topik_bulan: Mapped[int] = mapped_column(Integer, default=0)
    tb_news_bulan: Mapped[int] = mapped_column(Integer, default=0)
    spit_raw_data_bulan: Mapped[int] = mapped_column(Integer, default=0)
    spit_konten_bulan: Mapped[int] = mapped_column(Integer, default=0)
    kecepatan_laporan_bulan: Mapped[int] = mapped_column(Integer, default=0)
    link_amplifikasi_maks: Mapped[float | None] = mapped_column(Float, default=None)
    amplifikasi_narasi_positif_maks: Mapped[float | None] = mapped_column(Float, default=None)
    narasi_berita_positif_maks: Mapped[float | None] = mapped_column(Float, default=None)
    input_portal_humas_maks: Mapped[float | None] = mapped_column(Float, default=None)
    ipse_maks: Mapped[float | None] = mapped_column(Float, default=None)
    trending_topik_maks: Mapped[float | None] = mapped_column(Float, default=None)
    tb_news_maks: Mapped[float | None] = mapped_column(Float, default=None)
    spit_raw_data_maks: Mapped[float | None] = mapped_column(Float, default=None)
    spit_konten_maks: Mapped[float | None] = mapped_column(Float, default=None)
    kecepatan_laporan_maks: Mapped[float | None] = mapped_column(Float, default=None)


class TautanGandaBulanan(Base):
    """Per satker, month and kategori: rows whose link another satker also claimed that month
    (active versions, see ``tautan_bersama``). Recounted by the loader for every month it
    touches (db.tautan_ganda)."""

    __tablename__ = "tautan_ganda_bulanan"
    # Covering: a national year of counts (10,000 rows) is summed from the index alone.
    __table_args__ = (Index("ix_tautan_ganda_bulanan_periode", "periode", "satker_id", "kategori_kode", "jumlah"),)

    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"), primary_key=True)
    periode: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kategori_kode: Mapped[str] = mapped_column(String(40), primary_key=True)
    jumlah: Mapped[int] = mapped_column(Integer)


class TautanGandaRingkasan(_PotonganPeriode, Base):
    """``tautan_ganda_bulanan`` summed per satker and kategori over whole quarters and years (as
    ``ringkasan_periode`` sums the values), so that the flags of a national year read 3,300 rows,
    not 10,000. Rewritten by db.tautan_ganda whenever the months under it are."""

    __tablename__ = "tautan_ganda_ringkasan"

    kategori_kode: Mapped[str] = mapped_column(String(40), primary_key=True)
    jumlah: Mapped[int] = mapped_column(Integer)


class TautanBersama(Base):
    """A post claimed by two or more satker in one month (active versions): the rows behind the
    counts of ``tautan_ganda_bulanan``, found by key when evidence is shown. ``url`` holds the
    canonical form (Aktivitas.url_kanonik)."""

    __tablename__ = "tautan_bersama"

    periode: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    url: Mapped[str] = mapped_column(Text, primary_key=True)


class Penghargaan(Base):
    """An official award result, e.g. a Rakernis category winner."""

    __tablename__ = "penghargaan"
    __table_args__ = (UniqueConstraint("acara", "tahun", "kategori_kode", "peringkat", "satker_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    acara: Mapped[str] = mapped_column(String(200))
    tahun: Mapped[int] = mapped_column(Integer, index=True)
    kategori_kode: Mapped[str] = mapped_column(ForeignKey("kategori.kode"))
    peringkat: Mapped[int] = mapped_column(Integer)
    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id"))
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id"), default=None)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class PlatformAlias(Base):
    """A platform nickname an admin added (e.g. "Snack" → Lainnya); the validator uses these on
    top of the shipped table db/reference_data/platform_alias.csv."""

    __tablename__ = "platform_alias"

    alias: Mapped[str] = mapped_column(String(60), primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    dibuat_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)


class Pengaturan(Base):
    """A setting an admin may change (report deadline, Juara Umum weights, ...), as JSON."""

    __tablename__ = "pengaturan"

    kunci: Mapped[str] = mapped_column(String(80), primary_key=True)
    nilai: Mapped[Any] = mapped_column(JSON)
    diubah_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)


class AuditLog(Base):
    """Who did what and when; written for loads (accepted or rejected), logins and changes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    waktu: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    pengguna_id: Mapped[int | None] = mapped_column(ForeignKey("pengguna.id"), default=None)
    pelaku: Mapped[str] = mapped_column(String(120), default="sistem")
    aksi: Mapped[str] = mapped_column(String(60), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    unggahan_id: Mapped[int | None] = mapped_column(ForeignKey("unggahan.id", ondelete="SET NULL"), default=None)


class PercobaanMasuk(Base):
    """One failed login, for throttling that every app process sees: which name was tried (a keyed
    hash, never the typed text, which may be a password) and from which client address."""

    __tablename__ = "percobaan_masuk"
    __table_args__ = (
        Index("ix_percobaan_masuk_akun_waktu", "akun", "waktu"),
        Index("ix_percobaan_masuk_alamat_waktu", "alamat", "waktu"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    waktu: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    akun: Mapped[str] = mapped_column(String(64))
    alamat: Mapped[str] = mapped_column(String(64))


class SesiLogin(Base):
    """A login that outlives the browser tab: the browser holds a random token in a cookie, the
    database only its SHA-256. Ended (``berakhir_pada``) by logout, idle timeout, password reset,
    role change or disabling; every app process reads it on every run."""

    __tablename__ = "sesi_login"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    pengguna_id: Mapped[int] = mapped_column(ForeignKey("pengguna.id", ondelete="CASCADE"), index=True)
    alamat: Mapped[str | None] = mapped_column(String(64), default=None)
    dibuat_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    aktif_terakhir: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    berakhir_pada: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, default=None)
    alasan_berakhir: Mapped[str | None] = mapped_column(String(40), default=None)


class SatkerTipeTetap(Base):
    """A satker type an admin fixed for peer groups and targets, over the type of each of its
    names (kept apart from ``satker`` so the name history stays the reference data's)."""

    __tablename__ = "satker_tipe_tetap"

    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id", ondelete="CASCADE"), primary_key=True)
    tipe: Mapped[str] = mapped_column(String(40))
    diubah_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)


class TargetKinerja(Base):
    """A monthly target of a kategori for every satker, one type or one satker, valid from a month
    (analytics.target.Target). ``nilai`` None ends the scope's own target from that month.
    ``nilai_lingkup`` spells the scope for the unique key: "" (semua), the type, or the satker id."""

    __tablename__ = "target_kinerja"
    __table_args__ = (
        CheckConstraint(f"lingkup IN {LINGKUP_TARGET!r}", name="lingkup"),
        CheckConstraint("nilai IS NULL OR nilai > 0", name="nilai"),
        UniqueConstraint("kategori_kode", "lingkup", "nilai_lingkup", "berlaku_mulai"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kategori_kode: Mapped[str] = mapped_column(ForeignKey("kategori.kode"))
    lingkup: Mapped[str] = mapped_column(String(10))
    nilai_lingkup: Mapped[str] = mapped_column(String(40), default="")
    tipe: Mapped[str | None] = mapped_column(String(40), default=None)
    satker_id: Mapped[int | None] = mapped_column(ForeignKey("satker.id", ondelete="CASCADE"), default=None)
    berlaku_mulai: Mapped[dt.date] = mapped_column(Date)
    nilai: Mapped[float | None] = mapped_column(Float, default=None)
    diubah_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)


class Kelompok(Base):
    """An admin-defined peer group (a zone, "Polres besar"); ``kunci`` is the name without case
    and spacing, so two spellings are one group."""

    __tablename__ = "kelompok"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(100))
    kunci: Mapped[str] = mapped_column(String(100), unique=True)
    diubah_pada: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)


class KelompokAnggota(Base):
    """A satker in a group; a satker may belong to several."""

    __tablename__ = "kelompok_anggota"

    kelompok_id: Mapped[int] = mapped_column(ForeignKey("kelompok.id", ondelete="CASCADE"), primary_key=True)
    satker_id: Mapped[int] = mapped_column(ForeignKey("satker.id", ondelete="CASCADE"), primary_key=True)


class Agenda(Base):
    """An event that explains a trend (analytics.agenda.Acara); ``polda_id`` None is national.
    ``bawaan`` rows come from db/reference_data/agenda.csv and are refreshed by the reference load;
    an admin adds and removes the others."""

    __tablename__ = "agenda"
    __table_args__ = (
        CheckConstraint(f"jenis IN {JENIS_AGENDA!r}", name="jenis"),
        CheckConstraint("selesai >= mulai", name="rentang"),
        Index("ix_agenda_mulai", "mulai"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mulai: Mapped[dt.date] = mapped_column(Date)
    selesai: Mapped[dt.date] = mapped_column(Date)
    nama: Mapped[str] = mapped_column(String(200))
    jenis: Mapped[str] = mapped_column(String(20))
    polda_id: Mapped[int | None] = mapped_column(ForeignKey("polda.id", ondelete="CASCADE"), default=None)
    sumber: Mapped[str] = mapped_column(Text)
    catatan: Mapped[str] = mapped_column(Text, default="")
    bawaan: Mapped[bool] = mapped_column(Boolean, default=False)
