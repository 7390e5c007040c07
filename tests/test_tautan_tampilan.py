"""Links in what leaves the app: the server's public address (Pengaturan) and the address of the
view at the end of the WhatsApp summary and of the deck's method slide; none without the setting."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from analytics.izin import Pelaku
from db import pengaturan
from db.engine import PROJECT_DIR, make_engine
from db.models import AuditLog
from exports.deck import build_deck
from tests.test_deck import _isi, _texts
from tests.test_pages import SQLITE_ONLY, choose, open_app, show

ALAMAT = "https://humas.poldajatim.example"


def _set_alamat(url: str, alamat: str) -> None:
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        pengaturan.set_alamat_publik(session, Pelaku.baris_perintah(), alamat)
    engine.dispose()


def _metode(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    slide = next(s for s in deck.slides if "Metode dan Sumber Data" in " ".join(_texts(s)))
    return _texts(slide)


def test_the_public_address_is_stored_checked_and_audited(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert pengaturan.alamat_publik(session) == ""
        assert pengaturan.set_alamat_publik(session, Pelaku.baris_perintah(), f" {ALAMAT}/ ") == ALAMAT
        with pytest.raises(ValueError, match="http:// atau https://"):
            pengaturan.set_alamat_publik(session, Pelaku.baris_perintah(), "humas.example")
    with Session(engine) as session:
        assert pengaturan.alamat_publik(session) == ALAMAT
        audit = session.scalars(select(AuditLog).where(AuditLog.aksi == "ubah_pengaturan")).all()
        assert [a.detail["kunci"] for a in audit] == ["alamat_publik"]


def test_the_deck_method_slide_ends_with_the_link_only_when_there_is_one() -> None:
    tautan = f"{ALAMAT}/ekspor?polda=jatim&periode=2024-05&kategori=tb_news"
    assert _metode(build_deck(_isi(tautan=tautan)))[-1].endswith(f"Lihat di dasbor: {tautan}")
    assert not any("Lihat di dasbor" in t for t in _metode(build_deck(_isi())))


@SQLITE_ONLY
def test_admin_sets_the_address_and_the_whatsapp_summary_ends_with_the_view(
    demo_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = show(open_app(demo_url, monkeypatch), "peringkat")
    assert "Lihat di dasbor" not in app.code[0].value
    show(app, "admin_pengaturan")
    app.text_input(key="alamat_publik").input("humas.example")
    next(b for b in app.button if b.label == "Simpan alamat").click().run()
    assert "http:// atau https://" in app.error[0].value
    app.text_input(key="alamat_publik").input(f"{ALAMAT}/")
    next(b for b in app.button if b.label == "Simpan alamat").click().run()
    assert app.success[0].value == "Alamat publik disimpan."
    show(app, "peringkat")
    choose(app, "jenis_periode", "triwulan")
    choose(app, "kategori", "tb_news")
    periode = app.query_params["periode"]
    assert app.code[0].value.endswith(
        f"\n\nLihat di dasbor: {ALAMAT}/peringkat?polda=jatim&periode={periode}&kategori=tb_news"
    )


@SQLITE_ONLY
def test_the_deck_built_on_ekspor_links_back_to_its_view(demo_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _set_alamat(demo_url, ALAMAT)
    app = open_app(demo_url, monkeypatch)
    app.query_params = {"periode": "2024-Q2", "kategori": "ipse"}
    show(app, "ekspor")
    next(b for b in app.button if b.label == "Buat deck").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert _metode(app.session_state["deck"][1])[-1].endswith(
        f"Lihat di dasbor: {ALAMAT}/ekspor?polda=jatim&periode=2024-Q2&kategori=ipse"
    )


@SQLITE_ONLY
def test_the_command_line_deck_links_to_the_ekspor_page(demo_url: str, tmp_path: Path) -> None:
    _set_alamat(demo_url, ALAMAT)
    keluaran = tmp_path / "deck.pptx"
    subprocess.run(
        [sys.executable, "-m", "etl", "deck", "--periode", "2024-Q2", "-o", str(keluaran)],
        cwd=PROJECT_DIR,
        env={"HUMAS_DATABASE_URL": demo_url, "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    assert _metode(keluaran.read_bytes())[-1].endswith(f"Lihat di dasbor: {ALAMAT}/ekspor?polda=jatim&periode=2024-Q2")
