"""The admin pages (AppTest): users, satker and categories, settings, audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from db import pengaturan
from db.akun import cari_pengguna, masuk
from db.engine import make_engine
from db.queries import list_kategori, satker_names_at
from db.reference import find_satker
from etl.loader import load_reference
from tests.test_pages import open_app, show, table

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _submit(app: AppTest, label: str) -> AppTest:
    next(button for button in app.button if button.label == label).click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _session(url: str) -> Session:
    return Session(make_engine(url))


def test_admin_adds_an_operator_who_can_then_log_in(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengguna")
    with _session(demo_url) as session:
        batu = find_satker(session, "Polres Batu").id
    app.text_input(key="tambah_username").input("Operator.Batu")
    app.text_input(key="tambah_nama").input("Operator Batu")
    app.selectbox(key="tambah_peran").set_value("operator")
    app.selectbox(key="tambah_satker").set_value(batu)
    app.text_input(key="tambah_sandi").input("sandi-batu-2026")
    app.text_input(key="tambah_ulang").input("sandi-batu-2026")
    _submit(app, "Tambah")
    assert app.success[0].value == "Pengguna operator.batu ditambahkan."
    assert {"Nama pengguna": "operator.batu", "Satker": "Polres Batu", "Status": "aktif"}.items() <= next(
        row for row in table(app) if row["Nama pengguna"] == "operator.batu"
    ).items()
    with _session(demo_url) as session, session.begin():
        assert masuk(session, "operator.batu", "sandi-batu-2026").pelaku is not None


def test_mismatched_passwords_add_nobody(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengguna")
    before = len(table(app))
    app.text_input(key="tambah_username").input("pimpinan.dua")
    app.text_input(key="tambah_sandi").input("sandi-satu-2026")
    app.text_input(key="tambah_ulang").input("sandi-dua-2026")
    _submit(app, "Tambah")
    assert app.error[0].value == "Kedua kata sandi tidak sama."
    assert len(table(app)) == before


def test_refused_account_shows_the_reason(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengguna")
    app.text_input(key="tambah_username").input("operator.tanpa")
    app.selectbox(key="tambah_peran").set_value("operator")
    app.text_input(key="tambah_sandi").input("sandi-satu-2026")
    app.text_input(key="tambah_ulang").input("sandi-satu-2026")
    _submit(app, "Tambah")
    assert "Operator harus terikat pada satu satker" in app.error[0].value


def test_admin_disables_an_account(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengguna")
    with _session(demo_url) as session:
        pimpinan = cari_pengguna(session, "pimpinan.contoh").id  # type: ignore[union-attr]
    app.selectbox(key="status_pengguna").set_value(pimpinan).run()
    app.button(key="status_nonaktifkan").click().run()
    assert app.success[0].value == "pimpinan.contoh dinonaktifkan."
    assert next(row for row in table(app) if row["Nama pengguna"] == "pimpinan.contoh")["Status"] == "nonaktif"
    with _session(demo_url) as session, session.begin():
        assert masuk(session, "pimpinan.contoh", "contoh-pimpinan-123", alamat="127.0.0.1").pesan.startswith(
            "Akun ini dinonaktifkan"
        )


def test_admin_resets_a_password(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengguna")
    with _session(demo_url) as session:
        operator = cari_pengguna(session, "operator.kedirikota").id  # type: ignore[union-attr]
    app.selectbox(key="sandi_pengguna").set_value(operator)
    app.text_input(key="reset_sandi").input("sandi-baru-kediri")
    app.text_input(key="reset_ulang").input("sandi-baru-kediri")
    _submit(app, "Atur ulang")
    assert "diatur ulang" in app.success[0].value
    with _session(demo_url) as session, session.begin():
        assert masuk(session, "operator.kedirikota", "sandi-baru-kediri", alamat="127.0.0.1").pelaku is not None


def test_satker_rename_takes_effect_from_its_date(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_satker")
    with _session(demo_url) as session:
        batu = find_satker(session, "Polres Batu").id
    app.selectbox(key="nama_satker").set_value(batu)
    app.text_input(key="nama_baru").input("Polresta Batu")
    app.selectbox(key="nama_tipe").set_value("Polresta")
    app.date_input(key="nama_berlaku").set_value(dt.date(2024, 7, 1))
    _submit(app, "Simpan nama baru")
    assert app.success[0].value == "Nama baru Polresta Batu disimpan."
    row = next(row for row in table(app) if row["Satker"] == "Polresta Batu")
    assert row["Riwayat nama"] == "Polres Batu → Polresta Batu (sejak 01-07-2024)"
    with _session(demo_url) as session:
        assert satker_names_at(session, dt.date(2024, 6, 1))[batu] == "Polres Batu"
        assert satker_names_at(session, dt.date(2024, 7, 1))[batu] == "Polresta Batu"


def test_satker_rename_to_a_name_in_use_is_refused(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_satker")
    with _session(demo_url) as session:
        batu = find_satker(session, "Polres Batu").id
    app.selectbox(key="nama_satker").set_value(batu)
    app.text_input(key="nama_baru").input("polres  blitar")
    _submit(app, "Simpan nama baru")
    assert "sudah dipakai satker lain" in app.error[0].value


def test_category_label_changes_everywhere(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_satker")
    app.selectbox(key="label_kategori").set_value("ipse")
    app.text_input(key="label_baru").input("Terbanyak IPSE (Indeks Persepsi)")
    _submit(app, "Simpan label")
    with _session(demo_url) as session:
        assert next(k.label for k in list_kategori(session) if k.kode == "ipse") == "Terbanyak IPSE (Indeks Persepsi)"


def test_settings_change_weights_and_deadline(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengaturan")
    app.number_input(key="bobot_ipse").set_value(3.0)
    _submit(app, "Simpan bobot")
    assert app.success[0].value == "Bobot Juara Umum disimpan."
    app.number_input(key="batas_tanggal").set_value(10)
    _submit(app, "Simpan batas waktu")
    assert "tanggal 10 bulan berikutnya pukul 23.59 WIB" in app.success[0].value
    with _session(demo_url) as session:
        assert pengaturan.bobot_juara_umum(session)["ipse"] == 3.0
        assert pengaturan.batas_waktu(session).tanggal == 10


def test_audit_log_lists_logins_and_changes_and_filters_them(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengaturan")
    app.number_input(key="penalti_jam").set_value(480.0)
    _submit(app, "Simpan penalti")
    show(app, "admin_audit")
    rows = table(app)
    assert [row["Aksi"] for row in rows[:2]] == ["ubah_pengaturan", "masuk"]
    assert rows[0]["Pelaku"] == "admin.contoh" and "kunci: penalti_jam" in rows[0]["Rincian"]
    assert [b.label for b in app.get("download_button")] == ["Unduh CSV", "Unduh XLSX"]
    app.multiselect(key="audit_aksi").set_value(["masuk"]).run()
    assert {row["Aksi"] for row in table(app)} == {"masuk"}


def test_settings_add_a_platform_alias_the_validator_then_knows(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    app = show(open_app(demo_url, monkeypatch), "admin_pengaturan")
    app.text_input(key="alias_baru").input("Snack Video ID")
    app.selectbox(key="alias_platform").set_value("Lainnya")
    _submit(app, "Tambah alias")
    assert app.success[0].value == "Alias “Snack Video ID” untuk Lainnya disimpan."
    assert {"Alias": "Snack Video ID", "Platform": "Lainnya"} in table(app)
    app.text_input(key="alias_baru").input("IG")
    _submit(app, "Tambah alias")
    assert app.error[0].value == "“IG” sudah dikenali sebagai Instagram."
    with _session(demo_url) as session:
        assert load_reference(session).platform.kenali("snack video id") == ("Lainnya", True)
