"""Login sessions in the database (SQLite and PostgreSQL): opened at login, read on every run,
ended by logout, idle timeout, disabling and password reset; and the cookie that carries the token."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from analytics.izin import IsianSalah, Pelaku
from db.akun import atur_ulang_kata_sandi, set_aktif, tambah_pengguna, ubah_peran
from db.audit import daftar_audit
from db.models import Pengguna, SesiLogin
from db.reference import find_satker
from db.sesi import (
    BATAS_DIAM,
    CATAT_AKTIF_SETIAP,
    HasilSesi,
    akhiri_sesi_token,
    baca_sesi,
    buat_sesi,
    hash_token,
    is_token_terpakai,
)
from ui.cookie_sesi import NAMA_COOKIE, NAMA_COOKIE_TLS, CookieSesi, buat_token, isi_cookie, token_dari_cookie

ADMIN = Pelaku.baris_perintah()
T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
TOKEN = buat_token()


@pytest.fixture
def akun(engine: Engine) -> int:
    """An operator of Polres Batu with one open session for TOKEN, opened at T0."""
    with Session(engine) as session, session.begin():
        batu = find_satker(session, "Polres Batu")
        pengguna = tambah_pengguna(session, ADMIN, "op.batu", "frasa sandi operator batu", "operator", "", batu.id)
        assert buat_sesi(session, pengguna.id, TOKEN, "192.0.2.7", T0)
        return pengguna.id


def _baca(engine: Engine, when: dt.datetime, token: str = TOKEN) -> HasilSesi:
    with Session(engine) as session, session.begin():
        return baca_sesi(session, token, when)


def test_the_session_gives_the_stored_user_and_only_the_token_hash_is_kept(engine: Engine, akun: int) -> None:
    hasil = _baca(engine, T0 + dt.timedelta(minutes=5))
    assert hasil.pelaku is not None and (hasil.pelaku.id, hasil.pelaku.peran) == (akun, "operator")
    with engine.connect() as connection:
        stored = " ".join(str(v) for row in connection.execute(text("SELECT * FROM sesi_login")) for v in row)
    assert TOKEN not in stored and hash_token(TOKEN) in stored


def test_an_unknown_token_has_no_session(engine: Engine, akun: int) -> None:
    assert _baca(engine, T0, buat_token()) == HasilSesi(None)


def test_activity_keeps_the_session_open_and_idleness_ends_it(engine: Engine, akun: int) -> None:
    when = T0
    for _ in range(4):  # two hours, a click every 20 minutes
        when += dt.timedelta(minutes=20)
        assert _baca(engine, when).pelaku is not None
    assert _baca(engine, when + BATAS_DIAM + dt.timedelta(seconds=1)) == HasilSesi(None, "waktu habis")
    assert _baca(engine, when + dt.timedelta(minutes=31)) == HasilSesi(None, "waktu habis")  # stays ended


def test_activity_is_written_at_most_every_half_minute(engine: Engine, akun: int) -> None:
    _baca(engine, T0 + CATAT_AKTIF_SETIAP - dt.timedelta(seconds=1))
    with Session(engine) as session:
        assert session.query(SesiLogin).one().aktif_terakhir == T0
    _baca(engine, T0 + CATAT_AKTIF_SETIAP)
    with Session(engine) as session:
        assert session.query(SesiLogin).one().aktif_terakhir == T0 + CATAT_AKTIF_SETIAP


def test_logout_ends_the_session_and_its_token_is_never_reused(engine: Engine, akun: int) -> None:
    with Session(engine) as session, session.begin():
        akhiri_sesi_token(session, TOKEN, "keluar", T0)
    assert _baca(engine, T0) == HasilSesi(None, "keluar")
    assert is_token_terpakai(engine, TOKEN)
    with Session(engine) as session, session.begin():
        assert not buat_sesi(session, akun, TOKEN, None, T0)
    assert not is_token_terpakai(engine, buat_token())


@pytest.mark.parametrize(
    ("change", "alasan"),
    [
        (lambda s, i: set_aktif(s, ADMIN, i, False), "akun nonaktif"),
        (lambda s, i: atur_ulang_kata_sandi(s, ADMIN, i, "frasa sandi yang baru sekali"), "kata sandi diatur ulang"),
        (lambda s, i: ubah_peran(s, ADMIN, i, "pimpinan"), "peran diubah"),
    ],
    ids=["disabled", "password-reset", "role-change"],
)
def test_an_admins_change_ends_every_session_of_the_user(engine: Engine, akun: int, change, alasan: str) -> None:
    other = buat_token()
    with Session(engine) as session, session.begin():
        buat_sesi(session, akun, other, "192.0.2.8", T0)
        change(session, akun)
    assert _baca(engine, T0) == HasilSesi(None, alasan)
    assert _baca(engine, T0, other) == HasilSesi(None, alasan)


def test_a_disabled_account_ends_its_session_even_without_the_admin_function(engine: Engine, akun: int) -> None:
    with engine.begin() as connection:
        connection.execute(text("UPDATE pengguna SET aktif = false"))
    assert _baca(engine, T0) == HasilSesi(None, "akun nonaktif")


def test_the_cookie_is_http_only_same_site_and_secure_over_tls() -> None:
    assert isi_cookie(TOKEN, tls=False) == f"{NAMA_COOKIE}={TOKEN}; Path=/; HttpOnly; SameSite=Lax"
    assert isi_cookie(TOKEN, tls=True) == f"{NAMA_COOKIE_TLS}={TOKEN}; Path=/; HttpOnly; SameSite=Lax; Secure"
    assert token_dari_cookie({NAMA_COOKIE: TOKEN}) == TOKEN
    assert token_dari_cookie({NAMA_COOKIE: "pendek", NAMA_COOKIE_TLS: TOKEN}) == TOKEN
    assert token_dari_cookie({NAMA_COOKIE: "x" * 42 + "!"}) is None


def _set_cookie(path: str, peer: str, header: dict[str, str], monkeypatch: pytest.MonkeyPatch, proxy: str) -> list[str]:
    """The ``Set-Cookie`` headers the middleware adds to a GET for ``path`` from ``peer``."""
    monkeypatch.setenv("HUMAS_PROXY_TEPERCAYA", proxy)
    sent: list[dict] = []

    async def app(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "scheme": "http",
        "client": (peer, 50000),
        "headers": [(k.lower().encode(), v.encode()) for k, v in header.items()],
    }
    asyncio.run(CookieSesi(app)(scope, None, send))  # type: ignore[arg-type]
    return [v.decode() for k, v in sent[0]["headers"] if k == b"set-cookie"]


@pytest.mark.parametrize(
    ("peer", "proxy", "tls"),
    [("127.0.0.1", "127.0.0.1", True), ("192.0.2.7", "127.0.0.1", False), ("127.0.0.1", "", False)],
    ids=["trusted-proxy", "client-claims-tls", "no-proxy-trusted"],
)
def test_a_page_load_without_a_token_gets_one_secure_only_when_a_trusted_proxy_says_tls(
    monkeypatch: pytest.MonkeyPatch, peer: str, proxy: str, tls: bool
) -> None:
    (cookie,) = _set_cookie("/peringkat", peer, {"X-Forwarded-Proto": "https"}, monkeypatch, proxy)
    assert cookie.startswith(NAMA_COOKIE_TLS if tls else NAMA_COOKIE + "=") and cookie.endswith("; Secure") is tls


def test_assets_and_a_page_with_a_usable_token_get_no_cookie_an_ended_token_is_replaced(
    engine: Engine, akun: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUMAS_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert _set_cookie("/static/js/index.js", "127.0.0.1", {}, monkeypatch, "") == []
    assert _set_cookie("/_stcore/health", "127.0.0.1", {}, monkeypatch, "") == []
    page_load = {"Cookie": f"{NAMA_COOKIE}={TOKEN}"}
    assert _set_cookie("/", "127.0.0.1", page_load, monkeypatch, "") == []
    with Session(engine) as session, session.begin():
        akhiri_sesi_token(session, TOKEN, "keluar", T0)
    (cookie,) = _set_cookie("/", "127.0.0.1", page_load, monkeypatch, "")
    assert cookie.startswith(NAMA_COOKIE + "=") and TOKEN not in cookie


def test_a_role_change_is_checked_and_recorded(engine: Engine, akun: int) -> None:
    with Session(engine) as session, session.begin():
        with pytest.raises(IsianSalah, match="terikat pada satu satker"):
            ubah_peran(session, ADMIN, akun, "operator")
        ubah_peran(session, ADMIN, akun, "pimpinan")
        pengguna = session.get(Pengguna, akun)
        assert pengguna is not None and (pengguna.peran, pengguna.satker_id) == ("pimpinan", None)
        assert daftar_audit(session)[0].aksi == "peran_diubah"
