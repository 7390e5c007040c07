"""Scope on the server: a user bound to one Polda reads only that Polda, whatever Polda id reaches
the app, and an admin bound to one Polda manages only its accounts and satker (both databases,
with two Polda holding data; the pages through AppTest)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku, TidakBerwenang, boleh_polda
from db.akun import atur_ulang_kata_sandi, baca_pengguna, cari_pengguna, set_aktif, tambah_pengguna
from db.master import baca_satker, ganti_nama_satker, set_label_kategori, set_satker_aktif
from db.models import Satker
from db.queries import cari_polda
from testdata.nasional import generate_national
from tests.test_pages import KATA_SANDI_UJI, log_in, open_app, show, table

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
BARIS_PERINTAH = Pelaku.baris_perintah()


@pytest.fixture
def dua_polda(engine: Engine) -> Engine:
    """Polda Jawa Timur (39 satker) and one more Polda with 11, each with two months of reports."""
    summary = generate_national(engine, satker=50, bulan=2, baris=1_500, benih=3, polda_limit=2)
    assert summary.polda == 2
    return engine


def _polda(engine: Engine) -> tuple[int, int]:
    """(Jawa Timur, the other Polda with satker)."""
    with Session(engine) as session:
        jatim = cari_polda(session, "Jatim")
        lain = session.scalar(select(Satker.polda_id).where(Satker.polda_id != jatim).limit(1))
    assert jatim is not None and lain is not None
    return jatim, lain


def _satker_of(engine: Engine, polda_id: int) -> int:
    with Session(engine) as session:
        satker_id = session.scalar(select(Satker.id).where(Satker.polda_id == polda_id).order_by(Satker.id).limit(1))
    assert satker_id is not None
    return satker_id


def _akun(engine: Engine, username: str, peran: str, polda_id: int | None, satker_id: int | None = None) -> Pelaku:
    with Session(engine) as session, session.begin():
        tambah_pengguna(session, BARIS_PERINTAH, username, KATA_SANDI_UJI, peran, "", satker_id, False, polda_id)  # type: ignore[arg-type]
        pengguna = cari_pengguna(session, username)
        assert pengguna is not None
        return Pelaku(pengguna.id, username, pengguna.peran, "", pengguna.satker_id, pengguna.polda_id)  # type: ignore[arg-type]


def test_boleh_polda_for_every_kind_of_user() -> None:
    nasional = Pelaku(1, "admin", "admin")
    jatim = Pelaku(2, "admin.jatim", "admin", polda_id=15)
    operator = Pelaku(3, "op", "operator", satker_id=4, polda_id=15)
    operator_tanpa_polda = Pelaku(4, "op2", "operator", satker_id=4)
    assert [boleh_polda(nasional, p) for p in (None, 15, 16)] == [True, True, True]
    assert [boleh_polda(jatim, p) for p in (None, 15, 16)] == [False, True, False]
    assert [boleh_polda(operator, p) for p in (None, 15, 16)] == [False, True, False]
    assert [boleh_polda(operator_tanpa_polda, p) for p in (None, 15)] == [False, False]


def test_an_admin_bound_to_a_polda_manages_only_its_accounts(dua_polda: Engine) -> None:
    jatim, lain = _polda(dua_polda)
    admin = _akun(dua_polda, "admin.jatim", "admin", jatim)
    _akun(dua_polda, "pimpinan.nasional", "pimpinan", None)
    luar = _akun(dua_polda, "pimpinan.lain", "pimpinan", lain)
    _akun(dua_polda, "operator.jatim", "operator", None, _satker_of(dua_polda, jatim))
    with Session(dua_polda) as session, session.begin():
        assert {p.username for p in baca_pengguna(session, admin)} == {"admin.jatim", "operator.jatim"}
        assert {p.username for p in baca_pengguna(session, BARIS_PERINTAH)} >= {"pimpinan.nasional", "pimpinan.lain"}
        for polda_id, satker_id, peran in ((lain, None, "pimpinan"), (None, None, "admin"), (None, 0, "operator")):
            satker = _satker_of(dua_polda, lain) if satker_id == 0 else None
            with pytest.raises(TidakBerwenang, match="terikat pada satu Polda"):
                tambah_pengguna(session, admin, f"baru.{peran}", KATA_SANDI_UJI, peran, "", satker, False, polda_id)  # type: ignore[arg-type]
        tambah_pengguna(session, admin, "pimpinan.jatim", KATA_SANDI_UJI, "pimpinan", polda_id=jatim)
        assert luar.id is not None
        with pytest.raises(TidakBerwenang):
            atur_ulang_kata_sandi(session, admin, luar.id, "kata-sandi-baru-1")
        with pytest.raises(TidakBerwenang):
            set_aktif(session, admin, luar.id, False)


def test_an_admin_bound_to_a_polda_manages_only_its_satker(dua_polda: Engine) -> None:
    jatim, lain = _polda(dua_polda)
    admin = _akun(dua_polda, "admin.jatim", "admin", jatim)
    with Session(dua_polda) as session, session.begin():
        milik = {s.polda for s in baca_satker(session, admin)}
        assert milik == {"Polda Jawa Timur"} and len(baca_satker(session, admin)) == 39
        assert len({s.polda for s in baca_satker(session, BARIS_PERINTAH)}) == 2
        luar = _satker_of(dua_polda, lain)
        with pytest.raises(TidakBerwenang):
            set_satker_aktif(session, admin, luar, False)
        with pytest.raises(TidakBerwenang):
            ganti_nama_satker(session, admin, luar, "Polres Baru", "Polres", dt.date(2030, 1, 1))
        with pytest.raises(TidakBerwenang, match="semua Polda"):
            set_label_kategori(session, admin, "tb_news", "Berita")
        set_satker_aktif(session, admin, _satker_of(dua_polda, jatim), False)
        set_label_kategori(session, BARIS_PERINTAH, "tb_news", "Berita")
    with pytest.raises(TidakBerwenang), Session(dua_polda) as session:
        baca_satker(session, Pelaku(9, "pimpinan.x", "pimpinan"))


@SQLITE_ONLY
def test_a_forged_polda_in_the_session_shows_only_the_users_own_polda(
    dua_polda: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    jatim, lain = _polda(dua_polda)
    _akun(dua_polda, "pimpinan.lain", "pimpinan", lain)
    url = dua_polda.url.render_as_string(hide_password=False)
    app = open_app(url, monkeypatch, username=None)
    app.session_state["polda"] = jatim  # as a forged widget value or, later, an address would bring it
    log_in(app, "pimpinan.lain", KATA_SANDI_UJI)
    assert not app.exception, [e.value for e in app.exception]
    assert len(app.selectbox(key="polda").options) == 1 and app.selectbox(key="polda").value == lain
    show(app, "peringkat")
    with Session(dua_polda) as session:
        milik = set(session.scalars(select(Satker.nama).where(Satker.polda_id == lain)))
    assert table(app) and {row["Satker"] for row in table(app)} <= milik


@SQLITE_ONLY
def test_an_admin_bound_to_a_polda_sees_its_accounts_on_the_page(
    dua_polda: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    jatim, lain = _polda(dua_polda)
    _akun(dua_polda, "admin.jatim", "admin", jatim)
    _akun(dua_polda, "pimpinan.lain", "pimpinan", lain)
    url = dua_polda.url.render_as_string(hide_password=False)
    app = show(open_app(url, monkeypatch, "admin.jatim"), "admin_pengguna")
    assert [row["Nama pengguna"] for row in table(app)] == ["admin.jatim"]
    assert app.selectbox(key="tambah_polda").options == ["Polda Jawa Timur"]
    show(app, "admin_satker")
    assert {row["Polda"] for row in table(app)} == {"Polda Jawa Timur"}
    show(app, "unggah")
    assert len(app.selectbox(key="unggah_satker").options) == 39
