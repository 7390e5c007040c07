"""The Unggah Laporan page (AppTest): template, preview before storing, confirm, history; a
broken workbook shows every error and stores nothing; admins may load recaps too."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from db.models import Laporan, Pengguna, Unggahan
from etl.loader import load_workbook
from testdata.workbooks import RECEIVED, activity, audit_actions, laporan, rekap, snapshot
from tests.test_pages import choose, ensure_account, open_app, show, table

pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MEI_2024 = dt.date(2024, 5, 1)
GOOD = laporan(
    {"TB News": [activity(2, "https://a.id/1"), activity(3, "https://a.id/2"), activity(4, "https://a.id/3")]}
)
BROKEN = laporan(
    {"TB News": [activity(2, "https://a.id/1"), (2, "31/02/2024", "Salah", "Instagram", "javascript:alert(1)")]}
)


def _operator_app(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, str]:
    url = engine.url.render_as_string(hide_password=False)
    ensure_account(url, "operator.kediri", "operator", "Polres Kediri Kota")
    return show(open_app(url, monkeypatch, "operator.kediri"), "unggah"), url


def _upload(app: AppTest, data: bytes, name: str = "laporan_mei.xlsx") -> AppTest:
    app.file_uploader(key="unggah_berkas").set_value((name, data, XLSX)).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _downloads(app: AppTest) -> list[str]:
    return [button.label for button in app.get("download_button")]


def test_operator_gets_the_template_of_their_own_satker(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    satker = app.selectbox(key="unggah_satker")
    assert len(satker.options) == 1 and satker.value is not None
    assert "Polres Kediri Kota" in app.caption[0].value
    assert "Unduh templat laporan" in _downloads(app)
    assert any("Batas waktu laporan" in c.value for c in app.caption)


def test_preview_shows_counts_and_stores_nothing_until_confirmed(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    before = snapshot(engine)
    _upload(app, GOOD)
    assert "Laporan Polres Kediri Kota Mei 2024 akan disimpan sebagai versi 1 (3 kegiatan)." in app.info[0].value
    counts = {row["Kategori"]: row["Jumlah"] for row in table(app)}
    assert counts["Terbanyak Input TB News"] == 3 and counts["Terbanyak IPSE"] == 0
    assert snapshot(engine) == before

    app.button(key="unggah_simpan").click().run()
    assert not app.exception
    assert "Laporan Polres Kediri Kota Mei 2024 versi 1 tersimpan (3 kegiatan)." in app.success[0].value
    assert "Diterima" in app.success[0].value
    history = table(app, -1)
    assert [(row["Periode"], row["Versi"], row["Diunggah oleh"]) for row in history] == [
        ("Mei 2024", 1, "operator.kediri")
    ]
    with Session(engine) as session:
        stored = session.execute(
            select(Laporan.versi, Pengguna.username)
            .join(Unggahan, Unggahan.id == Laporan.unggahan_id)
            .join(Pengguna, Pengguna.id == Unggahan.diunggah_oleh_id)
        ).all()
    assert stored == [(1, "operator.kediri")]


def test_stored_report_shows_on_peringkat(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    _upload(app, GOOD).button(key="unggah_simpan").click().run()
    choose(show(app, "peringkat"), "kategori", "tb_news")
    assert app.selectbox(key="bulan").value == MEI_2024
    assert {row["Satker"]: row["Nilai"] for row in table(app)}["Polres Kediri Kota"] == "3"


def test_broken_workbook_lists_every_error_offers_the_marked_copy_and_stores_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    before = snapshot(engine)
    _upload(app, BROKEN, "rusak.xlsx")
    assert "Berkas ditolak: 2 kesalahan" in app.error[0].value
    rows = table(app)
    assert {row["Lokasi"] for row in rows} == {"TB News!B3", "TB News!E3"}
    assert all(row["Tingkat"] == "Kesalahan" for row in rows)
    assert "Unduh salinan bertanda kesalahan (.xlsx)" in _downloads(app)
    (salinan,) = [b for b in app.get("download_button") if b.label.startswith("Unduh salinan bertanda")]
    assert salinan.proto.deferred_file_id and not salinan.proto.url  # built when clicked, not on every rerun
    assert all(button.key != "unggah_simpan" for button in app.button)
    assert snapshot(engine) == before
    assert audit_actions(engine)[-1] == "unggah_ditolak"


def test_the_history_offers_the_original_file_read_only_when_clicked(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    _upload(app, GOOD)
    app.button(key="unggah_simpan").click().run()
    assert app.selectbox(key="unggah_berkas_asli_pilih").options == ["Mei 2024 versi 1 — laporan_mei.xlsx"]
    (asli,) = [b for b in app.get("download_button") if b.label == "Unduh berkas asli"]
    assert asli.proto.deferred_file_id and not asli.proto.url
    assert "unduh_berkas_asli" not in audit_actions(engine)  # audited when clicked, not when shown


def test_the_rows_of_a_superseded_version_open_from_the_history(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = laporan({"TB News": [activity(2, "https://a.id/lama")]})
    load_workbook(engine, first, "laporan_mei.xlsx", now=RECEIVED)
    load_workbook(engine, GOOD, "laporan_mei_2.xlsx", now=RECEIVED + dt.timedelta(hours=1))
    app, _ = _operator_app(engine, monkeypatch)
    pilih = app.selectbox(key="unggah_baris_versi")
    superseded = next(o for o in pilih.options if "versi 1" in o)
    pilih.select(superseded).run()
    rows = table(app, -1)
    assert [(row["Sheet"], row["Baris"], row["Tautan"]) for row in rows] == [("TB News", 2, "https://a.id/lama")]


def test_a_file_refused_by_the_safety_checks_offers_no_marked_copy(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    _upload(app, laporan(edit=lambda book: book["TB News"].__setitem__("XFD100000", "x")), "jauh.xlsx")
    assert "Berkas ditolak: 1 kesalahan" in app.error[0].value
    assert "sampai sel XFD100000" in table(app)[0]["Pesan"]
    assert not any(label.startswith("Unduh salinan bertanda") for label in _downloads(app))


def test_the_page_reads_in_isolation_a_file_that_crashes_the_reader_is_rejected(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under a lowered memory limit the reader aborts its child (SIGABRT): the page, in this
    process, shows the rejection, and the next upload works."""
    monkeypatch.setenv("HUMAS_BATAS_MEMORI_MB", "40")
    app, _ = _operator_app(engine, monkeypatch)
    hungry = laporan(edit=lambda book: book["TB News"].__setitem__("BL46000", "x"))
    _upload(app, hungry, "lapar.xlsx")
    assert "Berkas ditolak: 1 kesalahan" in app.error[0].value
    assert "membacanya memerlukan lebih dari 40 MB memori" in table(app)[0]["Pesan"]
    assert audit_actions(engine)[-1] == "unggah_ditolak"
    _upload(app, GOOD)
    assert "akan disimpan sebagai versi 1" in app.info[0].value


def test_operator_cannot_store_another_satkers_report(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ = _operator_app(engine, monkeypatch)
    before = snapshot(engine)
    _upload(app, laporan({"TB News": [activity(2, "https://a.id/1")]}, satker="Polres Blitar"))
    assert {row["Lokasi"] for row in table(app)} == {"Identitas!B2"}
    assert "bukan Polres Blitar" in table(app)[0]["Pesan"]
    assert snapshot(engine) == before


def test_admin_chooses_any_satker_and_loads_a_recap(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    url = engine.url.render_as_string(hide_password=False)
    ensure_account(url, "admin.uji")
    app = show(open_app(url, monkeypatch, "admin.uji"), "unggah")
    assert len(app.selectbox(key="unggah_satker").options) == 39
    _upload(app, rekap([["2024-03", "Polres Jember", *[2] * 9, None]]), "rekap.xlsx")
    assert "Rekap Polda: 1 baris satker-bulan siap dimuat." in app.info[0].value
    app.button(key="unggah_simpan").click().run()
    assert "Rekap dimuat" in app.success[0].value


def test_preview_says_what_was_fixed_before_the_operator_confirms(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = laporan(
        {
            "TB News": [
                (None, "5 Mei 2024", "a", "IG", "instagram.com/p/AAA1"),
                (None, dt.datetime(2024, 5, 6), "b", "", "www.tiktok.com/@humas/video/7350000000000000001"),
                (None, dt.datetime(2024, 5, 7), "c", "FB", "facebook.com/humas/posts/111"),
                ("JUMLAH", "", "", "", 3),
            ]
        }
    )
    app, _ = _operator_app(engine, monkeypatch)
    before = snapshot(engine)
    _upload(app, fixed)
    assert app.info[1].value.startswith(
        "Diperbaiki otomatis: 3 tautan diberi https://, 1 tanggal dibaca dari bentuk lain (nama bulan, tahun dua "
        "angka, …), 2 platform dikenali dari nama singkatannya, 1 platform dikenali dari alamat tautan, "
        "1 baris JUMLAH/TOTAL diabaikan."
    )
    warned = {row["Lokasi"] for row in table(app, 1)}
    assert {"TB News!E2", "TB News!B2", "TB News!D3", "TB News!A5"} <= warned
    assert snapshot(engine) == before
