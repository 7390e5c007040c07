"""User accounts: passwords hashed with Argon2id, login with lockout, and the admin's user writes.

Only the Argon2 hash of a password is ever stored or logged. After ``MAKS_GAGAL`` wrong passwords
in a row an account is locked for ``LAMA_KUNCI``; an unknown name costs the same hashing time as
a known one, so timing does not reveal which names exist. Every login, failed login and change is
written to the audit log in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analytics.izin import PERAN, IsianSalah, Pelaku, Peran, pastikan
from analytics.periods import to_wib
from db.audit import catat
from db.engine import Engine
from db.models import Pengguna, Polda, Satker
from db.transaksi import sesi_baca, transaksi_tulis

MAKS_GAGAL = 5
LAMA_KUNCI = dt.timedelta(minutes=15)
PANJANG_MIN = 8
POLA_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
_hasher = PasswordHasher()
HASH_SERENTAK = 2
"""Argon2 computations at once per process. Each takes 64 MiB (the library's default memory
cost, kept: it is what makes a stolen hash expensive to guess); 25 leaders logging in at the
same second would otherwise ask for 1.6 GiB together. The rest wait their turn, about 0.1 s
each, which a login form can afford; two keep both cores of a small server busy."""
_giliran_hash = threading.BoundedSemaphore(HASH_SERENTAK)


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


def pelaku_dari(pengguna: Pengguna) -> Pelaku:
    satker = pengguna.satker_id
    return Pelaku(pengguna.id, pengguna.username, pengguna.peran, pengguna.nama, satker, pengguna.polda_id)  # type: ignore[arg-type]


def _cari(session: Session, username: str) -> Pengguna | None:
    return session.scalar(select(Pengguna).where(func.lower(Pengguna.username) == username.strip().lower()))


def masuk_ke_aplikasi(engine: Engine, username: str, kata_sandi: str) -> HasilMasuk:
    """A login as the app makes it, safe when many arrive at the same second.

    The password is checked (Argon2: 64 MiB and tens of milliseconds, longer while logins queue for
    ``HASH_SERENTAK``) with no database connection held; the write transaction then only records
    the outcome. Checked inside it, every queueing login held a pooled connection, and 50 leaders
    logging in at once took the whole pool while every other session's page waited for one.
    """
    with sesi_baca(engine) as session:
        pengguna = _cari(session, username)
        tersimpan = pengguna.password_hash if pengguna is not None else None
    cocok = _cocok(tersimpan or _hash_pengganti(), kata_sandi)
    with transaksi_tulis(engine) as session:
        return masuk(session, username, kata_sandi, diperiksa=(tersimpan, cocok))


def masuk(
    session: Session,
    username: str,
    kata_sandi: str,
    sekarang: dt.datetime | None = None,
    diperiksa: tuple[str | None, bool] | None = None,
) -> HasilMasuk:
    """Check a login; counts failures, locks after ``MAKS_GAGAL`` and records every attempt.
    ``diperiksa``: the stored hash a caller already checked the password against and the result,
    used when the hash is still the same (see :func:`masuk_ke_aplikasi`)."""
    now = sekarang or dt.datetime.now(dt.UTC)
    pengguna = _cari(session, username)
    salah = "Nama pengguna atau kata sandi salah."

    def cocok(password_hash: str) -> bool:
        if diperiksa is not None and diperiksa[0] == password_hash:
            return diperiksa[1]
        return _cocok(password_hash, kata_sandi)

    if pengguna is None:
        if diperiksa is None or diperiksa[0] is not None:  # an unknown name costs a hash too
            _cocok(_hash_pengganti(), kata_sandi)
        catat(session, None, "masuk_gagal", username=username.strip()[:80], alasan="nama tidak dikenal")
        return HasilMasuk(None, salah)
    if pengguna.terkunci_sampai is not None and now < pengguna.terkunci_sampai:
        catat(session, pelaku_dari(pengguna), "masuk_gagal", alasan="akun terkunci")
        return HasilMasuk(None, _pesan_terkunci(pengguna.terkunci_sampai))
    if not cocok(pengguna.password_hash):
        pengguna.gagal_login += 1
        if pengguna.gagal_login >= MAKS_GAGAL:
            pengguna.gagal_login, pengguna.terkunci_sampai = 0, now + LAMA_KUNCI
            catat(session, pelaku_dari(pengguna), "akun_terkunci", sampai=pengguna.terkunci_sampai.isoformat())
            return HasilMasuk(None, _pesan_terkunci(pengguna.terkunci_sampai))
        catat(session, pelaku_dari(pengguna), "masuk_gagal", alasan="kata sandi salah", ke=pengguna.gagal_login)
        sisa = MAKS_GAGAL - pengguna.gagal_login
        return HasilMasuk(None, f"{salah} Sisa {sisa} kali percobaan sebelum akun dikunci {_menit(LAMA_KUNCI)} menit.")
    if not pengguna.aktif:
        catat(session, pelaku_dari(pengguna), "masuk_gagal", alasan="akun nonaktif")
        return HasilMasuk(None, "Akun ini dinonaktifkan. Hubungi admin Bidhumas.")
    pengguna.gagal_login, pengguna.terkunci_sampai = 0, None
    if _hasher.check_needs_rehash(pengguna.password_hash):
        pengguna.password_hash = hash_kata_sandi(kata_sandi)
    pelaku = pelaku_dari(pengguna)
    catat(session, pelaku, "masuk")
    return HasilMasuk(pelaku)


def _menit(lama: dt.timedelta) -> int:
    return int(lama.total_seconds() // 60)


def _pesan_terkunci(sampai: dt.datetime) -> str:
    return (
        f"Akun dikunci sampai {to_wib(sampai):%H.%M} WIB karena {MAKS_GAGAL} kali salah kata sandi. "
        "Coba lagi nanti, atau minta admin Bidhumas mengatur ulang kata sandi."
    )


def keluar(session: Session, pelaku: Pelaku, alasan: str = "keluar") -> None:
    catat(session, pelaku, "keluar", alasan=alasan)


def periksa_kata_sandi(kata_sandi: str, username: str) -> None:
    """Refuse a password that is too short or the user name itself."""
    if len(kata_sandi) < PANJANG_MIN:
        raise IsianSalah(f"Kata sandi minimal {PANJANG_MIN} karakter.")
    if kata_sandi.strip().lower() == username.strip().lower():
        raise IsianSalah("Kata sandi tidak boleh sama dengan nama pengguna.")


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
    if peran not in PERAN:
        raise IsianSalah(f"Peran “{peran}” tidak dikenal; pilih admin, pimpinan, atau operator.")
    if _cari(session, username) is not None:
        raise IsianSalah(f"Nama pengguna {username} sudah dipakai.")
    if peran == "operator":
        satker = session.get(Satker, satker_id) if satker_id is not None else None
        if satker is None:
            raise IsianSalah("Operator harus terikat pada satu satker; pilih satkernya.")
        polda_id = satker.polda_id
    elif satker_id is not None:
        raise IsianSalah("Hanya operator yang terikat pada satker.")
    elif polda_id is not None and session.get(Polda, polda_id) is None:
        raise IsianSalah("Polda tidak dikenal.")
    periksa_kata_sandi(kata_sandi, username)
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


def _pengguna(session: Session, pengguna_id: int) -> Pengguna:
    pengguna = session.get(Pengguna, pengguna_id)
    if pengguna is None:
        raise IsianSalah("Pengguna tidak ditemukan.")
    return pengguna


def atur_ulang_kata_sandi(session: Session, pelaku: Pelaku, pengguna_id: int, kata_sandi: str) -> None:
    """Set a new password (admin only) and lift a lockout."""
    pastikan(pelaku, "kelola_pengguna")
    pengguna = _pengguna(session, pengguna_id)
    periksa_kata_sandi(kata_sandi, pengguna.username)
    pengguna.password_hash = hash_kata_sandi(kata_sandi)
    pengguna.gagal_login, pengguna.terkunci_sampai = 0, None
    catat(session, pelaku, "kata_sandi_diatur_ulang", username=pengguna.username)


def ganti_kata_sandi(session: Session, pelaku: Pelaku, lama: str, baru: str) -> None:
    """A user changes their own password, proving the old one."""
    pengguna = _pengguna(session, pelaku.id) if pelaku.id is not None else None
    if pengguna is None or not _cocok(pengguna.password_hash, lama):
        raise IsianSalah("Kata sandi lama salah.")
    periksa_kata_sandi(baru, pengguna.username)
    pengguna.password_hash = hash_kata_sandi(baru)
    catat(session, pelaku, "kata_sandi_diganti")


def set_aktif(session: Session, pelaku: Pelaku, pengguna_id: int, aktif: bool) -> None:
    """Enable or disable an account (admin only); an admin cannot disable themselves."""
    pastikan(pelaku, "kelola_pengguna")
    pengguna = _pengguna(session, pengguna_id)
    if not aktif and pengguna.id == pelaku.id:
        raise IsianSalah("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    pengguna.aktif = aktif
    catat(session, pelaku, "pengguna_diaktifkan" if aktif else "pengguna_dinonaktifkan", username=pengguna.username)


def cari_pengguna(session: Session, username: str) -> Pengguna | None:
    """The account with this name (any case), or None."""
    return _cari(session, username)


def pelaku_aktif(session: Session, pengguna_id: int) -> Pelaku | None:
    """The user as stored now, or None when the account is gone or disabled (ends their session)."""
    pengguna = session.get(Pengguna, pengguna_id)
    return pelaku_dari(pengguna) if pengguna is not None and pengguna.aktif else None


def daftar_pengguna(session: Session) -> list[InfoPengguna]:
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
        )
        for p in session.scalars(select(Pengguna).order_by(Pengguna.peran, Pengguna.username))
    ]
