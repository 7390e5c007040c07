"""Downloads (AppTest): every download button on every page builds its file only when clicked
(nothing is registered under /media before), and each click writes one ``ekspor`` audit entry
naming who, which file and which filters; a click by an account disabled, demoted or moved to
another Polda since the page was drawn gets nothing; the log and the user list are read only by
an admin; a damaged PowerPoint template on Ekspor gets an Indonesian message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analytics.izin import Pelaku, TidakBerwenang
from db.akun import baca_pengguna
from db.audit import baca_log_audit, daftar_audit
from db.engine import make_engine
from db.models import Pengguna
from db.queries import cari_polda
from tests.test_deck import TEMPLAT_RUSAK, templat_uji
from tests.test_pages import PPTX, open_app, show
from tests.test_unggah_halaman import BROKEN, XLSX
from ui.halaman import HALAMAN

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
PIMPINAN = Pelaku(2, "pimpinan.contoh", "pimpinan")
OPERATOR = Pelaku(3, "operator.kedirikota", "operator", satker_id=1, polda_id=1)


@pytest.fixture
def dibuat(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], Any]]:
    """file name → the callable a deferred download button registered (what a click runs)."""
    tercatat: dict[str, Callable[[], Any]] = {}
    asli = MediaFileManager.add_deferred

    def add_deferred(self: MediaFileManager, data_callable: Callable[[], Any], *args: Any, **kwargs: Any) -> str:
        tercatat[kwargs.get("file_name") or args[2]] = data_callable
        return asli(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return tercatat


def _ekspor(url: str) -> list[dict[str, Any]]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = [(c.pelaku, c.detail) for c in daftar_audit(session, aksi=("ekspor",))]
    engine.dispose()
    return [{"pelaku": pelaku, **detail} for pelaku, detail in rows]


def _tombol_unduh(app: AppTest) -> list[Any]:
    return list(app.get("download_button"))


def _semua_tombol(app: AppTest) -> dict[str, Any]:
    """Every download button the admin can reach, by label: each page, plus the deck after
    "Buat deck" and the marked-up copy of a rejected upload."""
    tombol: dict[str, Any] = {}
    for halaman in HALAMAN:
        if halaman.hanya_nasional:
            continue
        show(app, halaman.nama)
        if halaman.nama == "ekspor":
            app.button[0].click().run()  # Buat deck
            assert not app.exception, [e.value for e in app.exception]
        if halaman.nama == "unggah":
            app.file_uploader(key="unggah_berkas").set_value(("rusak.xlsx", BROKEN, XLSX)).run()
            assert not app.exception, [e.value for e in app.exception]
        for button in _tombol_unduh(app):
            tombol[f"{halaman.nama}: {button.proto.label}"] = button
    return tombol


@SQLITE_ONLY
def test_every_download_is_built_on_click_and_each_click_is_audited_once(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, dibuat: dict[str, Callable[[], Any]]
) -> None:
    app = open_app(demo_url, monkeypatch)
    tombol = _semua_tombol(app)
    assert {
        "peringkat: Unduh CSV",
        "peringkat: Unduh XLSX",
        "ekspor: Unduh deck (.pptx)",
        "ekspor: Unduh tabel peringkat (.xlsx)",
        "unggah: Unduh templat laporan",
        "unggah: Unduh salinan bertanda kesalahan (.xlsx)",
        "admin_audit: Unduh CSV",
        "admin_audit: Unduh XLSX",
    } <= set(tombol)
    # Deferred: the button carries a placeholder id, no file address under /media.
    assert {label: (bool(b.proto.deferred_file_id), b.proto.url) for label, b in tombol.items()} == {
        label: (True, "") for label in tombol
    }
    assert _ekspor(demo_url) == []  # rendering wrote nothing

    for nama_berkas, unduh in dibuat.items():
        sebelum = len(_ekspor(demo_url))
        data = unduh()
        assert isinstance(data, bytes) and len(data) > 100, nama_berkas
        sesudah = _ekspor(demo_url)
        assert len(sesudah) == sebelum + 1, nama_berkas
        assert sesudah[0]["pelaku"] == "admin.contoh" and sesudah[0]["berkas"] == nama_berkas

    peringkat = next(e for e in _ekspor(demo_url) if e["jenis"] == "peringkat_csv")
    assert peringkat["polda"] == "Polda Jawa Timur" and peringkat["kategori"] == "link_amplifikasi"
    assert peringkat["periode"]  # the period code of the sidebar filter
    log = next(e for e in _ekspor(demo_url) if e["jenis"] == "log_audit_xlsx")
    assert {"sejak", "sampai", "saringan_aksi", "saringan_pelaku"} <= set(log)


@SQLITE_ONLY
@pytest.mark.parametrize("perubahan", [{"peran": "pimpinan"}, {"aktif": False}])
def test_a_click_after_the_role_was_taken_builds_nothing_and_records_nothing(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, dibuat: dict[str, Callable[[], Any]], perubahan: dict[str, Any]
) -> None:
    """The page was drawn for an admin; by the click the account is a pimpinan, or disabled."""
    show(open_app(demo_url, monkeypatch), "admin_audit")
    unduh = next(f for nama, f in dibuat.items() if nama.startswith("log_audit_") and nama.endswith(".csv"))
    engine = make_engine(demo_url)
    with Session(engine) as session, session.begin():
        session.execute(update(Pengguna).where(Pengguna.username == "admin.contoh").values(**perubahan))
    engine.dispose()
    with pytest.raises(TidakBerwenang):
        unduh()
    assert _ekspor(demo_url) == []


@SQLITE_ONLY
def test_a_click_after_the_account_was_bound_to_another_polda_builds_nothing(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, dibuat: dict[str, Callable[[], Any]]
) -> None:
    """The ranking was drawn for Polda Jawa Timur; by the click the account belongs to another Polda."""
    show(open_app(demo_url, monkeypatch), "peringkat")
    unduh = next(f for nama, f in dibuat.items() if nama.startswith("peringkat_") and nama.endswith(".csv"))
    engine = make_engine(demo_url)
    with Session(engine) as session, session.begin():
        aceh = cari_polda(session, "Aceh")
        session.execute(update(Pengguna).where(Pengguna.username == "admin.contoh").values(polda_id=aceh))
    engine.dispose()
    with pytest.raises(TidakBerwenang, match="Polda lain"):
        unduh()
    assert _ekspor(demo_url) == []


@pytest.mark.parametrize("pelaku", [PIMPINAN, OPERATOR, None])
def test_only_an_admin_reads_the_audit_log_and_the_users(engine: Any, pelaku: Pelaku | None) -> None:
    with Session(engine) as session:
        with pytest.raises(TidakBerwenang):
            baca_log_audit(session, pelaku)
        with pytest.raises(TidakBerwenang):
            baca_pengguna(session, pelaku)
        admin = Pelaku.baris_perintah()
        assert isinstance(baca_log_audit(session, admin), list) and isinstance(baca_pengguna(session, admin), list)


@SQLITE_ONLY
def test_ekspor_explains_a_damaged_template_in_indonesian(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = show(open_app(demo_url, monkeypatch), "ekspor")
    for kasus in ("zip-without-presentation", "layout-xml-broken", "master-missing", "presentation-xml-broken", "huge"):
        make, message = TEMPLAT_RUSAK[kasus]
        app.file_uploader(key="ekspor_templat").set_value((f"{kasus}.pptx", make(templat_uji(tmp_path)), PPTX)).run()
        next(b for b in app.button if b.label == "Buat deck").click().run()
        assert not app.exception, (kasus, [e.value for e in app.exception])
        assert [e.value for e in app.error if message in e.value and "Traceback" not in e.value], kasus
        assert not [b for b in _tombol_unduh(app) if b.proto.label == "Unduh deck (.pptx)"], kasus
