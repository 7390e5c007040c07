"""Accounts: what is stored for a password, login, lockout, and the admin's user writes."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku
from db.akun import (
    LAMA_KUNCI,
    MAKS_GAGAL,
    HasilMasuk,
    atur_ulang_kata_sandi,
    ganti_kata_sandi,
    masuk,
    pelaku_aktif,
    set_aktif,
    tambah_pengguna,
)
from db.audit import daftar_audit
from db.models import Pengguna
from db.reference import find_satker

ADMIN = Pelaku.baris_perintah()
SANDI = "sandi-rahasia-77"
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


@pytest.fixture
def akun(engine: Engine) -> int:
    """An operator account of Polres Batu with the password SANDI."""
    with Session(engine) as session, session.begin():
        batu = find_satker(session, "Polres Batu")
        return tambah_pengguna(session, ADMIN, "op.batu", SANDI, "operator", "Operator Batu", batu.id).id


def _login(engine: Engine, password: str, when: dt.datetime = T0, username: str = "op.batu") -> HasilMasuk:
    with Session(engine) as session, session.begin():
        return masuk(session, username, password, when)


def _actions(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [c.aksi for c in reversed(daftar_audit(session))]


def test_the_database_never_holds_the_password(engine: Engine, akun: int) -> None:
    with engine.connect() as connection:
        dumped = " ".join(str(value) for row in connection.execute(text("SELECT * FROM pengguna")) for value in row)
        audit = " ".join(str(row) for row in connection.execute(text("SELECT * FROM audit_log")))
    assert SANDI not in dumped and SANDI not in audit
    with Session(engine) as session:
        stored = session.get(Pengguna, akun)
        assert stored is not None and stored.password_hash.startswith("$argon2id$")


def test_right_password_logs_in_as_the_stored_user(engine: Engine, akun: int) -> None:
    hasil = _login(engine, SANDI)
    assert hasil.pelaku is not None
    assert (hasil.pelaku.id, hasil.pelaku.username, hasil.pelaku.peran) == (akun, "op.batu", "operator")
    assert _actions(engine)[-1] == "masuk"


def test_user_name_is_matched_regardless_of_case_and_spaces(engine: Engine, akun: int) -> None:
    assert _login(engine, SANDI, username="  OP.Batu ").pelaku is not None


def test_wrong_password_says_how_many_tries_are_left(engine: Engine, akun: int) -> None:
    hasil = _login(engine, "salah-sekali")
    assert hasil.pelaku is None
    assert (
        hasil.pesan.startswith("Nama pengguna atau kata sandi salah.") and f"Sisa {MAKS_GAGAL - 1} kali" in hasil.pesan
    )
    assert _actions(engine)[-1] == "masuk_gagal"


def test_unknown_user_gets_the_same_message_and_is_recorded(engine: Engine, akun: int) -> None:
    hasil = _login(engine, SANDI, username="tidak.ada")
    assert hasil.pelaku is None and hasil.pesan == "Nama pengguna atau kata sandi salah."
    with Session(engine) as session:
        last = daftar_audit(session)[0]
    assert (last.aksi, last.pelaku, last.detail["username"]) == ("masuk_gagal", "sistem", "tidak.ada")


def test_repeated_failures_lock_the_account_even_for_the_right_password(engine: Engine, akun: int) -> None:
    for attempt in range(MAKS_GAGAL):
        hasil = _login(engine, f"salah-{attempt}", T0 + dt.timedelta(seconds=attempt))
    assert "dikunci sampai" in hasil.pesan
    locked = _login(engine, SANDI, T0 + dt.timedelta(minutes=1))
    assert locked.pelaku is None and "dikunci sampai 15.15 WIB" in locked.pesan
    assert "akun_terkunci" in _actions(engine)


def test_lock_ends_after_its_time(engine: Engine, akun: int) -> None:
    for attempt in range(MAKS_GAGAL):
        _login(engine, f"salah-{attempt}")
    assert _login(engine, SANDI, T0 + LAMA_KUNCI + dt.timedelta(seconds=1)).pelaku is not None


def test_a_success_resets_the_failure_count(engine: Engine, akun: int) -> None:
    for attempt in range(MAKS_GAGAL - 1):
        _login(engine, f"salah-{attempt}")
    assert _login(engine, SANDI).pelaku is not None
    assert f"Sisa {MAKS_GAGAL - 1} kali" in _login(engine, "salah-lagi").pesan


def test_reset_by_admin_lifts_the_lock_and_sets_the_new_password(engine: Engine, akun: int) -> None:
    for attempt in range(MAKS_GAGAL):
        _login(engine, f"salah-{attempt}")
    with Session(engine) as session, session.begin():
        atur_ulang_kata_sandi(session, ADMIN, akun, "sandi-baru-2026")
    assert _login(engine, SANDI, T0 + dt.timedelta(minutes=1)).pelaku is None
    assert _login(engine, "sandi-baru-2026", T0 + dt.timedelta(minutes=2)).pelaku is not None


def test_disabled_account_cannot_log_in_and_its_session_ends(engine: Engine, akun: int) -> None:
    with Session(engine) as session, session.begin():
        set_aktif(session, ADMIN, akun, False)
    assert _login(engine, SANDI).pesan == "Akun ini dinonaktifkan. Hubungi admin Bidhumas."
    with Session(engine) as session:
        assert pelaku_aktif(session, akun) is None


def test_user_changes_own_password_proving_the_old_one(engine: Engine, akun: int) -> None:
    pelaku = _login(engine, SANDI).pelaku
    assert pelaku is not None
    with Session(engine) as session, session.begin(), pytest.raises(IsianSalah, match="lama salah"):
        ganti_kata_sandi(session, pelaku, "bukan-yang-lama", "sandi-lain-2026")
    with Session(engine) as session, session.begin():
        ganti_kata_sandi(session, pelaku, SANDI, "sandi-lain-2026")
    assert _login(engine, "sandi-lain-2026").pelaku is not None


@pytest.mark.parametrize(
    ("username", "password", "peran", "satker", "message"),
    [
        ("ab", SANDI, "pimpinan", None, "3–40 karakter"),
        ("nama spasi", SANDI, "pimpinan", None, "3–40 karakter"),
        ("op.batu", SANDI, "pimpinan", None, "sudah dipakai"),
        ("pimpinan.baru", "pendek", "pimpinan", None, "minimal 8"),
        ("pimpinan.baru", "pimpinan.baru", "pimpinan", None, "sama dengan nama pengguna"),
        ("operator.baru", SANDI, "operator", None, "terikat pada satu satker"),
        ("pimpinan.baru", SANDI, "pimpinan", "Polres Batu", "Hanya operator"),
        ("siapa", SANDI, "raja", None, "tidak dikenal"),
    ],
    ids=[
        "short-name",
        "space-in-name",
        "taken",
        "short-password",
        "password-is-name",
        "operator-without-satker",
        "satker-for-non-operator",
        "unknown-role",
    ],
)
def test_new_account_is_refused_with_a_reason(
    engine: Engine, akun: int, username: str, password: str, peran: str, satker: str | None, message: str
) -> None:
    with Session(engine) as session, session.begin():
        satker_id = find_satker(session, satker).id if satker else None
        with pytest.raises(IsianSalah, match=message):
            tambah_pengguna(session, ADMIN, username, password, peran, satker_id=satker_id)  # type: ignore[arg-type]
    with Session(engine) as session:
        assert session.scalars(select(Pengguna.username)).all() == ["op.batu"]


def test_admin_cannot_disable_themselves(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        admin = tambah_pengguna(session, ADMIN, "admin.satu", SANDI, "admin")
        pelaku = Pelaku(admin.id, admin.username, "admin")
        with pytest.raises(IsianSalah, match="akun Anda sendiri"):
            set_aktif(session, pelaku, admin.id, False)
