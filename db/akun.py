"""User accounts: passwords hashed with Argon2id, login with throttling, and the admin's user writes.

Only the Argon2 hash of a password is ever stored or logged. Failed logins slow further attempts
from the same address and for the same name (analytics/masuk.py), stored here so that every app
process sees them; no account is ever locked. Every login, failed login and change is written to
the audit log in the caller's transaction, with the client's address.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import math
import re
import secrets
import threading
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from analytics.alamat_klien import is_alamat_lokal
from analytics.izin import PERAN, IsianSalah, Pelaku, Peran, pastikan, pastikan_polda
from analytics.kata_sandi import kata_konteks
from analytics.kata_sandi import periksa_kata_sandi as cek_kata_sandi
from analytics.masuk import JENDELA, Gagal, format_tunggu, hitung_tunggu
from db.audit import catat
from db.engine import Engine
from db.models import Pengaturan, Pengguna, PercobaanMasuk, Polda, Satker
from db.sesi import akhiri_sesi_pengguna, pelaku_dari
from db.transaksi import sesi_baca, transaksi_tulis

KUNCI_SIDIK_NAMA = "kunci_sidik_nama"
ALAMAT_TIDAK_DIKETAHUI = "tidak diketahui"
PESAN_SALAH = "Nama pengguna atau kata sandi salah."
PESAN_TERLALU_SERING = "Terlalu banyak percobaan masuk yang gagal dari komputer ini atau untuk nama ini."
POLA_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
PESAN_CONTOH_JARAK_JAUH = (
    "Akun contoh (DATA CONTOH) hanya dapat dipakai di komputer server itu sendiri, karena kata sandinya "
    "tercantum di README. Minta admin Bidhumas membuatkan akun Anda sendiri."
)
_hasher = PasswordHasher()
HASH_SERENTAK = 2
"""Argon2 computations at once per process. Each takes 64 MiB (the library's default memory
cost, kept: it is what makes a stolen hash expensive to guess); 25 leaders logging in at the
same second would otherwise ask for 1.6 GiB together. The rest wait their turn, about 0.1 s
each, which a login form can afford; two keep both cores of a small server busy."""
_giliran_hash = threading.BoundedSemaphore(HASH_SERENTAK)
Diperiksa = tuple[str | None, bool]
"""A password already checked outside the transaction: the stored hash it was checked against
(None for an unknown name) and whether it matched."""


@dataclass(frozen=True)
class HasilMasuk:
    """A login attempt: the user when it succeeded, otherwise the message to show."""

    pelaku: Pelaku | None
    pesan: str = ""


@dataclass(frozen=True)
class InfoPengguna:
    """One account as the Pengguna page lists it (never the hash)."""

    id: int
    username: str
    nama: str
    peran: Peran
    satker: str | None
    polda: str | None
    aktif: bool
    terkunci_sampai: dt.datetime | None
    is_demo: bool
    polda_id: int | None = None


def hash_kata_sandi(kata_sandi: str) -> str:
    with _giliran_hash:
        return _hasher.hash(kata_sandi)


@functools.cache
def _hash_pengganti() -> str:
    """The hash an unknown name is checked against, made at the first such login rather than at
    import: importing this module (every app process and command) then costs no Argon2."""
    return hash_kata_sandi("bukan kata sandi siapa pun")


def _cocok(password_hash: str, kata_sandi: str) -> bool:
    try:
        with _giliran_hash:
            return _hasher.verify(password_hash, kata_sandi)
    except (VerificationError, InvalidHashError):
        return False


def _cari(session: Session, username: str) -> Pengguna | None:
    return session.scalar(select(Pengguna).where(func.lower(Pengguna.username) == username.strip().lower()))


def periksa_sandi(engine: Engine, username: str, kata_sandi: str) -> Diperiksa:
    """Check the password with no database connection held (Argon2: 64 MiB and tens of
    milliseconds, longer while logins queue for ``HASH_SERENTAK``), for :func:`masuk` to use.
    Checked inside the login transaction, every queueing login held a pooled connection, and 50
    leaders logging in at once took the whole pool while every other session's page waited."""
    with sesi_baca(engine) as session:
        pengguna = _cari(session, username)
        tersimpan = pengguna.password_hash if pengguna is not None else None
    return tersimpan, _cocok(tersimpan or _hash_pengganti(), kata_sandi)


def masuk_ke_aplikasi(engine: Engine, username: str, kata_sandi: str, alamat: str | None = None) -> HasilMasuk:
    """A login as the app makes it, safe when many arrive at the same second: the password is
    checked first (:func:`periksa_sandi`), the write transaction then only records the outcome."""
    diperiksa = periksa_sandi(engine, username, kata_sandi)
    with transaksi_tulis(engine) as session:
        return masuk(session, username, kata_sandi, alamat=alamat, diperiksa=diperiksa)


def masuk(
    session: Session,
    username: str,
    kata_sandi: str,
    sekarang: dt.datetime | None = None,
    alamat: str | None = None,
    diperiksa: Diperiksa | None = None,
) -> HasilMasuk:
    """Check a login from the client address ``alamat`` (None: unknown, never local) and record it.

    Every path costs one Argon2 verification (an unknown name against a stand-in hash, a held-back
    attempt too), and an unknown name, a wrong password and a held-back attempt for either answer
    alike, so neither the text nor the time tells whether a name exists. Failures are stored per
    name (a keyed hash) and address; :func:`analytics.masuk.hitung_tunggu` decides the wait. A
    sample account (DATA CONTOH) logs in only from the server itself: its password is published.
    ``diperiksa`` is a check already made by :func:`periksa_sandi`, used while the hash is the same.
    """
    now = sekarang or dt.datetime.now(dt.UTC)
    sidik = sidik_nama(session, username)
    dari = alamat or ALAMAT_TIDAK_DIKETAHUI
    session.execute(delete(PercobaanMasuk).where(PercobaanMasuk.waktu < now - JENDELA))
    tunggu = hitung_tunggu(
        _gagal(session, PercobaanMasuk.alamat == dari), _gagal(session, PercobaanMasuk.akun == sidik), now
    )
    pengguna = _cari(session, username)
    tersimpan = pengguna.password_hash if pengguna is not None else None
    if diperiksa is not None and diperiksa[0] == tersimpan:
        cocok = diperiksa[1]
    else:
        cocok = _cocok(tersimpan or _hash_pengganti(), kata_sandi)
    pelaku = pelaku_dari(pengguna) if pengguna is not None else None
    siapa = {} if pengguna is not None else {"nama": f"#{sidik[:12]}"}
    if tunggu > dt.timedelta(0):
        catat(session, pelaku, "masuk_ditahan", **siapa, tunggu_detik=math.ceil(tunggu.total_seconds()), alamat=alamat)
        return HasilMasuk(None, f"{PESAN_TERLALU_SERING} Tunggu {format_tunggu(tunggu)}, lalu coba lagi.")
    if pengguna is None or not cocok:
        session.add(PercobaanMasuk(waktu=now, akun=sidik, alamat=dari))
        alasan = "nama tidak dikenal" if pengguna is None else "kata sandi salah"
        catat(session, pelaku, "masuk_gagal", **siapa, alasan=alasan, alamat=alamat)
        return HasilMasuk(None, PESAN_SALAH)
    if pengguna.is_demo and not is_alamat_lokal(alamat):
        catat(session, pelaku, "masuk_gagal", alasan="akun contoh dari komputer lain", alamat=alamat)
        return HasilMasuk(None, PESAN_CONTOH_JARAK_JAUH)
    if not pengguna.aktif:
        catat(session, pelaku, "masuk_gagal", alasan="akun nonaktif", alamat=alamat)
        return HasilMasuk(None, "Akun ini dinonaktifkan. Hubungi admin Bidhumas.")
    session.execute(delete(PercobaanMasuk).where(PercobaanMasuk.akun == sidik, PercobaanMasuk.alamat == dari))
    pengguna.gagal_login, pengguna.terkunci_sampai = 0, None
    if _hasher.check_needs_rehash(pengguna.password_hash):
        pengguna.password_hash = hash_kata_sandi(kata_sandi)
    catat(session, pelaku, "masuk", alamat=alamat)
    return HasilMasuk(pelaku)


def _gagal(session: Session, syarat: ColumnElement[bool]) -> Gagal:
    jumlah, terakhir = session.execute(select(func.count(), func.max(PercobaanMasuk.waktu)).where(syarat)).one()
    return Gagal(jumlah, terakhir)


def sidik_nama(session: Session, username: str) -> str:
    """A keyed hash of a typed user name (trimmed, any case): throttling and the audit log count
    names by it, so a password typed into the name field is never stored. The key is random per
    database (``pengaturan``), made on first use."""
    kunci = session.scalar(select(Pengaturan.nilai).where(Pengaturan.kunci == KUNCI_SIDIK_NAMA))
    if kunci is None:
        try:
            with session.begin_nested():
                kunci = secrets.token_hex(32)
                session.add(Pengaturan(kunci=KUNCI_SIDIK_NAMA, nilai=kunci))
        except IntegrityError:  # another process made it first
            kunci = session.scalar(select(Pengaturan.nilai).where(Pengaturan.kunci == KUNCI_SIDIK_NAMA))
    return hmac.new(str(kunci).encode(), username.strip().lower().encode(), hashlib.sha256).hexdigest()


def keluar(session: Session, pelaku: Pelaku, alasan: str = "keluar") -> None:
    catat(session, pelaku, "keluar", alasan=alasan)


def periksa_kata_sandi(session: Session, kata_sandi: str, username: str, nama: str = "") -> None:
    """Refuse a password that is short or guessable for this user (analytics/kata_sandi.py): the
    user name, the person's name, every satker and Polda name and the institution's words count
    as known to a guesser."""
    tempat = [*session.scalars(select(Satker.nama)), *session.scalars(select(Polda.nama))]
    cek_kata_sandi(kata_sandi, kata_konteks(username, nama, tempat))


def tambah_pengguna(
    session: Session,
    pelaku: Pelaku,
    username: str,
    kata_sandi: str,
    peran: Peran,
    nama: str = "",
    satker_id: int | None = None,
    is_demo: bool = False,
    polda_id: int | None = None,
) -> Pengguna:
    """Create an account (admin only). An operator is bound to one satker (and so its Polda);
    an admin or pimpinan may be bound to a Polda (``polda_id``) or be national (None)."""
    pastikan(pelaku, "kelola_pengguna")
    username = username.strip().lower()
    if not POLA_USERNAME.fullmatch(username):
        raise IsianSalah(
            "Nama pengguna 3–40 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, "
            "diawali huruf atau angka."
        )
    if _cari(session, username) is not None:
        raise IsianSalah(f"Nama pengguna {username} sudah dipakai.")
    polda_id = _polda_peran(session, peran, satker_id, polda_id)
    pastikan_polda(pelaku, polda_id)  # an admin bound to a Polda adds accounts of that Polda only
    if not is_demo:  # sample passwords are published anyway; they only log in on the server itself
        periksa_kata_sandi(session, kata_sandi, username, nama)
    pengguna = Pengguna(
        username=username,
        nama=nama.strip(),
        password_hash=hash_kata_sandi(kata_sandi),
        peran=peran,
        satker_id=satker_id if peran == "operator" else None,
        polda_id=polda_id,
        is_demo=is_demo,
    )
    session.add(pengguna)
    session.flush()
    catat(
        session,
        pelaku,
        "pengguna_ditambah",
        username=username,
        peran=peran,
        satker_id=pengguna.satker_id,
        polda_id=pengguna.polda_id,
    )
    return pengguna


def _polda_peran(session: Session, peran: str, satker_id: int | None, polda_id: int | None) -> int | None:
    """Check a role and its binding; the user's Polda (an operator's is their satker's)."""
    if peran not in PERAN:
        raise IsianSalah(f"Peran “{peran}” tidak dikenal; pilih admin, pimpinan, atau operator.")
    if peran == "operator":
        satker = session.get(Satker, satker_id) if satker_id is not None else None
        if satker is None:
            raise IsianSalah("Operator harus terikat pada satu satker; pilih satkernya.")
        return satker.polda_id
    if satker_id is not None:
        raise IsianSalah("Hanya operator yang terikat pada satker.")
    if polda_id is not None and session.get(Polda, polda_id) is None:
        raise IsianSalah("Polda tidak dikenal.")
    return polda_id


def ubah_peran(
    session: Session,
    pelaku: Pelaku,
    pengguna_id: int,
    peran: Peran,
    satker_id: int | None = None,
    polda_id: int | None = None,
) -> None:
    """Change a user's role or binding (admin only; not one's own) and end their open sessions,
    so they log in again under the new role everywhere."""
    pastikan(pelaku, "kelola_pengguna")
    pengguna = _pengguna(session, pengguna_id)
    pastikan_polda(pelaku, pengguna.polda_id)
    if pengguna.id == pelaku.id:
        raise IsianSalah("Anda tidak dapat mengubah peran akun Anda sendiri.")
    pengguna.polda_id = _polda_peran(session, peran, satker_id, polda_id)
    pastikan_polda(pelaku, pengguna.polda_id)  # nor move an account out of the admin's own Polda
    pengguna.peran, pengguna.satker_id = peran, satker_id if peran == "operator" else None
    akhiri_sesi_pengguna(session, pengguna.id, "peran diubah", dt.datetime.now(dt.UTC))
    catat(
        session,
        pelaku,
        "peran_diubah",
        username=pengguna.username,
        peran=peran,
        satker_id=pengguna.satker_id,
        polda_id=pengguna.polda_id,
    )


def _pengguna(session: Session, pengguna_id: int) -> Pengguna:
    pengguna = session.get(Pengguna, pengguna_id)
    if pengguna is None:
        raise IsianSalah("Pengguna tidak ditemukan.")
    return pengguna


def atur_ulang_kata_sandi(session: Session, pelaku: Pelaku, pengguna_id: int, kata_sandi: str) -> None:
    """Set a new password (admin only), end the user's open sessions in every browser, and forget
    the failed logins for this name, so the user can log in at once."""
    pastikan(pelaku, "kelola_pengguna")
    pengguna = _pengguna(session, pengguna_id)
    pastikan_polda(pelaku, pengguna.polda_id)
    periksa_kata_sandi(session, kata_sandi, pengguna.username, pengguna.nama)
    pengguna.password_hash = hash_kata_sandi(kata_sandi)
    pengguna.gagal_login, pengguna.terkunci_sampai = 0, None
    session.execute(delete(PercobaanMasuk).where(PercobaanMasuk.akun == sidik_nama(session, pengguna.username)))
    akhiri_sesi_pengguna(session, pengguna.id, "kata sandi diatur ulang", dt.datetime.now(dt.UTC))
    catat(session, pelaku, "kata_sandi_diatur_ulang", username=pengguna.username)


def ganti_kata_sandi(session: Session, pelaku: Pelaku, lama: str, baru: str) -> None:
    """A user changes their own password, proving the old one."""
    pengguna = _pengguna(session, pelaku.id) if pelaku.id is not None else None
    if pengguna is None or not _cocok(pengguna.password_hash, lama):
        raise IsianSalah("Kata sandi lama salah.")
    periksa_kata_sandi(session, baru, pengguna.username, pengguna.nama)
    pengguna.password_hash = hash_kata_sandi(baru)
    catat(session, pelaku, "kata_sandi_diganti")


def set_aktif(session: Session, pelaku: Pelaku, pengguna_id: int, aktif: bool) -> None:
    """Enable or disable an account (admin only; not one's own); disabling ends its open sessions."""
    pastikan(pelaku, "kelola_pengguna")
    pengguna = _pengguna(session, pengguna_id)
    pastikan_polda(pelaku, pengguna.polda_id)
    if not aktif and pengguna.id == pelaku.id:
        raise IsianSalah("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    pengguna.aktif = aktif
    if not aktif:
        akhiri_sesi_pengguna(session, pengguna.id, "akun nonaktif", dt.datetime.now(dt.UTC))
    catat(session, pelaku, "pengguna_diaktifkan" if aktif else "pengguna_dinonaktifkan", username=pengguna.username)


def cari_pengguna(session: Session, username: str) -> Pengguna | None:
    """The account with this name (any case), or None."""
    return _cari(session, username)


def pelaku_aktif(session: Session, pengguna_id: int) -> Pelaku | None:
    """The user as stored now, or None when the account is gone or disabled (ends their session)."""
    pengguna = session.get(Pengguna, pengguna_id)
    return pelaku_dari(pengguna) if pengguna is not None and pengguna.aktif else None


def baca_pengguna(session: Session, pelaku: Pelaku | None) -> list[InfoPengguna]:
    """The accounts an admin manages: every account for a national admin, the accounts of their
    own Polda for an admin bound to one; anyone else is refused (the page is not the only guard)."""
    pelaku = pastikan(pelaku, "kelola_pengguna")
    semua = daftar_pengguna(session)
    return semua if pelaku.nasional else [p for p in semua if p.polda_id == pelaku.polda_id]


def daftar_pengguna(session: Session) -> list[InfoPengguna]:
    """Every account, for the command line (which acts as a national admin on its machine)."""
    satker = dict(session.execute(select(Satker.id, Satker.nama)).all())
    polda = dict(session.execute(select(Polda.id, Polda.nama)).all())
    return [
        InfoPengguna(
            p.id,
            p.username,
            p.nama,
            p.peran,
            satker.get(p.satker_id) if p.satker_id else None,
            polda.get(p.polda_id) if p.polda_id else None,
            p.aktif,
            p.terkunci_sampai,
            p.is_demo,
            p.polda_id,
        )
        for p in session.scalars(select(Pengguna).order_by(Pengguna.peran, Pengguna.username))
    ]
