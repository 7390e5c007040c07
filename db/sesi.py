"""Login sessions that outlive a browser tab: created at login, read on every run, ended by logout,
idle timeout, password reset, role change or disabling.

The browser holds a random token in a cookie set by the server (``ui/cookie_sesi.py``); the
database holds only its SHA-256, so a copy of the database opens no session. Every app process
reads the same rows, so an ending takes effect at the user's next click wherever it runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.models import Pengguna, SesiLogin

BATAS_DIAM = dt.timedelta(minutes=30)
CATAT_AKTIF_SETIAP = dt.timedelta(seconds=30)
"""Last activity is written at most this often: a click is not a database write each time."""

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HasilSesi:
    """The session behind a token: the user when it is still open, else why it ended (None: no
    session at all, e.g. a browser that never logged in)."""

    pelaku: Pelaku | None
    alasan: str | None = None


def pelaku_dari(pengguna: Pengguna) -> Pelaku:
    """The acting user for permission checks, from the stored account."""
    satker = pengguna.satker_id
    return Pelaku(pengguna.id, pengguna.username, pengguna.peran, pengguna.nama, satker, pengguna.polda_id)  # type: ignore[arg-type]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def buat_sesi(session: Session, pengguna_id: int, token: str, alamat: str | None, sekarang: dt.datetime) -> bool:
    """Open a session for ``token``; False when the token already served a session (it is never
    reused: the caller logs in for this tab only and the next page load brings a fresh token)."""
    token_hash = hash_token(token)
    if session.scalar(select(SesiLogin.id).where(SesiLogin.token_hash == token_hash)) is not None:
        return False
    session.add(
        SesiLogin(
            token_hash=token_hash, pengguna_id=pengguna_id, alamat=alamat, dibuat_pada=sekarang, aktif_terakhir=sekarang
        )
    )
    session.flush()
    return True


def baca_sesi(session: Session, token: str, sekarang: dt.datetime) -> HasilSesi:
    """The user of the session behind ``token`` as stored now (role, satker), recording the activity;
    ends it when idle longer than ``BATAS_DIAM`` or when the account was disabled."""
    baris = session.execute(
        select(SesiLogin, Pengguna)
        .join(Pengguna, Pengguna.id == SesiLogin.pengguna_id)
        .where(SesiLogin.token_hash == hash_token(token))
    ).one_or_none()
    if baris is None:
        return HasilSesi(None)
    sesi, pengguna = baris
    if sesi.berakhir_pada is not None:
        return HasilSesi(None, sesi.alasan_berakhir)
    alasan = "waktu habis" if sekarang - sesi.aktif_terakhir > BATAS_DIAM else None
    alasan = alasan or (None if pengguna.aktif else "akun nonaktif")
    if alasan is not None:
        sesi.berakhir_pada, sesi.alasan_berakhir = sekarang, alasan
        return HasilSesi(None, alasan)
    if sekarang - sesi.aktif_terakhir >= CATAT_AKTIF_SETIAP:
        sesi.aktif_terakhir = sekarang
    return HasilSesi(pelaku_dari(pengguna))


def akhiri_sesi_token(session: Session, token: str, alasan: str, sekarang: dt.datetime) -> None:
    """End the session behind ``token`` (logout from this browser)."""
    session.execute(
        update(SesiLogin)
        .where(SesiLogin.token_hash == hash_token(token), SesiLogin.berakhir_pada.is_(None))
        .values(berakhir_pada=sekarang, alasan_berakhir=alasan)
    )


def akhiri_sesi_pengguna(session: Session, pengguna_id: int, alasan: str, sekarang: dt.datetime) -> int:
    """End every open session of a user, in every browser (password reset, role change,
    disabling); returns how many were open."""
    hasil = session.execute(
        update(SesiLogin)
        .where(SesiLogin.pengguna_id == pengguna_id, SesiLogin.berakhir_pada.is_(None))
        .values(berakhir_pada=sekarang, alasan_berakhir=alasan)
    )
    return int(hasil.rowcount or 0)  # type: ignore[attr-defined]


def is_token_terpakai(engine: Engine, token: str) -> bool:
    """Whether ``token`` already served a session that has ended, so a page load must bring the
    browser a fresh one. A database that cannot answer yet (first start, schema not made) means
    no: the token is then simply new."""
    try:
        with Session(engine) as session:
            berakhir = session.scalar(select(SesiLogin.berakhir_pada).where(SesiLogin.token_hash == hash_token(token)))
    except DBAPIError as error:
        _log.warning("sesi login belum dapat diperiksa: %s", error)
        return False
    return berakhir is not None
