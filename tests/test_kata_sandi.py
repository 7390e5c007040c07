"""Password rules (NIST SP 800-63B): length, guessable and context-derived passwords refused with the
reason and the advice, no composition rules; applied wherever a password is set."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku
from analytics.kata_sandi import kata_konteks, periksa_kata_sandi
from db.akun import atur_ulang_kata_sandi, ganti_kata_sandi, tambah_pengguna
from db.reference import find_satker

KONTEKS = kata_konteks("op.batu", "Budi Santoso", ["Polres Batu", "Polres Kediri Kota", "Polda Jawa Timur"])


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("aaaaaaaa", "minimal 10 karakter (ini 8)"),
        ("pendek", "minimal 10"),
        ("aaaaaaaaaaaa", "terlalu mudah ditebak"),
        ("1234567890", "terlalu mudah ditebak"),
        ("qwertyuiop", "terlalu mudah ditebak"),
        ("P@ssw0rd123", "terlalu mudah ditebak"),
        ("iloveyou2024", "terlalu mudah ditebak"),
        ("polri12345", "memuat “polri”"),
        ("Humas2024!", "memuat “humas”"),
        ("bidhumas2024", "memuat “bidhumas”"),
        ("Kediri Kota 1", "memuat “kediri”"),
        ("jawatimur2024", "memuat “jawa”"),
        ("op.batu12345", "memuat “op.batu”"),
        ("utab.po12345", "memuat “op.batu”"),  # the user name reversed
        ("budisantoso1", "memuat “budi”, “santoso”"),
        ("x" * 129, "paling panjang 128"),
    ],
)
def test_short_guessable_and_context_passwords_are_refused_with_the_reason(password: str, reason: str) -> None:
    with pytest.raises(IsianSalah) as refused:
        periksa_kata_sandi(password, KONTEKS)
    assert reason in str(refused.value)
    assert len(password) > 128 or "frasa sandi" in str(refused.value)  # what works instead


@pytest.mark.parametrize(
    "password",
    [
        "kopi hujan sepeda jendela",  # a passphrase
        "sandi-rahasia-77",
        "frasa sandi operator batu",  # a context word among enough others
        "semuahurufkecilsaja",  # no composition rules
        "x7#Lq9!vRz",
    ],
)
def test_passphrases_and_strong_passwords_pass(password: str) -> None:
    periksa_kata_sandi(password, KONTEKS)


def test_context_words_come_from_the_user_the_places_and_the_institution() -> None:
    assert {"op.batu", "batu", "budi", "santoso", "kediri", "kota", "jawa", "timur", "polri", "humas"} <= set(KONTEKS)
    assert "op" not in KONTEKS  # too short to mean anything


ADMIN = Pelaku.baris_perintah()


def test_every_way_of_setting_a_password_applies_the_rules(engine: Engine) -> None:
    """Adding a user, an admin's reset and one's own change; the satker names in the database are
    context (Polres Tuban is in the reference data, not in this user's name)."""
    with Session(engine) as session, session.begin():
        batu = find_satker(session, "Polres Batu").id
        with pytest.raises(IsianSalah, match="memuat “tuban”"):
            tambah_pengguna(session, ADMIN, "op.batu", "Tuban-2024!", "operator", "", batu)
        pengguna = tambah_pengguna(session, ADMIN, "op.batu", "kopi hujan sepeda jendela", "operator", "", batu)
        with pytest.raises(IsianSalah, match="minimal 10"):
            atur_ulang_kata_sandi(session, ADMIN, pengguna.id, "aaaaaaaa")
        with pytest.raises(IsianSalah, match="memuat “batu”"):
            atur_ulang_kata_sandi(session, ADMIN, pengguna.id, "batu2024batu")
        pelaku = Pelaku(pengguna.id, "op.batu", "operator")
        with pytest.raises(IsianSalah, match="terlalu mudah ditebak"):
            ganti_kata_sandi(session, pelaku, "kopi hujan sepeda jendela", "password123")


def test_sample_accounts_keep_their_published_passwords(engine: Engine) -> None:
    """Exempt only because they never log in from another computer (db.akun.masuk)."""
    with Session(engine) as session, session.begin():
        assert tambah_pengguna(session, ADMIN, "admin.contoh", "contoh-admin-123", "admin", is_demo=True).is_demo
