"""Accounts: what is stored for a password, login, lockout, and the admin's user writes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku
from analytics.masuk import JENDELA, PER_AKUN, PER_ALAMAT
from db.akun import (
    PESAN_SALAH,
    HasilMasuk,
    atur_ulang_kata_sandi,
    ganti_kata_sandi,
    masuk,
    set_aktif,
    sidik_nama,
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


def _login(
    engine: Engine, password: str, when: dt.datetime = T0, username: str = "op.batu", alamat: str | None = "192.0.2.7"
) -> HasilMasuk:
    with Session(engine) as session, session.begin():
        return masuk(session, username, password, when, alamat=alamat)


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


def test_wrong_password_and_unknown_name_answer_alike(engine: Engine, akun: int) -> None:
    """No account enumeration: the same text (no "tries left", no lock only real accounts get)."""
    wrong = _login(engine, "salah-sekali")
    unknown = _login(engine, "salah-sekali", username="tidak.ada")
    assert wrong == unknown == HasilMasuk(None, PESAN_SALAH)
    assert _actions(engine)[-2:] == ["masuk_gagal", "masuk_gagal"]


def test_a_password_typed_as_the_name_never_reaches_the_audit_log(engine: Engine, akun: int) -> None:
    _login(engine, "x", username="Rahasia-Sekali-2026")
    with engine.connect() as connection:
        stored = " ".join(
            str(value)
            for tabel in ("audit_log", "percobaan_masuk")
            for row in connection.execute(text(f"SELECT * FROM {tabel}"))
            for value in row
        )
    assert "rahasia" not in stored.lower()
    with Session(engine) as session:
        last = daftar_audit(session)[0]
        assert (last.aksi, last.pelaku) == ("masuk_gagal", "sistem")
        assert last.detail == {
            "nama": "#" + sidik_nama(session, " rahasia-sekali-2026")[:12],  # one mark per name, any case
            "alasan": "nama tidak dikenal",
            "alamat": "192.0.2.7",
        }


def _hammer(
    engine: Engine, n: int, username: str = "op.batu", alamat: str = "192.0.2.66", mulai: dt.datetime = T0
) -> dt.datetime:
    """``n`` wrong passwords, each as soon as the throttle lets it through; the time after the last."""
    when = mulai
    for attempt in range(n):
        while (hasil := _login(engine, f"salah-{attempt}", when, username, alamat)).pesan != PESAN_SALAH:
            angka, satuan = re.search(r"Tunggu (\d+) (detik|menit)", hasil.pesan).groups()  # type: ignore[union-attr]
            when += dt.timedelta(seconds=int(angka) * (60 if satuan == "menit" else 1))
        when += dt.timedelta(milliseconds=1)
    return when


def test_an_address_that_keeps_failing_waits_longer_each_time(engine: Engine, akun: int) -> None:
    for attempt in range(PER_ALAMAT.bebas):
        assert _login(engine, f"salah-{attempt}", T0, alamat="192.0.2.66").pesan == PESAN_SALAH
    held = _login(engine, SANDI, T0 + dt.timedelta(seconds=1), alamat="192.0.2.66")
    assert held.pelaku is None and held.pesan.startswith("Terlalu banyak percobaan") and "Tunggu 1 detik" in held.pesan
    assert _login(engine, "salah-lagi", T0 + dt.timedelta(seconds=2), alamat="192.0.2.66").pesan == PESAN_SALAH
    assert "Tunggu 4 detik" in _login(engine, SANDI, T0 + dt.timedelta(seconds=2), alamat="192.0.2.66").pesan
    assert _login(engine, SANDI, T0 + dt.timedelta(seconds=6), alamat="192.0.2.66").pelaku is not None
    assert "masuk_ditahan" in _actions(engine)


def test_unknown_names_are_held_back_exactly_like_real_ones(engine: Engine, akun: int) -> None:
    _hammer(engine, PER_ALAMAT.bebas + 2, "op.batu", "192.0.2.66")
    _hammer(engine, PER_ALAMAT.bebas + 2, "tidak.ada", "192.0.2.67")
    later = T0 + dt.timedelta(seconds=10)
    real = _login(engine, "apa-saja", later, "op.batu", "192.0.2.66")
    unknown = _login(engine, "apa-saja", later, "tidak.ada", "192.0.2.67")
    assert real.pesan.startswith("Terlalu banyak") and real == unknown


def test_nobody_can_lock_the_owner_out_from_another_address(engine: Engine, akun: int) -> None:
    """Many failures for one name from elsewhere: the owner's own computer gets in at once, and
    an address that failed too waits one minute at most."""
    now = T0
    for n in range(3):
        now = _hammer(engine, PER_ALAMAT.bebas - 1, "op.batu", f"198.51.100.{n}", now)
    assert _login(engine, SANDI, now, alamat="10.1.1.1").pelaku is not None
    _hammer(engine, 1, "op.batu", "10.1.1.2", now)
    held = _login(engine, SANDI, now + dt.timedelta(seconds=1), alamat="10.1.1.2")
    assert held.pelaku is None and "Tunggu" in held.pesan
    later = now + PER_AKUN.batas + dt.timedelta(seconds=1)
    assert _login(engine, SANDI, later, alamat="10.1.1.2").pelaku is not None


def test_failures_are_forgotten_after_the_window(engine: Engine, akun: int) -> None:
    _hammer(engine, 12, "op.batu", "192.0.2.66")
    assert _login(engine, SANDI, T0 + JENDELA + dt.timedelta(hours=1), alamat="192.0.2.66").pelaku is not None
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM percobaan_masuk")) == 0


def test_every_answer_costs_one_password_hash(engine: Engine, akun: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A held-back attempt and an unknown name cost the same Argon2 work as a wrong password
    (argon2-cffi's verify is wrapped to count its calls)."""
    calls: list[str] = []
    verify = PasswordHasher.verify

    def counted(self: PasswordHasher, stored: str, password: str) -> bool:
        calls.append(password)
        return verify(self, stored, password)

    monkeypatch.setattr(PasswordHasher, "verify", counted)
    _hammer(engine, PER_ALAMAT.bebas, "op.batu", "192.0.2.66")
    calls.clear()
    _login(engine, "a", T0 + dt.timedelta(seconds=1), alamat="192.0.2.66")  # held back
    _login(engine, "b", T0, username="tidak.ada", alamat="192.0.2.70")  # unknown
    _login(engine, "c", T0, alamat="192.0.2.71")  # wrong
    assert calls == ["a", "b", "c"]


def test_reset_by_admin_sets_the_new_password_and_forgets_the_failures(engine: Engine, akun: int) -> None:
    """Without forgetting, the wrong old password below would make the name's twelve earlier
    failures hold back the new one."""
    _hammer(engine, 12, "op.batu", "192.0.2.66")
    with Session(engine) as session, session.begin():
        atur_ulang_kata_sandi(session, ADMIN, akun, "sandi-baru-2026")
    after = T0 + dt.timedelta(minutes=2)
    assert _login(engine, SANDI, after, alamat="10.1.1.1").pesan == PESAN_SALAH
    assert _login(engine, "sandi-baru-2026", after + dt.timedelta(milliseconds=1), alamat="10.1.1.1").pelaku is not None


def test_disabled_account_cannot_log_in(engine: Engine, akun: int) -> None:
    """(Its open sessions end too: tests/test_sesi.py.)"""
    with Session(engine) as session, session.begin():
        set_aktif(session, ADMIN, akun, False)
    assert _login(engine, SANDI).pesan == "Akun ini dinonaktifkan. Hubungi admin Bidhumas."


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
        ("pimpinan.baru", "pendek", "pimpinan", None, "minimal 10"),
        ("pimpinan.baru", "pimpinan.baru", "pimpinan", None, "memuat “pimpinan.baru”"),
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


@pytest.fixture
def akun_contoh(engine: Engine) -> int:
    """A sample (DATA CONTOH) admin whose password SANDI counts as published."""
    with Session(engine) as session, session.begin():
        return tambah_pengguna(session, ADMIN, "admin.contoh", SANDI, "admin", is_demo=True).id


@pytest.mark.parametrize("alamat", ["192.0.2.7", "10.0.0.5", "2001:db8::7", None])
def test_sample_account_never_logs_in_from_another_computer(
    engine: Engine, akun_contoh: int, alamat: str | None
) -> None:
    hasil = _login(engine, SANDI, username="admin.contoh", alamat=alamat)
    assert hasil.pelaku is None and "hanya dapat dipakai di komputer server" in hasil.pesan
    with Session(engine) as session:
        last = daftar_audit(session)[0]
    assert (last.aksi, last.detail["alasan"], last.detail["alamat"]) == (
        "masuk_gagal",
        "akun contoh dari komputer lain",
        alamat,
    )


@pytest.mark.parametrize("alamat", ["127.0.0.1", "::1", "127.0.0.2"])
def test_sample_account_logs_in_on_the_server_itself(engine: Engine, akun_contoh: int, alamat: str) -> None:
    assert _login(engine, SANDI, username="admin.contoh", alamat=alamat).pelaku is not None
    with Session(engine) as session:
        last = daftar_audit(session)[0]
    assert (last.aksi, last.detail["alamat"]) == ("masuk", alamat)


def test_a_real_account_logs_in_from_the_network(engine: Engine, akun: int) -> None:
    assert _login(engine, SANDI, alamat="192.0.2.7").pelaku is not None
