"""Login in the app (AppTest): which pages each role can open, logout, idle timeout, and an
account disabled while its user is logged in."""

from __future__ import annotations

import time

import pytest
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db.akun import cari_pengguna, set_aktif
from db.audit import daftar_audit
from db.engine import make_engine
from tests.test_pages import ALL_TITLES as TITLES
from tests.test_pages import log_in, open_app, show
from ui.sesi import BATAS_DIAM_DETIK

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

TINJAUAN = {"beranda", "peringkat", "tren", "profil_satker", "kepatuhan", "akun"}
ALLOWED = {
    "admin.contoh": set(TITLES),
    "pimpinan.contoh": TINJAUAN | {"ekspor"},
    "operator.kedirikota": TINJAUAN | {"unggah"},
}


@pytest.mark.parametrize("username", list(ALLOWED))
def test_each_role_sees_exactly_its_pages(demo_url: str, monkeypatch: pytest.MonkeyPatch, username: str) -> None:
    app = open_app(demo_url, monkeypatch, username)
    for page, title in TITLES.items():
        if page in ALLOWED[username]:
            assert [t.value for t in show(app, page).title] == [title], page
        else:
            with pytest.raises(ValueError, match="Could not find a navigation page"):
                app.switch_page(f"pages/{page}.py")


def test_before_login_only_the_login_page_exists(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch, username=None)
    assert [t.value for t in app.title] == ["Masuk"]
    assert not app.dataframe and not app.metric
    for page in TITLES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(f"pages/{page}.py")


def test_wrong_password_stays_on_the_login_page_with_a_message(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = log_in(open_app(demo_url, monkeypatch, username=None), "admin.contoh", "bukan-ini")
    assert [t.value for t in app.title] == ["Masuk"]
    assert "Nama pengguna atau kata sandi salah." in app.error[0].value


def test_login_page_lists_the_demo_accounts_while_they_exist(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch, username=None)
    assert any("admin.contoh" in c.value and "README" in c.value for c in app.caption)


def _last_audit(url: str) -> tuple[str, dict]:
    engine = make_engine(url)
    with Session(engine) as session:
        last = daftar_audit(session)[0]
    engine.dispose()
    return last.aksi, last.detail


def test_logout_returns_to_the_login_page_and_is_recorded(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    app.sidebar.button(key="keluar").click().run()
    assert [t.value for t in app.title] == ["Masuk"]
    assert app.info[0].value == "Anda telah keluar."
    assert _last_audit(demo_url) == ("keluar", {"alasan": "keluar"})


def test_idle_session_ends_with_an_explanation(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(demo_url, monkeypatch)
    app.session_state["aktif_terakhir"] = time.time() - BATAS_DIAM_DETIK - 1
    app.run()
    assert [t.value for t in app.title] == ["Masuk"]
    assert "tidak ada aktivitas selama 30 menit" in app.info[0].value
    assert _last_audit(demo_url) == ("keluar", {"alasan": "waktu habis"})


def test_after_an_idle_timeout_logging_in_again_returns_to_the_same_page(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = show(open_app(demo_url, monkeypatch, "pimpinan.contoh"), "peringkat")
    app.session_state["aktif_terakhir"] = time.time() - BATAS_DIAM_DETIK - 1
    app.run()
    assert [t.value for t in app.title] == ["Masuk"]

    log_in(app, "pimpinan.contoh", "contoh-pimpinan-123")
    assert [t.value for t in app.title] == [TITLES["peringkat"]]


def test_account_disabled_meanwhile_is_logged_out_at_the_next_click(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app(demo_url, monkeypatch, "operator.kedirikota")
    engine = make_engine(demo_url)
    with Session(engine) as session, session.begin():
        operator = cari_pengguna(session, "operator.kedirikota")
        assert operator is not None
        set_aktif(session, Pelaku.baris_perintah(), operator.id, False)
    engine.dispose()
    app.run()
    assert [t.value for t in app.title] == ["Masuk"]
    assert "dinonaktifkan" in app.info[0].value


def test_any_user_changes_their_own_password(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch, "operator.kedirikota"), "akun")
    app.text_input(key="akun_lama").input("contoh-operator-123")
    app.text_input(key="akun_sandi").input("sandi-baru-operator")
    app.text_input(key="akun_ulang").input("sandi-baru-operator")
    next(button for button in app.button if button.label == "Ganti kata sandi").click().run()
    assert app.success[0].value == "Kata sandi diganti."
    app.sidebar.button(key="keluar").click().run()
    # "Keluar" sends the browser to the app's root address (st.switch_page); AppTest keeps
    # requesting the page it was last switched to, so follow the redirect as a browser does.
    app.switch_page("pages/masuk.py").run()
    log_in(app, "operator.kedirikota", "sandi-baru-operator")
    assert [t.value for t in app.title] == ["Beranda"]
